"""Undoable edits of a workshop's participants and their answers."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ui.commands.base import Ref, ServiceCommand
from ui.context import AppContext
from workshop import participants as service
from workshop.changes import Changes
from workshop.i18n import _
from workshop.importing import apply_plan


def _name(name: str | None) -> str:
    return name if name else _("anonymous participant")


def _moved(info: service.ParticipantInfo, workshop_id: int) -> service.ParticipantInfo:
    """A saved participant, in its workshop's current id (the workshop may have been restored)."""
    return info if info.workshop_id == workshop_id else replace(info, workshop_id=workshop_id)


class AddParticipant(ServiceCommand):
    def __init__(self, ctx: AppContext, workshop_id: int, name: str | None, function: str) -> None:
        super().__init__(ctx, _("Add {name}").format(name=_name(name)))
        self.workshop = self.refs.workshop(workshop_id)
        self.name, self.function = name, function
        self.ref: Ref | None = None
        self.saved: service.ParticipantInfo | None = None

    def forward(self) -> Changes:
        if self.saved is None:
            info, changes = service.add_participant(self.ctx.db, self.workshop.id, self.name, self.function)
            self.ref = self.refs.participant(info.id)
            return changes
        assert self.ref is not None
        info, changes = service.restore_participant(self.ctx.db, _moved(self.saved, self.workshop.id))
        self.refs.rebind(self.ref, info.id)
        return changes

    def backward(self) -> Changes:
        assert self.ref is not None
        self.saved, changes = service.remove_participant(self.ctx.db, self.ref.id)
        return changes


class RemoveParticipants(ServiceCommand):
    """Remove one or more participants with their answers; undo brings them all back, or none."""

    def __init__(self, ctx: AppContext, workshop_id: int, people: list[tuple[int, str | None]]) -> None:
        if len(people) == 1:
            text = _("Remove {name}").format(name=_name(people[0][1]))
        else:
            text = _("Remove {n} participants").format(n=len(people))
        super().__init__(ctx, text)
        self.workshop = self.refs.workshop(workshop_id)
        self.people = [self.refs.participant(pid) for pid, _name_ in people]
        self.saved: list[service.ParticipantInfo] = []

    def forward(self) -> Changes:
        self.saved, changes = service.remove_participants(self.ctx.db, [ref.id for ref in self.people])
        return changes

    def backward(self) -> Changes:
        wid = self.workshop.id
        restored, changes = service.restore_participants(self.ctx.db, [_moved(p, wid) for p in self.saved])
        self.refs.rebind_all(self.people, [p.id for p in restored])
        return changes


class EditParticipant(ServiceCommand):
    """A change of name (None = anonymous) or function."""

    def __init__(self, ctx: AppContext, participant_id: int, field: str, old: Any, new: Any) -> None:
        texts = {"name": _("Rename participant"), "function": _("Change function")}
        super().__init__(ctx, texts[field])
        self.ref = self.refs.participant(participant_id)
        self.field, self.old, self.new = field, old, new

    def _set(self, value: Any) -> Changes:
        return service.update_participant(self.ctx.db, self.ref.id, **{self.field: value})[1]

    def forward(self) -> Changes:
        return self._set(self.new)

    def backward(self) -> Changes:
        return self._set(self.old)


class ImportParticipants(ServiceCommand):
    """Apply an import plan; undo removes who it added and puts back what it changed."""

    def __init__(self, ctx: AppContext, workshop_id: int, plan: Any, text: str | None = None) -> None:
        super().__init__(ctx, text or _("Import participants"))
        self.workshop = self.refs.workshop(workshop_id)
        self.plan = plan
        self.added: list[Ref] = []
        self.before: list[tuple[Ref, service.ParticipantInfo]] = []  # who the import changes, as they were
        self.report: Any = None

    def forward(self) -> Changes:
        wid = self.workshop.id
        existing = {p.id: p for p in service.list_participants(self.ctx.db, wid)}
        self.before = [
            (self.refs.participant(row.participant_id), existing[row.participant_id])
            for row in self.plan.rows
            if row.participant_id is not None and row.participant_id in existing
        ]
        self.report = apply_plan(self.ctx.db, wid, self.plan)
        new_ids = [p.id for p in service.list_participants(self.ctx.db, wid) if p.id not in existing]
        if self.added and len(self.added) == len(new_ids):
            self.refs.rebind_all(self.added, new_ids)
        else:
            self.added = [self.refs.participant(pid) for pid in new_ids]
        return self.report.changes

    def backward(self) -> Changes:
        db = self.ctx.db
        service.remove_participants(db, [ref.id for ref in self.added])
        for ref, info in self.before:
            pid = ref.id
            service.update_participant(db, pid, function=info.function)
            current = service.get_participant(db, pid).answers
            answers: dict[str, int | None] = {qid: None for qid in current if qid not in info.answers}
            answers.update({qid: score for qid, score in info.answers.items() if current.get(qid) != score})
            if answers:
                service.set_answers(db, pid, answers, "import")
        return Changes(workshop_id=self.workshop.id, participants=True, answers=True)


class ImportResponses(ImportParticipants):
    """A responses CSV typed into the paper grid (the same plan, with answers)."""

    def __init__(self, ctx: AppContext, workshop_id: int, plan: Any) -> None:
        super().__init__(ctx, workshop_id, plan, _("Import responses"))


class SetAnswer(ServiceCommand):
    """One typed cell of a paper form; undo puts back what was there (or clears it)."""

    def __init__(self, ctx: AppContext, workshop_id: int, participant_id: int, qid: str,
                 old: int | None, new: int | None) -> None:
        text = _("Clear {qid}").format(qid=qid) if new is None else _("Enter {score} for {qid}").format(
            score=new, qid=qid)
        super().__init__(ctx, text)
        self.workshop = self.refs.workshop(workshop_id)
        self.person = self.refs.participant(participant_id)
        self.qid, self.old, self.new = qid, old, new

    def _set(self, score: int | None) -> Changes:
        return service.set_answer(self.ctx.db, self.person.id, self.qid, score, "paper", workshop_id=self.workshop.id)

    def forward(self) -> Changes:
        return self._set(self.new)

    def backward(self) -> Changes:
        return self._set(self.old)
