"""The one seam for messages, confirmations and errors (git-cola's ``Interaction``).

Services raise :class:`~workshop.errors.WorkshopError` with a message a facilitator
understands; widgets hand it to :func:`show_error` (or wrap a call in :func:`guard`).
Anything else is a bug: :func:`install_excepthook` makes every uncaught exception – also
one raised inside a Qt slot – go to the log file with its traceback and show a readable
dialog with "Copy details"; the app keeps running.

Tests replace :data:`interaction` to answer confirmations without a modal dialog.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from workshop.errors import WorkshopError
from workshop.i18n import _

MAX_PROBLEMS_SHOWN = 12


def _parent(widget: QWidget | None) -> QWidget | None:
    if widget is not None:
        return widget.window()
    return QApplication.activeWindow()


class Interaction:
    """How the app talks to the user; one object, replaceable in tests."""

    def error(self, parent: QWidget | None, exc: WorkshopError, title: str | None = None) -> QMessageBox:
        box = QMessageBox(_parent(parent))
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title or _("Cannot do that"))
        box.setText(exc.message)
        if exc.problems:
            shown = exc.problems[:MAX_PROBLEMS_SHOWN]
            more = len(exc.problems) - len(shown)
            lines = "\n".join(f"• {p}" for p in shown)
            if more > 0:
                lines += "\n" + _("… and {n} more (see the details).").format(n=more)
            box.setInformativeText(lines)
            box.setDetailedText("\n".join(exc.problems))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("errorMessage")
        box.open()  # window-modal, does not block the caller
        return box

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, _parent(parent))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def confirm(self, parent: QWidget | None, title: str, text: str, ok: str, *, danger: bool = False) -> bool:
        box = QMessageBox(_parent(parent))
        box.setIcon(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        yes = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel if danger else yes)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def unexpected(self, parent: QWidget | None, summary: str, details: str, log: Path | None) -> QDialog:
        dialog = UnexpectedErrorDialog(summary, details, log, _parent(parent))
        dialog.show()
        return dialog


interaction = Interaction()


def show_error(parent: QWidget | None, exc: WorkshopError, title: str | None = None) -> None:
    interaction.error(parent, exc, title)


def confirm(parent: QWidget | None, title: str, text: str, ok: str, *, danger: bool = False) -> bool:
    return interaction.confirm(parent, title, text, ok, danger=danger)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    interaction.information(parent, title, text)


@contextmanager
def guard(parent: QWidget | None, title: str | None = None) -> Iterator[None]:
    """Run a block; a ``WorkshopError`` is shown to the user instead of propagating.

    Other exceptions propagate to the excepthook (logged and shown as unexpected).
    """
    try:
        yield
    except WorkshopError as exc:
        show_error(parent, exc, title)


class UnexpectedErrorDialog(QDialog):
    """A readable "something went wrong" with the traceback one click away."""

    def __init__(self, summary: str, details: str, log: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedError")
        self.setWindowTitle(_("Something went wrong"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details = details
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        head = QLabel(_("Something unexpected went wrong. Your work is saved and the app keeps running."))
        head.setWordWrap(True)
        head.setStyleSheet(theme.BOLD)
        layout.addWidget(head)
        text = QLabel(summary)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        if log is not None:
            where = QLabel(_("The details were written to the log file:\n{path}").format(path=log))
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        box = QPlainTextEdit(details)
        box.setReadOnly(True)
        box.setVisible(False)
        box.setMinimumHeight(180)
        box.setAccessibleName(_("Error details"))
        layout.addWidget(box)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.setToolTip(_("Copy the technical details, to send them to whoever supports the app"))
        self.copy_button.clicked.connect(self.copy_details)
        show = QPushButton(_("Show details"))
        show.setCheckable(True)
        show.toggled.connect(box.setVisible)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(show, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        close.setDefault(True)
        layout.addWidget(buttons)
        self.resize(520, 220)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("Copied"))


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, parent: QWidget | None = None
) -> None:
    """The excepthook: known errors become messages, anything else is logged and reported."""
    if isinstance(exc, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(exc, WorkshopError):
        show_error(parent, exc)
        return
    # start-up: the log file is set up after the first window
    from workshop.logs import log_unexpected

    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    try:
        log = log_unexpected(exc, "in the app")
    except Exception:  # noqa: BLE001 - logging must never make things worse
        log = None
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    summary = f"{exc_type.__name__}: {exc}"
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    interaction.unexpected(parent, summary, details, log)


def install_excepthook() -> None:
    sys.excepthook = handle_exception
