"""Personal-data requests in the app: "Export their data", "Delete with all answers" (for a
participant) and "Delete client with its whole history". Each deletion says plainly that
backups keep the data until they are rotated out (``workshop.privacy.backups_note``).

Deletions here are final on purpose (no undo): keeping the data for an undo would defeat
the request.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.context import AppContext
from ui.errors import guard, inform
from workshop.i18n import _
from workshop.privacy import (
    DeletionReport,
    backups_note,
    delete_client,
    delete_participant_data,
    export_participant_data,
    find_client,
    find_person,
)


class ConfirmDeletion(QDialog):
    """A danger confirmation with an optional choice and the backups note."""

    def __init__(self, title: str, text: str, details: str, ok: str, choice: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDeletion")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        head = QLabel(text)
        head.setWordWrap(True)
        head.setStyleSheet(theme.BOLD)
        layout.addWidget(head)
        body = QLabel(details)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(body)
        self.choice = QCheckBox(choice or "")
        self.choice.setChecked(True)
        self.choice.setVisible(choice is not None)
        layout.addWidget(self.choice)
        note = QLabel(backups_note())
        note.setObjectName("backupsNote")
        note.setWordWrap(True)
        note.setStyleSheet(theme.PLACEHOLDER)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(ok, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.ok_button.setObjectName("confirmDelete")
        self.ok_button.clicked.connect(self.accept)
        self.ok_button.setAutoDefault(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # a slip of the Enter key deletes nothing
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.cancel_button = cancel
        cancel.setFocus()


def _safe_file_name(text: str) -> str:
    return re.sub(r"[^\w\- ]+", "", text, flags=re.UNICODE).strip() or "participant"


def export_their_data(parent: QWidget, ctx: AppContext, participant_id: int,
                      path: str | Path | None = None) -> Path | None:
    """Ask where to save, then write everything stored about the participant as JSON."""
    with guard(parent, _("Cannot export their data")):
        records = find_person(ctx.db, participant_id)
        name = records[0].name or _("anonymous participant")
        if path is None:
            suggestion = Path(QDir.homePath()) / f"{_safe_file_name(name)} - {_('personal data')}.json"
            chosen, _filter = QFileDialog.getSaveFileName(
                parent, _("Export their data"), str(suggestion), _("JSON files (*.json)"))
            if not chosen:
                return None
            path = chosen
        out = export_participant_data(ctx.db, participant_id, path)
        inform(parent, _("Export their data"), _(
            "Everything stored about {name} ({n} workshop(s)) was saved to {path}."
        ).format(name=name, n=len(records), path=out))
        return out
    return None


def delete_with_all_answers(parent: QWidget, ctx: AppContext, participant_id: int) -> DeletionReport | None:
    """Confirm, then delete the participant (and namesakes in the client's other
    workshops, if chosen) with all answers; the views refresh through the bus."""
    with guard(parent, _("Cannot delete")):
        records = find_person(ctx.db, participant_id)
        here = next(r for r in records if r.participant_id == participant_id)
        name = here.name or _("this anonymous participant")
        others = [r for r in records if r.participant_id != participant_id]
        lines = [_("{answers} answer(s) in {title} ({date})").format(
            answers=r.answers, title=r.workshop_title, date=r.workshop_date.isoformat()) for r in records]
        details = _("Stored about them:") + "\n" + "\n".join(f"• {line}" for line in lines) + "\n\n" + _(
            "Group results are recalculated without them. This cannot be undone.")
        choice = _("Also in the other workshops of {client} ({n})").format(client=here.client, n=len(others)) \
            if others else None
        dialog = ConfirmDeletion(
            _("Delete with all answers"), _("Delete {name} with all their answers?").format(name=name),
            details, _("Delete with all answers"), choice, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        across = bool(others) and dialog.choice.isChecked()
        report = delete_participant_data(ctx.db, participant_id, across_client=across)
        ctx.undo.clear()  # earlier undo steps may hold their answers
        ctx.apply(report.changes)
        if report.named_in_commitments:
            inform(parent, _("Delete with all answers"), _(
                "Deleted. Their name still appears as the owner of these commitments; edit them if needed:"
            ) + "\n" + "\n".join(f"• {what}" for what in report.named_in_commitments))
        return report
    return None


def delete_client_with_history(parent: QWidget, ctx: AppContext, client_id: int) -> bool:
    """Confirm, then delete a client with every workshop, participant and answer."""
    with guard(parent, _("Cannot delete")):
        client = find_client(ctx.db, client_id)
        details = _(
            "Deleted with it: workshops {workshops}, participants {participants}, answers {answers}, "
            "commitments {commitments}. This cannot be undone."
        ).format(workshops=client.workshops, participants=client.participants, answers=client.answers,
                 commitments=client.commitments)
        dialog = ConfirmDeletion(
            _("Delete client"), _("Delete {client} with its whole history?").format(client=client.name),
            details, _("Delete client"), None, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        _overview, changes = delete_client(ctx.db, client.id)
        ctx.undo.clear()
        ctx.apply(changes)
        return True
    return False
