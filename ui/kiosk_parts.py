"""The kiosk's look: its style sheet and big answer buttons (see ``ui.kiosk``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

STYLE = """
#kiosk { background: white; }
#kiosk QLabel { color: #1a1a1a; font-size: 20px; }
#kiosk QLabel#kioskTitle { font-size: 38px; font-weight: 600; color: #1f4e79; }
#kiosk QLabel#kioskStatement { font-size: 36px; font-weight: 500; }
#kiosk QLabel#kioskHint { font-size: 17px; color: #5c5c5c; }
#kiosk QLineEdit { font-size: 24px; padding: 8px; border: 2px solid #8a8a8a; border-radius: 6px; }
#kiosk QListWidget { font-size: 24px; border: 2px solid #d0d0d0; border-radius: 6px; }
#kiosk QListWidget::item { padding: 10px; }
#kiosk QListWidget::item:selected { background: #1f4e79; color: white; }
#kiosk QPushButton { font-size: 20px; padding: 12px 22px; border: 2px solid #8a8a8a; border-radius: 8px;
                     background: #f4f4f4; color: #1a1a1a; }
#kiosk QPushButton:focus { border: 3px solid #f0b429; }
#kiosk QPushButton#kioskPrimary { background: #1f4e79; color: white; border-color: #173b5c; font-weight: 600; }
#kiosk QPushButton:disabled { background: #f4f4f4; color: #a0a0a0; border-color: #d0d0d0; }
#kiosk QPushButton#kioskChoice { font-size: 22px; min-height: 150px; min-width: 150px; padding: 4px; }
#kiosk QLabel#kioskNumber { font-size: 40px; font-weight: 700; }
#kiosk QLabel#kioskMeaning { font-size: 19px; }
#kiosk QPushButton#kioskChoice:checked { background: #1f4e79; color: white; border: 4px solid #1a1a1a; }
#kiosk QPushButton#kioskQuiet { font-size: 14px; padding: 4px 10px; border: none; background: transparent;
                                color: #8a8a8a; }
#kiosk QProgressBar { border: 2px solid #1a1a1a; border-radius: 5px; background: white; max-height: 16px; }
#kiosk QProgressBar::chunk { background: #1f4e79; }
"""


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
        colour = "white" if chosen else "#1a1a1a"
        for part in (self.number, self.label):
            part.setStyleSheet(f"color: {colour};")


def label(text: str = "", name: str = "", center: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
