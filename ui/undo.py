"""Undoable edits: ``QUndoCommand``s that call service functions both ways.

Use :func:`perform` for a new edit: it runs the command once (a ``WorkshopError`` is shown
and nothing is pushed), publishes the changes and pushes the command on ``ctx.undo``.

Rows are named through :class:`Ref` objects rather than bare ids: undoing a delete brings
a row back under a new id, and every command that names that row (through the same
``Ref``) follows it. Get refs from :func:`refs` so that commands share them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand

from ui.context import AppContext
from workshop.changes import Changes
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.storage.db import Database

EVERYTHING = dict(workshops=True, participants=True, answers=True, decision=True, practices=True,
                  funnel=True, commitments=True)


@dataclass(eq=False)
class Ref:
    kind: str  # "workshop" or "participant"
    id: int


class Refs:
    """The live ``Ref`` of every row an undo command names, per database."""

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

    def rebind(self, ref: Ref, new_id: int) -> None:
        old = ref.id
        if self._by_key.get((ref.kind, old)) is ref:
            del self._by_key[(ref.kind, old)]
        ref.id = new_id
        self._by_key[(ref.kind, new_id)] = ref
        for listener in list(self.rebound):
            listener(ref.kind, old, new_id)


_refs: weakref.WeakKeyDictionary[Database, Refs] = weakref.WeakKeyDictionary()


def refs(db: Database) -> Refs:
    if db not in _refs:
        _refs[db] = Refs()
    return _refs[db]


class ServiceCommand(QUndoCommand):
    """A command whose ``forward``/``backward`` call services and return ``Changes``."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.refs = refs(ctx.db)
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
        from ui.errors import show_error

        try:
            changes = step()
        except WorkshopError as exc:
            show_error(None, exc, _("Cannot undo or redo that"))
            self.setObsolete(True)  # the stack drops a command that no longer applies
            return
        self.ctx.apply(changes)


def perform(ctx: AppContext, command: ServiceCommand, parent: Any = None, *, show_errors: bool = True) -> bool:
    """Do a new edit: on success publish it and make it undoable; on a known error show it.

    With ``show_errors=False`` a ``WorkshopError`` propagates (a dialog shows it inline).
    """
    from ui.errors import show_error

    try:
        changes = command.forward()
    except WorkshopError as exc:
        if not show_errors:
            raise
        show_error(parent, exc)
        return False
    command._skip_redo = True
    ctx.undo.push(command)
    ctx.apply(changes)
    return True


def _name(name: str | None) -> str:
    return name if name else _("anonymous participant")


# --- participants -------------------------------------------------------------------


class AddParticipant(ServiceCommand):
    def __init__(self, ctx: AppContext, workshop_id: int, name: str | None, function: str) -> None:
        super().__init__(ctx, _("Add {name}").format(name=_name(name)))
        self.workshop = self.refs.workshop(workshop_id)
        self.name, self.function = name, function
        self.ref: Ref | None = None
        self.saved: Any = None

    def forward(self) -> Changes:
        from workshop import participants

        if self.saved is None:
            info, changes = participants.add_participant(self.ctx.db, self.workshop.id, self.name, self.function)
            self.ref = self.refs.participant(info.id)
            return changes
        saved = _moved(self.saved, self.workshop.id)
        _check_free(self.ctx.db, self.workshop.id, [saved])
        info, changes = participants.restore_participant(self.ctx.db, saved)
        assert self.ref is not None
        self.refs.rebind(self.ref, info.id)
        return changes

    def backward(self) -> Changes:
        from workshop import participants

        assert self.ref is not None
        self.saved, changes = participants.remove_participant(self.ctx.db, self.ref.id)
        return changes


def _check_free(db: Database, workshop_id: int, people: list[Any]) -> None:
    """Refuse to bring back a participant whose name was taken in the meantime."""
    from workshop.errors import InputError
    from workshop.participants import list_participants

    taken = {p.name.lower() for p in list_participants(db, workshop_id) if p.name}
    for person in people:
        if person.name and person.name.lower() in taken:
            raise InputError(
                _("“{name}” cannot come back: another participant of this workshop has that name now.")
                .format(name=person.name)
            )


def _moved(info: Any, workshop_id: int) -> Any:
    """A saved participant, in its workshop's current id (the workshop may have been restored)."""
    from dataclasses import replace

    return info if info.workshop_id == workshop_id else replace(info, workshop_id=workshop_id)


class RemoveParticipants(ServiceCommand):
    def __init__(self, ctx: AppContext, workshop_id: int, people: list[tuple[int, str | None]]) -> None:
        if len(people) == 1:
            text = _("Remove {name}").format(name=_name(people[0][1]))
        else:
            text = _("Remove {n} participants").format(n=len(people))
        super().__init__(ctx, text)
        self.workshop = self.refs.workshop(workshop_id)
        self.people = [self.refs.participant(pid) for pid, _name_ in people]
        self.saved: list[Any] = []

    def forward(self) -> Changes:
        from workshop import participants

        self.saved = []
        changes = Changes(workshop_id=self.workshop.id, participants=True, answers=True)
        for ref in self.people:
            removed, _changes = participants.remove_participant(self.ctx.db, ref.id)
            self.saved.append(removed)
        return changes

    def backward(self) -> Changes:
        from workshop import participants

        _check_free(self.ctx.db, self.workshop.id, self.saved)
        for ref, removed in zip(self.people, self.saved, strict=True):
            info, _changes = participants.restore_participant(self.ctx.db, _moved(removed, self.workshop.id))
            self.refs.rebind(ref, info.id)
        return Changes(workshop_id=self.workshop.id, participants=True, answers=True)


class EditParticipant(ServiceCommand):
    """A change of name (None = anonymous) or function."""

    def __init__(self, ctx: AppContext, participant_id: int, field: str, old: Any, new: Any) -> None:
        texts = {"name": _("Rename participant"), "function": _("Change function")}
        super().__init__(ctx, texts[field])
        self.ref = self.refs.participant(participant_id)
        self.field, self.old, self.new = field, old, new

    def _set(self, value: Any) -> Changes:
        from workshop.participants import update_participant

        return update_participant(self.ctx.db, self.ref.id, **{self.field: value})[1]

    def forward(self) -> Changes:
        return self._set(self.new)

    def backward(self) -> Changes:
        return self._set(self.old)


class ImportParticipants(ServiceCommand):
    """Apply an import plan; undo removes who it added and puts back what it changed."""

    def __init__(self, ctx: AppContext, workshop_id: int, plan: Any) -> None:
        super().__init__(ctx, _("Import participants"))
        self.workshop = self.refs.workshop(workshop_id)
        self.plan = plan
        self.added: list[Ref] = []
        self.before: list[tuple[Ref, Any]] = []  # who the import changes, as they were before
        self.report: Any = None

    def forward(self) -> Changes:
        from workshop import participants
        from workshop.importing import apply_plan

        wid = self.workshop.id
        existing = {p.id: p for p in participants.list_participants(self.ctx.db, wid)}
        self.before = [
            (self.refs.participant(row.participant_id), existing[row.participant_id])
            for row in self.plan.rows
            if row.participant_id is not None and row.participant_id in existing
        ]
        self.report = apply_plan(self.ctx.db, wid, self.plan)
        new_ids = [p.id for p in participants.list_participants(self.ctx.db, wid) if p.id not in existing]
        if self.added and len(self.added) == len(new_ids):
            for ref, new_id in zip(self.added, new_ids, strict=True):
                self.refs.rebind(ref, new_id)
        else:
            self.added = [self.refs.participant(pid) for pid in new_ids]
        return self.report.changes

    def backward(self) -> Changes:
        from workshop import participants

        db = self.ctx.db
        for ref in self.added:
            participants.remove_participant(db, ref.id)
        for ref, info in self.before:
            pid = ref.id
            participants.update_participant(db, pid, function=info.function)
            current = participants.get_participant(db, pid).answers
            answers: dict[str, int | None] = {qid: None for qid in current if qid not in info.answers}
            answers.update({qid: score for qid, score in info.answers.items() if current.get(qid) != score})
            if answers:
                participants.set_answers(db, pid, answers, "import")
        return Changes(workshop_id=self.workshop.id, participants=True, answers=True)


# --- workshops ----------------------------------------------------------------------


class UpdateWorkshop(ServiceCommand):
    def __init__(self, ctx: AppContext, workshop_id: int, old: dict[str, Any], new: dict[str, Any]) -> None:
        super().__init__(ctx, _("Change workshop settings"))
        self.workshop = self.refs.workshop(workshop_id)
        self.old, self.new = old, new

    def forward(self) -> Changes:
        from workshop.workshops import update_workshop

        return update_workshop(self.ctx.db, self.workshop.id, **self.new)[1]

    def backward(self) -> Changes:
        from workshop.workshops import update_workshop

        return update_workshop(self.ctx.db, self.workshop.id, **self.old)[1]


class _WorkshopSnapshot:
    """Delete a workshop keeping everything needed to bring it back, and bring it back."""

    def __init__(self, command: ServiceCommand, ref: Ref) -> None:
        self.command = command
        self.ref = ref
        self.data: dict[str, Any] | None = None
        self.people: list[int] = []

    def delete(self) -> Changes:
        from workshop import participants
        from workshop.transfer import export_data
        from workshop.workshops import delete_workshop

        db = self.command.ctx.db
        self.data = export_data(db, self.ref.id)
        self.people = [p.id for p in participants.list_participants(db, self.ref.id)]
        return delete_workshop(db, self.ref.id)

    def restore(self) -> Changes:
        from workshop import participants
        from workshop.transfer import restore_from_data

        assert self.data is not None
        db = self.command.ctx.db
        refs = self.command.refs
        new_id = restore_from_data(db, self.data)
        old_id = self.ref.id
        refs.rebind(self.ref, new_id)
        now = [p.id for p in participants.list_participants(db, new_id)]
        # Take every ref before rebinding any: a new id may equal another row's old id.
        people = [refs.participant(old_pid) for old_pid in self.people]
        for ref, new_pid in zip(people, now, strict=False):
            refs.rebind(ref, new_pid)
        from ui import preferences

        preferences.replace_workshop_id(old_id, new_id)
        return Changes(workshop_id=new_id, **EVERYTHING)


class DeleteWorkshop(ServiceCommand):
    def __init__(self, ctx: AppContext, workshop_id: int, label: str) -> None:
        super().__init__(ctx, _("Delete workshop {title}").format(title=label))
        self.snapshot = _WorkshopSnapshot(self, self.refs.workshop(workshop_id))

    @property
    def workshop_id(self) -> int:
        return self.snapshot.ref.id

    def forward(self) -> Changes:
        return self.snapshot.delete()

    def backward(self) -> Changes:
        return self.snapshot.restore()


class CreateWorkshop(ServiceCommand):
    """A workshop that came into being (new, follow-up, imported); undo deletes it again.

    ``create`` runs the service the first time and returns the new workshop's id.
    """

    def __init__(self, ctx: AppContext, text: str, create: Callable[[], int]) -> None:
        super().__init__(ctx, text)
        self.create = create
        self.snapshot: _WorkshopSnapshot | None = None

    @property
    def workshop_id(self) -> int:
        assert self.snapshot is not None
        return self.snapshot.ref.id

    def forward(self) -> Changes:
        if self.snapshot is None:
            new_id = self.create()
            self.snapshot = _WorkshopSnapshot(self, self.refs.workshop(new_id))
            return Changes(workshop_id=new_id, **EVERYTHING)
        return self.snapshot.restore()

    def backward(self) -> Changes:
        assert self.snapshot is not None
        return self.snapshot.delete()
