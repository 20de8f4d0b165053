"""Undoable edits of commitments, shared by the plan, commit and follow-up views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ui.commands.base import Ref, ServiceCommand
from ui.context import AppContext
from workshop import commitments as service
from workshop.changes import Changes
from workshop.follow_up import carry_forward
from workshop.i18n import _


def _moved(info: service.CommitmentInfo, workshop_id: int) -> service.CommitmentInfo:
    """A saved commitment, in its workshop's current id (the workshop may have been restored)."""
    return info if info.workshop_id == workshop_id else replace(info, workshop_id=workshop_id)


class AddCommitment(ServiceCommand):
    """``create(db, workshop_id) -> (CommitmentInfo, Changes)``; undo deletes it, redo brings it back."""

    def __init__(self, ctx: AppContext, workshop_id: int, create: Callable[[Any, int], tuple[Any, Changes]],
                 text: str | None = None) -> None:
        super().__init__(ctx, text or _("Add a commitment"))
        self.workshop = self.refs.workshop(workshop_id)
        self.create = create
        self.ref: Ref | None = None
        self.saved: service.CommitmentInfo | None = None

    def forward(self) -> Changes:
        if self.saved is None:
            info, changes = self.create(self.ctx.db, self.workshop.id)
            self.ref = self.refs.commitment(info.id)
            return changes
        assert self.ref is not None
        info, changes = service.restore_commitment(self.ctx.db, _moved(self.saved, self.workshop.id))
        self.refs.rebind(self.ref, info.id)
        return changes

    def backward(self) -> Changes:
        assert self.ref is not None
        self.saved, changes = service.delete_commitment(self.ctx.db, self.ref.id)
        return changes


class EditCommitment(ServiceCommand):
    """One field of one commitment, from ``old`` to ``new``."""

    def __init__(self, ctx: AppContext, commitment_id: int, field: str, old: Any, new: Any,
                 text: str | None = None) -> None:
        super().__init__(ctx, text or _("Edit a commitment"))
        self.ref = self.refs.commitment(commitment_id)
        self.field, self.old, self.new = field, old, new

    def _set(self, value: Any) -> Changes:
        return service.update_commitment(self.ctx.db, self.ref.id, **{self.field: value})[1]

    def forward(self) -> Changes:
        return self._set(self.new)

    def backward(self) -> Changes:
        return self._set(self.old)


class EditCommitmentFields(ServiceCommand):
    """Several fields of one commitment at once (an owner with their function): ``{field: (old, new)}``."""

    def __init__(self, ctx: AppContext, commitment_id: int, fields: dict[str, tuple[Any, Any]], text: str) -> None:
        super().__init__(ctx, text)
        self.ref = self.refs.get("commitment", commitment_id)
        self.fields = fields

    def forward(self) -> Changes:
        return service.update_commitment(self.ctx.db, self.ref.id, **{k: v[1] for k, v in self.fields.items()})[1]

    def backward(self) -> Changes:
        return service.update_commitment(self.ctx.db, self.ref.id, **{k: v[0] for k, v in self.fields.items()})[1]


class DeleteCommitments(ServiceCommand):
    """Delete one or more; undo brings them all back, or none."""

    def __init__(self, ctx: AppContext, commitment_ids: list[int]) -> None:
        text = _("Delete a commitment") if len(commitment_ids) == 1 else _("Delete {n} commitments").format(
            n=len(commitment_ids))
        super().__init__(ctx, text)
        self.items = [self.refs.commitment(cid) for cid in commitment_ids]
        self.saved: list[service.CommitmentInfo] = []

    def forward(self) -> Changes:
        self.saved, changes = service.delete_commitments(self.ctx.db, [ref.id for ref in self.items])
        return changes

    def backward(self) -> Changes:
        restored, changes = service.restore_commitments(self.ctx.db, self.saved)
        self.refs.rebind_all(self.items, [c.id for c in restored])
        return changes


class CarryForward(ServiceCommand):
    """Copy open commitments of the previous workshop into this one; undo removes the copies."""

    def __init__(self, ctx: AppContext, workshop_id: int, commitment_ids: list[int] | None) -> None:
        super().__init__(ctx, _("Carry commitments forward"))
        self.workshop = self.refs.workshop(workshop_id)
        self.ids = commitment_ids
        self.copies: list[Ref] = []
        self.saved: list[service.CommitmentInfo] = []

    def forward(self) -> Changes:
        if not self.saved:
            created, changes = carry_forward(self.ctx.db, self.workshop.id, self.ids)
            self.copies = [self.refs.commitment(c.id) for c in created]
            return changes
        restored, _changes = service.restore_commitments(
            self.ctx.db, [_moved(info, self.workshop.id) for info in self.saved])
        self.refs.rebind_all(self.copies, [c.id for c in restored])
        return Changes(workshop_id=self.workshop.id, commitments=True)

    def backward(self) -> Changes:
        self.saved, _changes = service.delete_commitments(self.ctx.db, [ref.id for ref in self.copies])
        return Changes(workshop_id=self.workshop.id, commitments=True)
