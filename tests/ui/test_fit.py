"""Every step and dialog fits a projector's 1024×700 and a full-HD screen, in both languages:
no label, button or column whose text is cut or elided, no widgets on top of each other.

The rule is in ``tests/ui/fit.py``; a test below shows that it catches what it should.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

from tests.ui.fit import problems
from ui.main_window import MainWindow
from ui.presenter import countdown_for
from ui.steps import STEPS
from workshop.demo import create_demo
from workshop.workshops import set_revealed

SIZES = [(1024, 700), (1920, 1080)]
LANGS = ["en", "nl"]
DEMO_DAY = dt.date(2026, 3, 12)


def _settle(qtbot: Any) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(5)


@pytest.fixture(params=LANGS)
def lang_ctx(request, db, qapp) -> Iterator[tuple[Any, int, str]]:
    from ui.context import AppContext
    from ui.language import apply_language

    lang = request.param
    apply_language(None, lang)
    workshop_id = create_demo(db, lang, today=DEMO_DAY)
    context = AppContext(db, language=lang)
    yield context, workshop_id, lang
    context.undo.clear()


def _window(qtbot: Any, ctx: Any, size: tuple[int, int]) -> MainWindow:
    main = MainWindow(ctx, restore=False)
    qtbot.addWidget(main)
    main.resize(*size)
    main.show()
    qtbot.waitExposed(main)
    return main


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n    " + "\n    ".join(lines) for where, lines in found.items() if lines)


def _scoring_live(ctx: Any, workshop_id: int) -> None:
    """Scoring under way: some participants not started, some half-way; every countdown running."""
    from ui.presenter import countdown_for
    from workshop.participants import list_participants, set_answers

    people = list_participants(ctx.db, workshop_id)
    for person, keep in zip(people[-4:], (0, 0, 7, 13), strict=True):
        answers = dict.fromkeys(sorted(person.answers)[keep:])
        set_answers(ctx.db, person.id, answers, "kiosk", workshop_id=workshop_id)
    for spec in STEPS:
        countdown_for(ctx).start(spec.key, 10)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_step_fits(lang_ctx, qtbot, size: tuple[int, int]) -> None:
    ctx, workshop_id, lang = lang_ctx
    _scoring_live(ctx, workshop_id)
    main = _window(qtbot, ctx, size)
    found: dict[str, list[str]] = {}
    main.list_page.reload()
    _settle(qtbot)
    found["workshop list"] = problems(main, size)
    states = [(spec.key, False) for spec in STEPS if spec.key == "reveal"] + [(spec.key, True) for spec in STEPS]
    for key, revealed in states:
        set_revealed(ctx.db, workshop_id, revealed)
        main.open_workshop(workshop_id, key)
        _settle(qtbot)
        found[f"{key}{'' if revealed else ' (hidden)'}"] = problems(main, size)
        if key == "commit":
            from ui.steps import commit

            commit.focus_for(ctx).set(workshop_id, "follow_up")
            _settle(qtbot)
            found["commit (follow-up)"] = problems(main, size)
            commit.focus_for(ctx).set(workshop_id, "commitments")
    for spec in STEPS:
        countdown_for(ctx).stop(spec.key)
    assert not any(found.values()), f"{lang} at {size[0]}×{size[1]}:\n{_report(found)}"


def _dialogs(ctx: Any, workshop_id: int, main: QWidget, tmp_path: Path) -> dict[str, Callable[[], QWidget]]:
    from ui.errors import UnexpectedErrorDialog
    from ui.import_preview import ImportPreviewDialog
    from ui.preferences import PreferencesDialog
    from ui.privacy_dialogs import ConfirmDeletion
    from ui.restore_dialog import RestoreDialog
    from ui.workshop_dialog import FollowUpDialog, WorkshopDialog
    from workshop.importing import plan_import
    from workshop.storage.backup import backup_on_start
    from workshop.workshops import get_workshop

    info = get_workshop(ctx.db, workshop_id)
    backup_on_start(ctx.db)
    csv = tmp_path / "participants.csv"
    csv.write_text("name;function\nSanne Visser;sales\n;leadership\nNoor de Graaf;other\n", encoding="utf-8")
    return {
        "new workshop": lambda: WorkshopDialog(lambda values: None, parent=main),
        "edit workshop": lambda: WorkshopDialog(lambda values: None, info, parent=main),
        "follow-up": lambda: FollowUpDialog(lambda values: None, info, main),
        "preferences": lambda: PreferencesDialog(main),
        "import preview": lambda: ImportPreviewDialog(plan_import(ctx.db, workshop_id, csv, require_answers=False),
                                                      csv, main),
        "restore from backup": lambda: RestoreDialog(ctx, main),
        "unexpected error": lambda: UnexpectedErrorDialog("KeyError: 'q21'", "Traceback …", tmp_path / "log", main),
        "confirm deletion": lambda: ConfirmDeletion("Delete", "Delete Anna with all answers?", "Backups …", "Delete",
                                                    "Also from the backups", main),
    }


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_dialog_and_scoring_window_fits(lang_ctx, qtbot, tmp_path: Path, size: tuple[int, int]) -> None:
    from ui.kiosk import KioskWindow
    from ui.paper_grid import PaperEntryWindow
    from ui.presenter import PresenterWindow

    ctx, workshop_id, lang = lang_ctx
    main = _window(qtbot, ctx, size)
    found: dict[str, list[str]] = {}
    for name, make in _dialogs(ctx, workshop_id, main, tmp_path).items():
        dialog = make()
        dialog.show()
        _settle(qtbot)
        found[name] = problems(dialog, size)
        dialog.reject()
    for name, make in (("kiosk", lambda: KioskWindow(ctx, workshop_id)),
                       ("paper grid", lambda: PaperEntryWindow(ctx, workshop_id))):
        window = make()  # deletes itself on close
        window.resize(*size)
        window.show()
        _settle(qtbot)
        found[name] = problems(window, size)
        if name == "kiosk":
            window.unlocked = True
        window.close()
    set_revealed(ctx.db, workshop_id, True)
    presenter = PresenterWindow(ctx)
    qtbot.addWidget(presenter)
    presenter.resize(*size)
    presenter.show()
    from ui.steps import commit

    views = [(spec.key, spec.key) for spec in STEPS] + [("commit (follow-up)", "commit")]
    for name, key in views:
        commit.focus_for(ctx).set(workshop_id, "follow_up" if "follow-up" in name else "commitments")
        ctx.bus.step_changed.emit(workshop_id, "")
        ctx.bus.step_changed.emit(workshop_id, key)
        _settle(qtbot)
        found[f"presenter {name}"] = problems(presenter, size)
        page = 1
        while (turn := getattr(presenter.content, "turn", None)) is not None and turn(1):  # every page of it
            page += 1
            _settle(qtbot)
            found[f"presenter {name}, page {page}"] = problems(presenter, size)
    assert not any(found.values()), f"{lang} at {size[0]}×{size[1]}:\n{_report(found)}"


def test_the_rule_catches_cut_text_and_overlap(qtbot) -> None:
    """So that the tests above can fail: a clipped label, a clipped button, two widgets on top."""
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(300, 100)
    label = QLabel("nog niet begonnen, en dat blijft zo", root)
    label.setGeometry(0, 0, 60, 20)
    button = QPushButton("Carry all open forward (1)", root)
    button.setGeometry(0, 30, 70, 30)
    other = QLabel("x", root)
    other.setGeometry(50, 35, 40, 20)
    root.show()
    _settle(qtbot)
    found = "\n".join(problems(root))
    assert "nog niet begonnen" in found and "Carry all open" in found and "overlaps" in found

    fine = QWidget()
    qtbot.addWidget(fine)
    row = QHBoxLayout(fine)
    row.addWidget(QLabel("nog niet begonnen"))
    row.addWidget(QPushButton("Carry all open forward (1)"))
    fine.show()
    _settle(qtbot)
    assert problems(fine) == []
