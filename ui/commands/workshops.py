"""Undoable edits of whole workshops: create (new, follow-up, imported), change, client's logo, delete, reveal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui import preferences
from ui.commands.base import Ref, ServiceCommand
from ui.context import AppContext
from workshop.branding import set_texts
from workshop.changes import Changes
from workshop.i18n import _
from workshop.participants import list_participants
from workshop.transfer import export_data, restore_from_data
from workshop.workshops import delete_workshop, set_revealed, update_workshop

EVERYTHING = dict(workshops=True, participants=True, answers=True, decision=True, practices=True,
                  funnel=True, commitments=True)


class UpdateWorkshop(ServiceCommand):
    def __init__(self, ctx: AppContext, workshop_id: int, old: dict[str, Any], new: dict[str, Any]) -> None:
        super().__init__(ctx, _("Change workshop settings"))
        self.workshop = self.refs.workshop(workshop_id)
        self.old, self.new = old, new

    def forward(self) -> Changes:
        return update_workshop(self.ctx.db, self.workshop.id, **self.new)[1]

    def backward(self) -> Changes:
        return update_workshop(self.ctx.db, self.workshop.id, **self.old)[1]


class SetClientLogo(ServiceCommand):
    """Put the client's logo (checked PNG bytes) on one workshop's covers, or take it off (``None``)."""

    def __init__(self, ctx: AppContext, workshop_id: int, old: bytes | None, new: bytes | None) -> None:
        super().__init__(ctx, _("Change the client's logo") if new else _("Remove the client's logo"))
        self.workshop = self.refs.workshop(workshop_id)
        self.old, self.new = old, new

    def _set(self, logo: bytes | None) -> Changes:
        return set_texts(self.ctx.db, self.workshop.id, client_logo_bytes=logo, clear_client_logo=logo is None)

    def forward(self) -> Changes:
        return self._set(self.new)

    def backward(self) -> Changes:
        return self._set(self.old)


class SetRevealed(ServiceCommand):
    """Reveal the results (or hide them again)."""

    def __init__(self, ctx: AppContext, workshop_id: int, revealed: bool) -> None:
        super().__init__(ctx, _("Reveal the results") if revealed else _("Hide the results"))
        self.workshop = self.refs.workshop(workshop_id)
        self.revealed = revealed

    def forward(self) -> Changes:
        return set_revealed(self.ctx.db, self.workshop.id, self.revealed)

    def backward(self) -> Changes:
        return set_revealed(self.ctx.db, self.workshop.id, not self.revealed)


class _WorkshopSnapshot:
    """Delete a workshop keeping everything needed to bring it back, and bring it back."""

    def __init__(self, command: ServiceCommand, ref: Ref) -> None:
        self.command = command
        self.ref = ref
        self.data: dict[str, Any] | None = None
        self.people: list[int] = []

    def delete(self) -> Changes:
        db = self.command.ctx.db
        self.data = export_data(db, self.ref.id)
        self.people = [p.id for p in list_participants(db, self.ref.id)]
        return delete_workshop(db, self.ref.id)

    def restore(self) -> Changes:
        assert self.data is not None
        db = self.command.ctx.db
        refs = self.command.refs
        new_id = restore_from_data(db, self.data)
        old_id = self.ref.id
        refs.rebind(self.ref, new_id)
        now = [p.id for p in list_participants(db, new_id)]
        # Take every ref before rebinding any: a new id may equal another row's old id.
        people = [refs.participant(old_pid) for old_pid in self.people]
        for ref, new_pid in zip(people, now, strict=False):
            refs.rebind(ref, new_pid)
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
