"""The kiosk's big answer buttons (see ``ui.kiosk``; its style sheet is ``ui.theme.KIOSK``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from ui import theme


class ChoiceButton(QPushButton):
    """A big answer button: the number large, its meaning below, wrapped to fit."""

    def __init__(self, number: int, meaning: str) -> None:
        super().__init__()
        self.setObjectName("kioskChoice")
        self.meaning = meaning
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 10)
        self.number = label(str(number), "kioskNumber")
        self.label = label(meaning, "kioskMeaning")
        for part in (self.number, self.label):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(part)
        self.setAccessibleName(f"{number}: {meaning}")

    def show_chosen(self, chosen: bool) -> None:
        self.setChecked(chosen)
        self.label.setText(("✓ " if chosen else "") + self.meaning)
        for part in (self.number, self.label):
            part.setStyleSheet(theme.text(colour=theme.WHITE if chosen else theme.INK))


def label(text: str = "", name: str = "", center: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
