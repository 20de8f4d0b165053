"""Undoable edits of commitments, shared by the plan and commit steps (services both ways)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.context import AppContext
from ui.undo import ServiceCommand
from workshop import commitments as service
from workshop.changes import Changes
from workshop.i18n import _


class AddCommitment(ServiceCommand):
    """``create(db, workshop_id) -> (CommitmentInfo, Changes)``; undo deletes it, redo brings it back."""

    def __init__(self, ctx: AppContext, workshop_id: int, create: Callable[[Any, int], tuple[Any, Changes]],
                 text: str | None = None) -> None:
        super().__init__(ctx, text or _("Add a commitment"))
        self.workshop = self.refs.workshop(workshop_id)
        self.create = create
        self.ref: Any = None
        self.saved: service.CommitmentInfo | None = None

    def forward(self) -> Changes:
        if self.saved is None:
            info, changes = self.create(self.ctx.db, self.workshop.id)
            self.ref = self.refs.get("commitment", info.id)
            return changes
        info, changes = service.restore_commitment(self.ctx.db, _moved(self.saved, self.workshop.id))
        self.refs.rebind(self.ref, info.id)
        return changes

    def backward(self) -> Changes:
        self.saved, changes = service.delete_commitment(self.ctx.db, self.ref.id)
        return changes


class EditCommitment(ServiceCommand):
    """One field of one commitment, from ``old`` to ``new``."""

    def __init__(self, ctx: AppContext, commitment_id: int, field: str, old: Any, new: Any,
                 text: str | None = None) -> None:
        super().__init__(ctx, text or _("Edit a commitment"))
        self.ref = self.refs.get("commitment", commitment_id)
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
    def __init__(self, ctx: AppContext, commitment_ids: list[int]) -> None:
        text = _("Delete a commitment") if len(commitment_ids) == 1 else _("Delete {n} commitments").format(
            n=len(commitment_ids))
        super().__init__(ctx, text)
        self.refs_ = [self.refs.get("commitment", cid) for cid in commitment_ids]
        self.saved: list[service.CommitmentInfo] = []

    def forward(self) -> Changes:
        self.saved = [service.delete_commitment(self.ctx.db, ref.id)[0] for ref in self.refs_]
        return self._changes()

    def backward(self) -> Changes:
        for ref, removed in zip(self.refs_, self.saved, strict=True):
            info, _changes = service.restore_commitment(self.ctx.db, removed)
            self.refs.rebind(ref, info.id)
        return self._changes()

    def _changes(self) -> Changes:
        workshops = {c.workshop_id for c in self.saved}
        return Changes(workshop_id=workshops.pop() if len(workshops) == 1 else None, commitments=True)


class CarryForward(ServiceCommand):
    """Copy open commitments of the previous workshop into this one; undo removes the copies."""

    def __init__(self, ctx: AppContext, workshop_id: int, commitment_ids: list[int] | None) -> None:
        super().__init__(ctx, _("Carry commitments forward"))
        self.workshop = self.refs.workshop(workshop_id)
        self.ids = commitment_ids
        self.copies: list[Any] = []
        self.saved: list[service.CommitmentInfo] = []

    def forward(self) -> Changes:
        from workshop.follow_up import carry_forward

        if not self.saved:
            created, changes = carry_forward(self.ctx.db, self.workshop.id, self.ids)
            self.copies = [self.refs.get("commitment", c.id) for c in created]
            return changes
        for ref, info in zip(self.copies, self.saved, strict=True):
            restored, _changes = service.restore_commitment(self.ctx.db, _moved(info, self.workshop.id))
            self.refs.rebind(ref, restored.id)
        return Changes(workshop_id=self.workshop.id, commitments=True)

    def backward(self) -> Changes:
        self.saved = [service.delete_commitment(self.ctx.db, ref.id)[0] for ref in self.copies]
        return Changes(workshop_id=self.workshop.id, commitments=True)


def _moved(info: service.CommitmentInfo, workshop_id: int) -> service.CommitmentInfo:
    from dataclasses import replace

    return info if info.workshop_id == workshop_id else replace(info, workshop_id=workshop_id)
