"""The opening slide for the room: the four stages in one picture and the two sources of
friction between Sales and Marketing, in the workshop's language.

Shown on the presenter while the facilitator is on the first step. The words come from the
guide file; the stage names and bands from the instrument. No workshop data but its title.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.context import AppContext
from workshop.guide import default_guide
from workshop.instrument import default_instrument
from workshop.workshops import get_workshop

ACCENT = "#1f4e79"
# Light to dark: the picture reads as a scale without relying on colour (each box is named).
STAGE_FILL = ("#e8edf3", "#c9d6e5", "#8fb0d0", "#1f4e79")
STAGE_TEXT = ("#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff")


def _label(text: str, style: str, *, wrap: bool = True, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(style)
    if name:
        label.setObjectName(name)
    return label


class OpeningSlide(QWidget):
    """Title, the four stages as a rising row of boxes, and economic and cultural friction."""

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingSlide")
        workshop = get_workshop(ctx.db, workshop_id)
        lang = workshop.language
        guide, instrument = default_guide(), default_instrument()
        opening = guide.opening
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(_label(f"{workshop.client} · {workshop.title}", "font-size: 18px; color: #5c5c5c;",
                                name="openingWorkshop"))
        layout.addWidget(_label(opening.title(lang), f"font-size: 34px; font-weight: 600; color: {ACCENT};",
                                name="openingTitle"))

        stages = QHBoxLayout()
        stages.setSpacing(10)
        for i, stage in enumerate(instrument.stages):
            box = QFrame()
            box.setObjectName(f"openingStage_{stage.id}")
            box.setStyleSheet(f"QFrame#openingStage_{stage.id} {{ background: {STAGE_FILL[i]}; border-radius: 10px; }}")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(14, 10, 14, 12)
            inner.setSpacing(4)
            colour = STAGE_TEXT[i]
            inner.addWidget(_label(f"{i + 1}  {stage.name(lang)}",
                                   f"font-size: 22px; font-weight: 600; color: {colour};"))
            inner.addWidget(_label(f"{stage.lower}–{stage.upper}", f"font-size: 15px; color: {colour};"))
            inner.addWidget(_label(opening.stages[stage.id](lang), f"font-size: 16px; color: {colour};"))
            inner.addStretch(1)
            # Each box stands a little higher than the one before: the stages as steps up.
            column = QVBoxLayout()
            column.addSpacing(36 - 12 * i)
            column.addWidget(box, 1)
            stages.addLayout(column, 1)
        layout.addLayout(stages, 3)
        layout.addWidget(_label(opening.stay_note(lang), "font-size: 17px; color: #1a1a1a; font-style: italic;",
                                name="openingStayNote"))

        friction = QHBoxLayout()
        friction.setSpacing(18)
        for kind in opening.friction:
            card = QFrame()
            card.setObjectName(f"friction_{kind.id}")
            card.setStyleSheet(f"QFrame#friction_{kind.id} {{ background: #f5f7fa; border: 1px solid #dde1e7;"
                               " border-radius: 10px; }")
            inner = QVBoxLayout(card)
            inner.setContentsMargins(16, 10, 16, 12)
            inner.setSpacing(5)
            inner.addWidget(_label(kind.title(lang), f"font-size: 21px; font-weight: 600; color: {ACCENT};"))
            for point in kind.points:
                inner.addWidget(_label(f"•  {point(lang)}", "font-size: 16px; color: #1a1a1a;"))
            inner.addStretch(1)
            friction.addWidget(card, 1)
        layout.addLayout(friction, 4)
