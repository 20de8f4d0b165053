"""File → Restore from backup…: pick a backup by date, see what it holds, confirm, restore.

The current state is backed up first (``workshop.storage.backup.restore_backup``), so a restore
can itself be undone by restoring the "Before a restore" backup from the same list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from ui.errors import confirm, guard, inform
from workshop.errors import WorkshopError
from workshop.i18n import N_, _
from workshop.storage.backup import (
    KEEP,
    BackupInfo,
    BackupSummary,
    RestoreReport,
    backup_is_sound,
    backups_folder,
    delete_older_backups,
    list_backups,
    restore_backup,
    summarize,
)

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("When"), N_("Occasion"), N_("Size"), N_("Check"))
# The words for each kind of backup (workshop.storage.backup.KINDS holds the same English).
KIND_LABELS = {
    "start": N_("When the app started"),
    "before-restore": N_("Before a restore"),
    "before-upgrade": N_("Before an upgrade of the app"),
    "clean": N_("When older backups were deleted"),
    "damaged": N_("The damaged file, kept aside"),
    "wal-cut": N_("As found after an interrupted save"),
}


def _locale(lang: str) -> QLocale:
    if lang == "nl":
        return QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def format_when(moment: dt.datetime, lang: str) -> str:
    """``Friday 27 Nov 2026, 10:39:05`` in the interface language."""
    return _locale(lang).toString(moment, "dddd d MMM yyyy, HH:mm:ss")


def format_size(size: int, lang: str) -> str:
    return _locale(lang).formattedDataSize(size, 1)


def _count(n: int, one: str, many: str) -> str:
    return _(one) if n == 1 else _(many).format(n=n)


def describe(summary: BackupSummary) -> str:
    text = _("Holds {workshops} of {clients}, {participants}.").format(
        workshops=_count(summary.workshops, N_("1 workshop"), N_("{n} workshops")),
        clients=_count(summary.clients, N_("1 client"), N_("{n} clients")),
        participants=_count(summary.participants, N_("1 participant"), N_("{n} participants")),
    )
    if summary.latest:
        text += " " + _("Most recent: {workshop}.").format(workshop=summary.latest)
    return text


class BackupsModel(QAbstractTableModel):
    """The backups of the database, newest first."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[BackupInfo] = []
        self.sound: list[bool] = []

    def load(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        # Each is checked (SQLite's quick_check, a few ms each): a damaged one is marked as such.
        self.sound = [backup_is_sound(info) for info in rows]
        self.endResetModel()

    def check_text(self, row: int) -> str:
        if self.sound[row]:
            return _("Good")
        return _("Damaged") if self.rows[row].kind != "wal-cut" else _("Not checked (a copy as found)")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                format_when(info.created, self.lang),
                _(KIND_LABELS.get(info.kind, info.label)),
                format_size(info.size, self.lang),
                self.check_text(index.row()),
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3 and not self.sound[index.row()]:
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RestoreDialog(QDialog):
    """Pick a backup by date and restore it; ``restored`` fires after a restore."""

    restored = Signal(object)  # workshop.storage.backup.RestoreReport

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore from backup"))
        self.db_path: Path | None = ctx.db.path
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(_(
            "The app makes a backup each time it starts (it keeps the last {keep}, one a day for a week and one "
            "a week for two months, and always the newest good one), and before every upgrade and every "
            "restore. Pick the moment to go back to. What you have now is backed up first, so you can come "
            "back to it. Backups marked damaged cannot be restored."
        ).format(keep=KEEP))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = BackupsModel(ctx.language, self)
        self.table = QTableView()
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName(_("Backups, newest first"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)

        self.details = QLabel()
        self.details.setObjectName("backupDetails")
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(40)
        layout.addWidget(self.details)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(_("&Restore this backup…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton(_("From a &file…"))
        self.file_button.setObjectName("restoreFromFile")
        self.file_button.setToolTip(_("Restore a backup saved elsewhere, e.g. with `workshop backup`"))
        self.file_button.clicked.connect(self.restore_from_file)
        self.clean_button = QPushButton(_("&Delete older backups…"))
        self.clean_button.setObjectName("deleteOlderBackups")
        self.clean_button.setToolTip(_("Keep only a fresh backup of what you have now"))
        self.clean_button.clicked.connect(self.delete_older)
        self.folder_button = QPushButton(_("Open the backups &folder"))
        self.folder_button.clicked.connect(self.open_folder)
        for button in (self.restore_button, self.file_button, self.clean_button, self.folder_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.resize(640, 420)
        self.reload()

    # --- state -------------------------------------------------------------------------

    def reload(self) -> None:
        if self.db_path is None:
            self.model.load([])
            self.details.setText(_("This database is on a database server: its backups are made there."))
            for button in (self.restore_button, self.file_button, self.clean_button, self.folder_button):
                button.setEnabled(False)
            return
        self.model.load(list_backups(self.db_path))
        if self.model.rows:
            self.table.selectRow(0)
        else:
            self.details.setText(_("There are no backups yet; the first is made the next time the app starts."))
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _show_selected(self, *_args: object) -> None:
        info = self.selected()
        self._summary: BackupSummary | None = None
        if info is not None:
            try:
                self._summary = summarize(info.path)
                self.details.setText(describe(self._summary))
            except WorkshopError as exc:
                self.details.setText(_("This backup cannot be restored: {reason}").format(reason=exc.message))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and getattr(self, "_summary", None) is not None)
        self.clean_button.setEnabled(bool(self.model.rows))

    # --- actions -----------------------------------------------------------------------

    def restore_selected(self) -> RestoreReport | None:
        info = self.selected()
        if info is None or getattr(self, "_summary", None) is None:
            return None
        when = format_when(info.created, self.ctx.language)
        return self._restore(info.path, _("Go back to the backup of {when}?").format(when=when), self._summary)

    def restore_from_file(self) -> RestoreReport | None:
        start = str(self.db_path.parent) if self.db_path else ""
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Restore from a backup file"), start, _("Backups (*.db *.sqlite *.sqlite3);;All files (*)"))
        if not name:
            return None
        return self.restore_file(Path(name))

    def restore_file(self, path: Path) -> RestoreReport | None:
        with guard(self, _("Cannot restore this file")):
            summary = summarize(path)
            return self._restore(path, _("Restore the backup file {name}?").format(name=path.name), summary)
        return None

    def _restore(self, path: Path, question: str, summary: BackupSummary | None) -> RestoreReport | None:
        text = question + "\n\n" + _(
            "Everything in the app is replaced by what the backup holds: {holds} What you have now is backed "
            "up first, so you can come back to it from this list (\"Before a restore\")."
        ).format(holds=describe(summary) if summary else "")
        if not confirm(self, _("Restore from backup"), text, _("Restore"), danger=True):
            return None
        report = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with guard(self, _("Cannot restore this backup")):
                report = restore_backup(self.ctx.db, path)
        finally:
            QApplication.restoreOverrideCursor()
        if report is None:
            return None
        self.ctx.undo.clear()  # the undo history belongs to the state that was replaced
        self.ctx.apply(report.changes)
        self.restored.emit(report)
        self.reload()
        inform(self, _("Restored"), _(
            "The backup was restored. What you had just before is kept as the backup \"Before a restore\"."))
        return report

    def delete_older(self) -> None:
        text = _(
            "Delete every backup and keep only a fresh one of what you have now?\n\nDo this, for example, after "
            "deleting someone's data at their request: older backups still contain it. This cannot be undone."
        )
        if not confirm(self, _("Delete older backups"), text, _("Delete older backups"), danger=True):
            return
        with guard(self, _("Cannot delete the backups")):
            delete_older_backups(self.ctx.db)
        self.reload()

    def open_folder(self) -> None:
        if self.db_path is not None:
            folder = backups_folder(self.db_path)
            folder.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_restore_dialog(ctx: AppContext, parent: QWidget | None = None) -> RestoreDialog:
    """Open the dialog (window-modal, not blocking); returns it so callers can connect ``restored``."""
    dialog = RestoreDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog

