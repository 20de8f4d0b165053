"""Small widgets the pages share: labels, cards, wrapping check boxes, choice toggles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from workshop.i18n import _


def label(text: str = "", name: str = "", *, wrap: bool = False, style: str = "") -> QLabel:
    """Plain text (never rich text: names and notes come from users); ``style`` from ``ui.theme``."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if style:
        widget.setStyleSheet(style)
    return widget


def card(name: str = "stepCard", *, background: str = theme.WHITE, radius: int = 8) -> tuple[QFrame, QVBoxLayout]:
    """A panel with a thin border (white unless told), and the layout to fill it."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(theme.card(name, background, radius))
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*theme.CARD_MARGINS)
    layout.setSpacing(8)
    return frame, layout


class WrapCheck(QWidget):
    """A check box whose text wraps (a plain QCheckBox keeps long text on one line)."""

    def __init__(self, text: str, parent: QWidget | None = None, font_px: int = 14) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 3, 0, 3)
        layout.setSpacing(8)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.text = label(text, wrap=True, style=theme.text(font_px))
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # The label's own click handler replaced on this one instance: clicking the text ticks the box.
        self.text.mousePressEvent = lambda _event: self.box.click()  # type: ignore[method-assign]
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.toggled = self.box.toggled

    def setChecked(self, on: bool) -> None:  # noqa: N802 - Qt's name
        self.box.blockSignals(True)
        self.box.setChecked(on)
        self.box.blockSignals(False)

    def isChecked(self) -> bool:  # noqa: N802
        return self.box.isChecked()


def toggle_button(text: str, name: str, accessible: str) -> QPushButton:
    """One of a set of choices; the chosen one is filled, bold and marked ✔ (never colour alone)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setCheckable(True)
    button.setAccessibleName(accessible)
    button.setToolTip(_("Click again to clear"))
    button.setStyleSheet(theme.TOGGLE)
    bold = QFont(button.font())
    bold.setBold(True)
    button.setMinimumWidth(QFontMetrics(bold).horizontalAdvance("✔ " + text) + 24)
    return button


def mark_checked(button: QPushButton, on: bool, text: str) -> None:
    button.setChecked(on)
    button.setText(("✔ " if on else "") + text)


def separator_line() -> QWidget:
    """A thin horizontal rule between rows of a list of cards."""
    line = QWidget()
    line.setFixedHeight(1)
    line.setStyleSheet(theme.separator())
    return line


def clear_layout(layout: Any) -> None:
    """Empty a layout that is filled again on refresh (widgets go at the next turn of the loop)."""
    while layout.count():
        item = layout.takeAt(0)
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)
            inner.deleteLater()


def stack_when_narrow(columns: QBoxLayout, narrow: bool) -> bool:
    """Columns side by side, or one above the other in a narrow window; True if that changed."""
    direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
    if columns.direction() == direction:
        return False
    columns.setDirection(direction)
    return True
