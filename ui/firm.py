"""The firm's database in the window: File → Publish to firm database…, and the password.

The firm database's URL is remembered in the app's settings (never a password). When
the server wants a password that libpq's files and the keyring do not give, the window
asks once and can remember it in the system keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui import preferences
from ui.context import AppContext
from ui.errors import confirm, inform, show_error
from workshop.errors import ConflictError, PasswordNeeded, WorkshopError
from workshop.i18n import _

URL_KEY = "firm/url"
EXAMPLE_URL = "postgresql://consultant@db.example.com/firm"  # a URL reads the same in every language


def firm_url() -> str:
    return str(preferences.settings().value(URL_KEY, "") or "")


def set_firm_url(url: str) -> None:
    preferences.settings().setValue(URL_KEY, url.strip())


def open_firm(url: str, password: str | None = None) -> Any:
    """Open the firm's database (worker side); a typed password stays in memory only."""
    from sqlalchemy.engine import make_url

    from workshop.storage.db import open_database

    if password:
        url = make_url(url).set(password=password).render_as_string(hide_password=False)
    return open_database(url)


class PasswordDialog(QDialog):
    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from sqlalchemy.engine import make_url

        self.setWindowTitle(_("Password for the firm database"))
        layout = QVBoxLayout(self)
        where = make_url(url).render_as_string(hide_password=True)
        note = QLabel(_("The database server {where} wants a password.").format(where=where))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.password = QLineEdit()
        self.password.setObjectName("firmPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        layout.addWidget(self.password)
        self.remember = QCheckBox(_("&Remember it in the system keyring"))
        self.remember.setObjectName("rememberPassword")
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def with_firm(parent: QWidget, url: str, work: Callable[[Any], Any], done: Callable[[Any], None],
              failed: Callable[[BaseException], bool] | None = None, label: str | None = None,
              password: str | None = None) -> None:
    """Run ``work(firm_database)`` in the background; ask for a password when one is needed.

    ``failed`` may handle an error itself (return True); otherwise it is shown.
    """
    from ui.background import Task

    def run() -> Any:
        firm = open_firm(url, password)
        try:
            return work(firm)
        finally:
            firm.close()

    def on_failure(exc: BaseException) -> None:
        if isinstance(exc, PasswordNeeded):
            dialog = PasswordDialog(url, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password.text():
                return
            secret = dialog.password.text()
            if dialog.remember.isChecked():
                from workshop.storage.server import remember_password

                if not remember_password(url, secret):
                    inform(parent, _("Password"), _("This computer has no keyring; the password is used this "
                                                    "time only."))
            with_firm(parent, url, work, done, failed, label, secret)
            return
        if failed is not None and failed(exc):
            return
        if isinstance(exc, WorkshopError):
            show_error(parent, exc)
            return
        from ui.errors import handle_exception

        handle_exception(type(exc), exc, exc.__traceback__, parent)

    Task(run).success(done).failure(on_failure).run_in_background(parent, label)



def add_firm_url_field(layout: QVBoxLayout) -> QLineEdit:
    """The firm database's URL field of the publish and fetch dialogs, filled with the last one used."""
    form = QFormLayout()
    field = QLineEdit(firm_url())
    field.setObjectName("firmUrl")
    field.setPlaceholderText(EXAMPLE_URL)
    field.setAccessibleName(_("Firm database"))
    form.addRow(_("&Firm database:"), field)
    layout.addLayout(form)
    return field

class PublishDialog(QDialog):
    """Where to publish and whether names go along."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle(_("Publish to firm database"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Copies “{title}”, its client and the client's earlier workshops into the firm's shared "
                         "database. Publishing again updates the firm's copy.").format(title=title))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.url = add_firm_url_field(layout)
        self.without_names = QCheckBox(_("&Leave participants' names behind"))
        self.without_names.setObjectName("withoutNames")
        self.without_names.setToolTip(_("The firm gets the answers and functions, not who gave them"))
        layout.addWidget(self.without_names)
        note = QLabel(_("No password is stored here: it comes from a libpq password or service file, or the "
                        "system keyring. The window asks when it needs one."))
        note.setObjectName("mutedNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = buttons.addButton(_("&Publish"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setObjectName("publishButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def publish_workshop(ctx: AppContext, workshop_id: int, parent: QWidget) -> PublishDialog | None:
    """Ask where to, then publish in the background; a conflict asks before forcing."""
    from workshop.workshops import get_workshop

    dialog = PublishDialog(get_workshop(ctx.db, workshop_id).title, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    url = dialog.url.text().strip()
    if not url:
        return None
    set_firm_url(url)
    names = False if dialog.without_names.isChecked() else None
    run(ctx, workshop_id, parent, url, names, force=False)
    return dialog


def run(ctx: AppContext, workshop_id: int, parent: QWidget, url: str, names: bool | None, *, force: bool) -> None:
    from workshop.publish import publish

    def done(report: Any) -> None:
        counts = {action: sum(1 for o in report.outcomes if o.action == action)
                  for action in ("created", "updated", "unchanged", "kept", "forced")}
        lines = [_("{n} new, {u} updated, {s} unchanged at the firm.").format(
            n=counts["created"], u=counts["updated"] + counts["forced"], s=counts["unchanged"])]
        if counts["kept"]:
            lines.append(_("{k} earlier workshop(s) left as the firm has them (theirs is newer).").format(
                k=counts["kept"]))
        if report.backups:
            lines.append(_("The firm's earlier copy was kept as a backup."))
        if not report.names:
            lines.append(_("Participants' names were left behind."))
        inform(parent, _("Published"), "\n".join(lines))

    def failed(exc: BaseException) -> bool:
        if isinstance(exc, ConflictError):
            if confirm(parent, _("The firm's copy changed"), str(exc) + "\n\n" + _(
                    "Replace the firm's copy with this one? The firm's copy is kept as a backup."),
                    _("&Replace the firm's copy"), danger=True):
                run(ctx, workshop_id, parent, url, names, force=True)
            return True
        return False

    with_firm(parent, url, lambda firm: publish(ctx.db, workshop_id, firm, names=names, force=force), done, failed,
              _("Publishing to the firm database…"))


class FetchDialog(QDialog):
    """Pick one of the firm's clients and bring its history onto this laptop."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton

        self.ctx = ctx
        self.setObjectName("fetchDialog")
        self.setWindowTitle(_("Fetch from firm database"))
        self.setMinimumSize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Brings all workshops of a client from the firm's database onto this laptop, for example "
                         "before a follow-up offsite. A workshop changed here since is kept as it is here."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.url = add_firm_url_field(layout)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setPlaceholderText(_("Client name contains…"))
        self.search.setAccessibleName(_("Client name contains…"))
        self.search.returnPressed.connect(self.load)
        row.addWidget(self.search, 1)
        self.show_button = QPushButton(_("&Show clients"))
        self.show_button.setObjectName("showClients")
        self.show_button.clicked.connect(self.load)
        row.addWidget(self.show_button)
        layout.addLayout(row)
        self.clients = QListWidget()
        self.clients.setObjectName("firmClients")
        self.clients.setAccessibleName(_("The firm's clients"))
        self.clients.itemDoubleClicked.connect(lambda _item: self.fetch())
        layout.addWidget(self.clients, 1)
        self.status = QLabel()
        self.status.setObjectName("mutedNote")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.fetch_button = buttons.addButton(_("&Fetch"), QDialogButtonBox.ButtonRole.ActionRole)
        self.fetch_button.setObjectName("fetchButton")
        self.fetch_button.clicked.connect(self.fetch)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fetched: Any = None

    def load(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidgetItem

        from workshop.publish import firm_clients

        url = self.url.text().strip()
        if not url:
            self.status.setText(_("Name the firm's database first."))
            return
        set_firm_url(url)
        search = self.search.text()

        def show(rows: list) -> None:
            self.clients.clear()
            for client in rows:
                item = QListWidgetItem(_("{name} — {n} workshop(s), latest {date}").format(
                    name=client.name, n=client.workshops, date=client.latest or "–"))
                item.setData(Qt.ItemDataRole.UserRole, client.uuid)
                self.clients.addItem(item)
            if rows:
                self.clients.setCurrentRow(0)
            self.status.setText(_("{n} client(s).").format(n=len(rows)))

        with_firm(self, url, lambda firm: firm_clients(firm, search), show)

    def fetch(self) -> None:
        from PySide6.QtCore import Qt

        from workshop.publish import fetch

        item = self.clients.currentItem()
        if item is None:
            self.status.setText(_("Choose a client first."))
            return
        uuid = item.data(Qt.ItemDataRole.UserRole)

        def done(report: Any) -> None:
            self.fetched = report
            self.ctx.apply(report.changes)
            counts = {action: sum(1 for o in report.outcomes if o.action == action)
                      for action in ("created", "updated", "unchanged", "kept")}
            text = _("{client}: {n} new, {u} updated, {s} unchanged on this laptop.").format(
                client=report.client, n=counts["created"], u=counts["updated"], s=counts["unchanged"])
            if counts["kept"]:
                text += " " + _("{k} changed both here and at the firm: kept as it is here.").format(
                    k=counts["kept"])
            self.status.setText(text)

        with_firm(self, self.url.text().strip(), lambda firm: fetch(self.ctx.db, uuid, firm), done,
                  label=_("Fetching from the firm database…"))
