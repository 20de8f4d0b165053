"""Fixtures for the app's tests: an AppContext on a fresh database, private settings, and a
recorder standing in for confirmations (modal dialogs would block a test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, qapp: Any) -> Iterator[None]:
    """QSettings in a per-test folder, English interface, nothing left running afterwards."""
    from PySide6.QtCore import QSettings

    from ui.language import apply_language

    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    apply_language(None, "en")
    yield
    from ui.background import wait_for_all

    wait_for_all(10000)
    apply_language(None, "en")


@pytest.fixture
def ctx(db: Any, qapp: Any) -> Iterator[Any]:
    from ui.context import AppContext

    context = AppContext(db, language="en")
    yield context
    context.undo.clear()


class Recorder:
    """Answers confirmations (``answer``) and records what the user would have been told."""

    def __init__(self) -> None:
        self.answer = True
        self.confirmations: list[str] = []
        self.errors: list[Any] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Recorder:
        from ui import errors

        real_error = errors.interaction.error

        def confirm(parent: Any, title: str, text: str, ok: str, *, danger: bool = False) -> bool:
            self.confirmations.append(text)
            return self.answer

        def error(parent: Any, exc: Any, title: str | None = None) -> Any:
            self.errors.append(exc)
            return real_error(parent, exc, title)  # the real, non-blocking message box

        monkeypatch.setattr(errors.interaction, "confirm", confirm)
        monkeypatch.setattr(errors.interaction, "error", error)
        return self


@pytest.fixture
def user(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return Recorder().install(monkeypatch)


@pytest.fixture
def when_dialog(qtbot: Any) -> Callable[[Callable[[Any], None]], None]:
    """Run ``handle(dialog)`` as soon as a modal dialog is open (for code that calls exec())."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def schedule(handle: Callable[[Any], None], tries: int = 200) -> None:
        def poll(left: int = tries) -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                try:
                    handle(dialog)
                except BaseException:
                    dialog.reject()  # never leave a modal dialog blocking the test
                    raise
            elif left > 0:
                QTimer.singleShot(10, lambda: poll(left - 1))

        QTimer.singleShot(0, poll)

    return schedule


@pytest.fixture
def window(ctx: Any, qtbot: Any) -> Any:
    from ui.main_window import MainWindow

    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitExposed(main)
    return main
