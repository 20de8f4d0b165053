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

from PySide6.QtCore import QCoreApplication, QObject, Signal
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
        self.pages: dict[int, int] = {}  # which slide of the view, for views the room sees in pages

    def get(self, workshop_id: int) -> str:
        return self.views.get(workshop_id, self.default)

    def page(self, workshop_id: int) -> int:
        return self.pages.get(workshop_id, 0)

    def set(self, workshop_id: int, view: str) -> None:
        if self.get(workshop_id) != view or self.page(workshop_id):
            self.views[workshop_id] = view
            self.pages[workshop_id] = 0  # a view starts on its first slide
            self.changed.emit(workshop_id, view)

    def turn(self, workshop_id: int, step: int, count: int) -> bool:
        """The next (+1) or previous (-1) of ``count`` slides; False at either end."""
        page = self.page(workshop_id) + step
        if not 0 <= page < count:
            return False
        self.pages[workshop_id] = page
        self.changed.emit(workshop_id, self.get(workshop_id))
        return True


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
            self._services[key] = _owned_by_the_app(make())
        return self._services[key]

    def __post_init__(self) -> None:
        _owned_by_the_app(self.reveal_focus)
        _owned_by_the_app(self.commit_focus)


def _owned_by_the_app(thing: Any) -> Any:
    """A Qt object the context keeps (a countdown with its timer, a registry) is owned by the
    application, so that it ends on the GUI thread with the app: were it freed with the last
    reference to the context, that could be in a worker thread finishing a task."""
    app = QCoreApplication.instance()
    if isinstance(thing, QObject) and thing.parent() is None and app is not None:
        thing.setParent(app)
    return thing
