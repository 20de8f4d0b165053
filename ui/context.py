"""What every window and page shares: the database, the change bus and the undo stack.

Pages get an ``AppContext`` and a workshop id; they call service functions in
``workshop/`` and publish the returned ``Changes`` on the bus. Every view listens to the
bus and refreshes only when the change concerns it (no polling).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workshop.changes import Changes
from workshop.storage.db import Database


class ChangeBus(QObject):
    """One signal for every data change, and one for the facilitator's current step."""

    changed = Signal(object)  # workshop.changes.Changes
    step_changed = Signal(int, str)  # workshop id, step key (for the presenter window)

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)


@dataclass
class AppContext:
    db: Database
    bus: ChangeBus = field(default_factory=ChangeBus)
    undo: QUndoStack = field(default_factory=QUndoStack)
    language: str = "en"  # the interface language; a workshop has its own for content

    def apply(self, changes: Changes) -> Changes:
        """Publish what a service call changed; returns it for chaining."""
        self.bus.publish(changes)
        return changes
