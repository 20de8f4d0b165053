"""The one helper for slow work: a function on ``QThreadPool``, callbacks on the GUI thread.

    Task(lambda progress: build_report(db, wid, out, progress=progress.report))
        .success(lambda path: show_saved(path))
        .failure(lambda exc: ...)           # default: the error seam
        .on_progress(lambda done, total, text: ...)
        .run_in_background(parent, label=_("Writing the report…"))

The worker function gets a :class:`Progress`: ``progress.report(done, total, text)`` and
``progress.check()`` (raises :class:`Cancelled` once the user cancelled). Workers never
touch widgets, and each service call opens its own session, so a worker thread has its own.
With ``label=`` a progress dialog with a Cancel button appears when the work takes longer
than a moment.
"""

from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.errors import handle_exception
from workshop.i18n import _

_running: set[Task] = set()


class Cancelled(Exception):
    """Raised inside a worker by ``progress.check()`` once the user cancelled."""


class Progress:
    """Handed to the worker: report progress, check for cancellation."""

    def __init__(self, task: Task) -> None:
        self._task = task

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self._task._signals.progress.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._task._cancel.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self.task
        try:
            result = task._call()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            task._signals.failed.emit(exc)
        else:
            task._signals.done.emit(result)


class Task:
    """One piece of background work and what to do with its outcome."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self._fn = fn
        self._wants_progress = _takes_an_argument(fn)
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[int, int, str], None] | None = None
        self._on_cancelled: Callable[[], None] | None = None
        self._cancel = threading.Event()
        self._signals = _Signals()
        self._signals.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._signals.progress.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._parent: QWidget | None = None
        self._dialog: QProgressDialog | None = None
        self.finished = False

    def success(self, callback: Callable[[Any], None]) -> Task:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task:
        self._on_failure = callback
        return self

    def on_progress(self, callback: Callable[[int, int, str], None]) -> Task:
        self._on_progress = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Task:
        self._on_cancelled = callback
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def run_in_background(self, parent: QWidget | None = None, label: str | None = None) -> Task:
        self._parent = parent
        if label is not None:
            dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
            dialog.setWindowTitle(_("Please wait"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)
            dialog.canceled.connect(self.cancel)
            self._dialog = dialog
        _running.add(self)
        QThreadPool.globalInstance().start(_Runnable(self))
        return self

    # --- worker side ---------------------------------------------------------------

    def _call(self) -> Any:
        return self._fn(Progress(self)) if self._wants_progress else self._fn()

    # --- GUI side -------------------------------------------------------------------

    def _close(self) -> None:
        self.finished = True
        _running.discard(self)
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None

    def _finished(self, result: Any) -> None:
        was_cancelled = self._cancel.is_set()
        self._close()
        if was_cancelled and self._on_cancelled is not None:
            self._on_cancelled()
        elif self._on_success is not None:
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        if self._on_failure is not None:
            self._on_failure(exc)
            return
        handle_exception(type(exc), exc, exc.__traceback__, self._parent)

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(done)
            if text:
                self._dialog.setLabelText(text)
        if self._on_progress is not None:
            self._on_progress(done, total, text)


def _takes_an_argument(fn: Callable[..., Any]) -> bool:
    try:
        parameters = [
            p for p in inspect.signature(fn).parameters.values()
            if p.default is inspect.Parameter.empty
            and p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        return False
    return len(parameters) >= 1


def running() -> int:
    """How many tasks have not delivered their outcome yet."""
    return len(_running)


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until the pool is idle and every outcome was delivered (for quitting and tests)."""
    deadline = QDeadlineTimer(timeout_ms)
    ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
    while _running and not deadline.hasExpired():
        QCoreApplication.processEvents()
        if _running:
            time.sleep(0.005)
    return ok and not _running
