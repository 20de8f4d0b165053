"""The reveal gate of the steps that show the group's stage (decide, plan).

Before the reveal these pages wait, so that nobody sees the stage ahead of the room; the
facilitator may open one early on their own screen (remembered while the app runs, in
``ctx.gates_opened``). The presenter screen always waits for the reveal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton

from ui.context import AppContext
from ui.widgets import card, label
from workshop.i18n import _
from workshop.workshops import WorkshopInfo


def gate_closed(ctx: AppContext, workshop: WorkshopInfo) -> bool:
    """Before the reveal, pages that show the group's stage wait until the facilitator says so."""
    return not workshop.revealed and workshop.id not in ctx.gates_opened


def reveal_gate(ctx: AppContext, workshop_id: int, text: str, on_open: Callable[[], None]) -> QFrame:
    """A card saying the results are still hidden, with a button to go ahead anyway."""
    frame, layout = card("revealGate")
    layout.setContentsMargins(24, 18, 24, 18)
    layout.addWidget(label(_("The results are still hidden"), "sectionHeading"))
    layout.addWidget(label(text, wrap=True))
    button = QPushButton(_("Show this step anyway"))
    button.setObjectName("openGate")
    button.setToolTip(_("Show the group's stage on this screen; the presenter screen waits for the reveal"))

    def open_() -> None:
        ctx.gates_opened.add(workshop_id)
        on_open()

    button.clicked.connect(open_)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return frame
