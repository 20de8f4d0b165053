"""Starting the app: the QApplication, the language, the database, the main window.

Kept light on purpose (start-up speed): report, chart and migration modules are imported
only when a feature needs them.
"""

from __future__ import annotations

import gc
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ui import preferences
from ui.background import Task
from ui.context import AppContext
from ui.errors import handle_exception
from ui.language import apply_language
from workshop import __version__
from workshop.errors import WorkshopError
from workshop.i18n import _
from workshop.paths import resources_dir
from workshop.storage.lock import open_for_writing

if TYPE_CHECKING:  # loaded after the language is set, and the database only when opened (start-up speed)
    from ui.main_window import MainWindow
    from workshop.storage.db import Database
    from workshop.storage.lock import WriterLock


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up for high-DPI screens and with the settings' names."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setOrganizationName(preferences.ORGANIZATION)
        QCoreApplication.setApplicationName(preferences.APPLICATION)
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        QGuiApplication.setApplicationDisplayName("Alignment Workshop")
        QGuiApplication.setDesktopFileName("alignment-workshop")

        icon = resources_dir() / "icons" / "app-256.png"
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
    assert isinstance(app, QApplication)
    return app


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Every uncaught exception goes to the error seam."""
    handle_exception(exc_type, exc, tb)


def run(db: str | None = None, exit_after_startup: bool = False) -> int:
    """Open the app on a database; returns the process exit code."""
    app = make_application()
    sys.excepthook = _excepthook
    language = preferences.effective_language()
    apply_language(None, language)

    opened = _open_database(db)
    if isinstance(opened, int):
        return opened
    database, lock = opened

    # start-up: the language is set before any window module loads
    from ui.main_window import MainWindow

    gc.freeze()  # the loaded modules live as long as the app (see ui.launch)

    try:
        ctx = AppContext(database, language=language)
        window = MainWindow(ctx)
        window.closed.connect(app.quit)  # other windows (kiosk, presenter) never keep the app alive
        window.show()
        if exit_after_startup:
            QTimer.singleShot(0, app.quit)
        else:
            QTimer.singleShot(0, lambda: _after_start(window))
        code = app.exec()
        if "ui.background" in sys.modules:  # let running work finish before the database closes
            sys.modules["ui.background"].wait_for_all()
    finally:
        database.close()
        if lock is not None:
            lock.release()
    return code


def _open_database(db: str | None) -> tuple[Database, WriterLock | None] | int:
    """``(database, lock)``, or the exit code when the app cannot open it.

    The app is the database's one writer while it runs (see workshop.storage.lock). A
    damaged database is offered its newest good backup; one on read-only media opens read-only."""
    from workshop.storage.health import DamagedDatabaseError

    for _attempt in range(2):
        try:
            return open_for_writing(db, "Alignment Workshop", hold=False)
        except DamagedDatabaseError as exc:
            from ui.damaged_start import offer_restore, restore_newest_good

            if not offer_restore(exc):
                return exc.exit_code
            failure = restore_newest_good(exc)
            if failure is not None:
                QMessageBox.critical(None, _("The backup could not be restored"), failure)
                return exc.exit_code
        except WorkshopError as exc:
            read_only = _open_read_only(db)
            if read_only is not None:
                return read_only, None
            QMessageBox.critical(None, _("The database cannot be opened"), str(exc))
            return exc.exit_code
    return 1


def _open_read_only(db: str | None) -> Database | None:
    """The database on a read-only medium, opened read-only; None if it is not on one."""
    from workshop.storage.db import open_database, resolve_url, sqlite_path
    from workshop.storage.health import on_read_only_medium

    path = sqlite_path(resolve_url(db))
    if path is None or not path.is_file() or not on_read_only_medium(path):
        return None
    try:
        return open_database(db)
    except WorkshopError:
        return None


def _after_start(window: MainWindow) -> None:
    """Work that must not delay the first window: the log file and the start-up backup."""
    # start-up: the log file is set up after the first window
    from workshop.logs import setup_logging

    # start-up: the start-up backup runs after the first window
    from workshop.storage.backup import backup_on_start

    setup_logging()
    ctx = window.ctx

    def failed(exc: BaseException) -> None:
        message = exc.message if isinstance(exc, WorkshopError) else str(exc)
        window.statusBar().showMessage(
            _("The start-up backup failed: {message}").format(message=message), 15000)

    for notice in ctx.db.notices:  # read-only medium, an interrupted last save
        window.statusBar().showMessage(notice, 30000)
    if ctx.db.read_only:
        return  # nothing to back up: nothing can change
    Task(lambda: backup_on_start(ctx.db)).failure(failed).run_in_background(window)
