"""What every window and page shares: the database, the change bus, the undo stack, and
what the app remembers while it runs.

Pages get an ``AppContext`` and a workshop id; they call service functions in
``workshop/`` (through ``ui.commands`` for edits) and publish the returned ``Changes`` on
the bus. Every view follows the bus through ``ui.steps.base`` and refreshes only when a
change concerns it (no polling). State that lives as long as the app (what the presenter
shows, opened gates, running countdowns and phone collections, the day) hangs here, never
in a module global, so two contexts (two databases, two tests) never share it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workshop.changes import Changes
from workshop.storage.db import Database


class ChangeBus(QObject):
    """One signal for every data change, and one for the facilitator's current step.

    ``settled`` follows a change the facilitator made in this window (an edit, an undo):
    views in sight show it at once. Changes arriving from elsewhere (answers from phones)
    come without it, and views show them once per burst.
    """

    changed = Signal(object)  # workshop.changes.Changes
    settled = Signal()
    step_changed = Signal(int, str)  # workshop id, step key (for the presenter window)

    def publish(self, changes: Changes, *, settle: bool = True) -> None:
        self.changed.emit(changes)
        if settle:
            self.settled.emit()


class Focus(QObject):
    """Which view of a step the presenter window shows, per workshop (the facilitator picks)."""

    changed = Signal(int, str)

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default
        self.views: dict[int, str] = {}

    def get(self, workshop_id: int) -> str:
        return self.views.get(workshop_id, self.default)

    def set(self, workshop_id: int, view: str) -> None:
        if self.get(workshop_id) != view:
            self.views[workshop_id] = view
            self.changed.emit(workshop_id, view)


@dataclass
class AppContext:
    db: Database
    bus: ChangeBus = field(default_factory=ChangeBus)
    undo: QUndoStack = field(default_factory=QUndoStack)
    language: str = "en"  # the interface language; a workshop has its own for content
    today: dt.date | None = None  # None: the calendar's day (a fixed day for screenshots and tests)
    reveal_focus: Focus = field(default_factory=lambda: Focus("overview"))
    commit_focus: Focus = field(default_factory=lambda: Focus("commitments"))
    gates_opened: set[int] = field(default_factory=set)  # workshops whose pages show results early
    _services: dict[str, Any] = field(default_factory=dict, repr=False)

    def apply(self, changes: Changes) -> Changes:
        """Publish what the facilitator's edit changed; views in sight show it at once."""
        self.bus.publish(changes)
        return changes

    def stream(self, changes: Changes) -> Changes:
        """Publish a change that arrived from elsewhere (a phone); views gather a burst of them."""
        self.bus.publish(changes, settle=False)
        return changes

    def date(self) -> dt.date:
        return self.today or dt.date.today()

    def service(self, key: str, make: Any) -> Any:
        """The one ``make()`` of this context under ``key`` (the countdowns, the phone collections),
        made the first time it is asked for, so a module that is never used is never loaded."""
        if key not in self._services:
            self._services[key] = make()
        return self._services[key]
