"""The one shape of an undoable edit, and ``perform`` to run a new one.

Rows are named through :class:`Ref` objects rather than bare ids: undoing a delete brings
a row back under a new id, and every command that names that row (through the same
``Ref``) follows it. Commands get refs from ``self.refs`` (one ``Refs`` per app context)
so that they share them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand

from ui.context import AppContext
from ui.errors import show_error
from workshop.changes import Changes
from workshop.errors import WorkshopError
from workshop.i18n import _


@dataclass(eq=False)
class Ref:
    kind: str  # "workshop", "participant" or "commitment"
    id: int


class Refs:
    """The live ``Ref`` of every row an undo command names."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, int], Ref] = {}
        self.rebound: list[Callable[[str, int, int], None]] = []  # listeners (kind, old, new)

    def get(self, kind: str, row_id: int) -> Ref:
        ref = self._by_key.get((kind, row_id))
        if ref is None:
            ref = self._by_key[(kind, row_id)] = Ref(kind, row_id)
        return ref

    def workshop(self, workshop_id: int) -> Ref:
        return self.get("workshop", workshop_id)

    def participant(self, participant_id: int) -> Ref:
        return self.get("participant", participant_id)

    def commitment(self, commitment_id: int) -> Ref:
        return self.get("commitment", commitment_id)

    def rebind(self, ref: Ref, new_id: int) -> None:
        old = ref.id
        if self._by_key.get((ref.kind, old)) is ref:
            del self._by_key[(ref.kind, old)]
        ref.id = new_id
        self._by_key[(ref.kind, new_id)] = ref
        for listener in list(self.rebound):
            listener(ref.kind, old, new_id)

    def rebind_all(self, refs: list[Ref], new_ids: list[int]) -> None:
        """Rebind several at once (each ref is taken before any id moves: a new id may be another's old)."""
        for ref, new_id in zip(refs, new_ids, strict=True):
            self.rebind(ref, new_id)


class ServiceCommand(QUndoCommand):
    """A command whose ``forward``/``backward`` call services and return ``Changes``."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.refs: Refs = ctx.service("refs", Refs)
        self._skip_redo = False

    def forward(self) -> Changes:
        raise NotImplementedError

    def backward(self) -> Changes:
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:  # already done by perform()
            self._skip_redo = False
            return
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, step: Callable[[], Changes]) -> None:
        try:
            changes = step()
        except WorkshopError as exc:
            show_error(None, exc, _("Cannot undo or redo that"))
            self.setObsolete(True)  # the stack drops a command that no longer applies
            return
        self.ctx.apply(changes)


def perform(ctx: AppContext, command: ServiceCommand, parent: Any = None, *, show_errors: bool = True) -> bool:
    """Do a new edit: on success publish it (made by ``parent``) and make it undoable; on a
    known error show it. With ``show_errors=False`` a ``WorkshopError`` propagates (a dialog
    shows it inline)."""
    try:
        changes = command.forward()
    except WorkshopError as exc:
        if not show_errors:
            raise
        show_error(parent, exc)
        return False
    command._skip_redo = True
    ctx.undo.push(command)
    ctx.apply(changes.by(parent))
    return True
