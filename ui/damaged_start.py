"""What the app does at start when its database cannot be used as it is: damaged or empty
(offer the newest good backup, keeping the damaged file aside), or on read-only media
(open it read-only and say so)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.storage.health import DamagedDatabaseError


def offer_restore(exc: DamagedDatabaseError, parent: QWidget | None = None) -> bool:
    """Show that the database is damaged; True if the user chose to restore the backup."""
    box = QMessageBox(parent)
    box.setObjectName("damagedDatabase")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("The database is damaged"))
    box.setText(exc.headline)
    box.setInformativeText(exc.advice)
    restore = None
    if exc.good_backup is not None:
        restore = box.addButton(_("Restore the newest good backup"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(restore)
    quit_ = box.addButton(_("Quit and leave everything as it is"), QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(quit_)
    box.exec()
    return restore is not None and box.clickedButton() is restore


def restore_newest_good(exc: DamagedDatabaseError) -> str | None:
    """Put the offered backup in place (the damaged file goes to the backups folder);
    the error message if that failed, else None."""
    from workshop.storage.backup import replace_damaged

    try:
        replace_damaged(exc.path, exc.good_backup)  # type: ignore[arg-type] - offered only when there is one
    except WorkshopError as failure:
        return failure.message
    return None
