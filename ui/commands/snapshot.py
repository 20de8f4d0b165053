"""An undoable edit of a workshop's decision, practice review or funnel.

The edit runs once; undo restores the state from before and redo the one from after,
each through the service's own restore function (one transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.commands.base import ServiceCommand
from ui.context import AppContext
from workshop.changes import Changes

_UNSET: Any = object()


class SnapshotEdit(ServiceCommand):
    """``action(db, wid)`` once; undo restores ``snapshot`` from before, redo the one from after."""

    def __init__(self, ctx: AppContext, workshop_id: int, text: str,
                 snapshot: Callable[[Any, int], Any], restore: Callable[[Any, int, Any], Changes],
                 action: Callable[[Any, int], Changes]) -> None:
        super().__init__(ctx, text)
        self.workshop = self.refs.workshop(workshop_id)
        self.snapshot, self.restore, self.action = snapshot, restore, action
        self.before: Any = _UNSET
        self.after: Any = _UNSET

    def forward(self) -> Changes:
        db, wid = self.ctx.db, self.workshop.id
        if self.after is _UNSET:
            self.before = self.snapshot(db, wid)
            changes = self.action(db, wid)
            self.after = self.snapshot(db, wid)
            return changes
        return self.restore(db, wid, self.after)

    def backward(self) -> Changes:
        return self.restore(self.ctx.db, self.workshop.id, self.before)
