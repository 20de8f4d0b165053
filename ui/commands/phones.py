"""Undoable facilitator actions on a running phone collection."""

from __future__ import annotations

from ui.commands.base import ServiceCommand
from ui.context import AppContext
from workshop.changes import Changes
from workshop.errors import WorkshopError
from workshop.i18n import _


class RemovePhone(ServiceCommand):
    """Take a stray phone out (anonymous: with the participant and answers it made); undo brings it back.

    The phone server keeps what is needed to bring it back while it runs; after "Stop
    collecting" the removal can no longer be undone.
    """

    def __init__(self, ctx: AppContext, server, device_id: int, label: str) -> None:  # noqa: ANN001 - CollectServer
        super().__init__(ctx, _("Remove the phone {label}").format(label=label))
        self.server = server
        self.device_id = device_id

    def _changes(self) -> Changes:
        return Changes(workshop_id=self.server.workshop_id, participants=True, answers=True)

    def forward(self) -> Changes:
        if not self.server.running or not self.server.remove(self.device_id):
            raise WorkshopError(_("That phone is no longer in the collection."))
        return self._changes()

    def backward(self) -> Changes:
        new_id = self.server.restore(self.device_id) if self.server.running else None
        if new_id is None:
            raise WorkshopError(_("The removed phone cannot come back: collecting has stopped."))
        self.device_id = new_id
        return self._changes()
