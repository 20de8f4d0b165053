"""The main window driven as a facilitator would: welcome, demo, new/edit/follow-up/delete,
undo, language switch, remembered state, the error seam and start-up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ui import preferences
from ui.actions import SPECS, ActionId, key_sequences
from ui.main_window import MainWindow
from workshop.changes import Changes
from workshop.participants import add_participant, list_participants, set_answers
from workshop.workshops import create_workshop, get_workshop, list_workshops

QIDS = [f"q{i:02d}" for i in range(1, 21)]


def _workshop(ctx, client="Acme", title="Offsite", people=3) -> int:
    w = create_workshop(ctx.db, client, title, "2026-03-01", language="en")
    for i in range(people):
        p, _ = add_participant(ctx.db, w.id, f"Person {i}", "sales" if i % 2 else "marketing")
        set_answers(ctx.db, p.id, {q: 1 + (i + n) % 5 for n, q in enumerate(QIDS)}, "paper")
    ctx.apply(Changes(workshop_id=w.id, workshops=True, participants=True, answers=True))
    return w.id


def test_empty_database_shows_the_welcome_page_and_the_demo_opens(window, ctx, qtbot):
    assert window.home.currentWidget() is window.welcome
    assert window.welcome.isVisible()
    assert window.welcome.new_button.hasFocus() or window.welcome.new_button.isDefault()
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.workshop_view is not None
    assert window.workshop_view.current_key == "prepare"
    page = window.workshop_view.current_page()
    assert page.model.rowCount() == 17
    assert len(list_workshops(ctx.db)) == 2  # the follow-up and the earlier one
    window.actions[ActionId.ALL_WORKSHOPS].trigger()
    assert window.home.currentWidget() is window.list_page
    assert window.list_page.model.workshop_count() == 2


def test_new_workshop_through_the_dialog(window, ctx, qtbot, when_dialog):
    seen = {}

    def fill(dialog):
        seen["ok_before"] = dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.client.lineEdit(), "Van Dijk Logistics")
        seen["ok_half"] = dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.title, "Kick-off")
        dialog.language.setCurrentIndex(dialog.language.findData("nl"))
        dialog.min_group.setValue(4)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_dialog(fill)
    window.actions[ActionId.NEW_WORKSHOP].trigger()
    assert seen == {"ok_before": False, "ok_half": False}
    rows = list_workshops(ctx.db)
    assert [(r.client, r.title) for r in rows] == [("Van Dijk Logistics", "Kick-off")]
    info = get_workshop(ctx.db, rows[0].id)
    assert (info.language, info.min_group_size) == ("nl", 4)
    # The new workshop opens on Prepare, ready for its participants.
    assert window.workshop_view.workshop_id == rows[0].id
    assert "Van Dijk Logistics" in window.windowTitle()
    # Creating is undoable like any edit.
    window.actions[ActionId.UNDO].trigger()
    assert list_workshops(ctx.db) == []
    assert window.workshop_view is None
    window.actions[ActionId.REDO].trigger()
    assert [r.title for r in list_workshops(ctx.db)] == ["Kick-off"]


def test_edit_workshop_dialog_saves_and_undo_restores(window, ctx, qtbot, when_dialog):
    wid = _workshop(ctx)
    assert window.list_page.select(wid)

    def rename(dialog):
        dialog.title.selectAll()
        qtbot.keyClicks(dialog.title, "Second offsite")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_dialog(rename)
    window.actions[ActionId.EDIT_WORKSHOP].trigger()
    assert get_workshop(ctx.db, wid).title == "Second offsite"
    index = window.list_page.model.index_of(wid)
    assert index.data() == "Second offsite"
    window.actions[ActionId.UNDO].trigger()
    assert get_workshop(ctx.db, wid).title == "Offsite"
    assert window.list_page.model.index_of(wid).data() == "Offsite"


def test_follow_up_copies_participants_without_answers(window, ctx, qtbot, when_dialog):
    wid = _workshop(ctx)
    window.list_page.select(wid)

    def accept(dialog):
        dialog.date.setDate(dialog.date.date().addDays(200))
        dialog.accept()

    when_dialog(accept)
    window.actions[ActionId.DUPLICATE_WORKSHOP].trigger()
    rows = list_workshops(ctx.db)
    assert len(rows) == 2
    new_id = next(r.id for r in rows if r.id != wid)
    assert get_workshop(ctx.db, new_id).client == "Acme"
    people = list_participants(ctx.db, new_id)
    assert [p.name for p in people] == ["Person 0", "Person 1", "Person 2"]
    assert all(not p.answers for p in people)
    assert window.workshop_view.workshop_id == new_id


def test_delete_workshop_and_undo_brings_back_everything(window, ctx, qtbot, user):
    wid = _workshop(ctx, people=4)
    before = [(p.name, p.function, p.answers) for p in list_participants(ctx.db, wid)]
    window.list_page.select(wid)
    window.list_page.view.setFocus()
    qtbot.keyClick(window.list_page.view, Qt.Key.Key_Delete)
    assert user.confirmations and "Acme — Offsite" in user.confirmations[0]
    assert list_workshops(ctx.db) == []
    assert window.home.currentWidget() is window.welcome  # the database is empty again

    window.actions[ActionId.UNDO].trigger()
    rows = list_workshops(ctx.db)
    assert [(r.client, r.title) for r in rows] == [("Acme", "Offsite")]
    restored = rows[0].id
    assert [(p.name, p.function, p.answers) for p in list_participants(ctx.db, restored)] == before
    assert window.home.currentWidget() is window.list_page
    assert window.list_page.model.workshop_count() == 1

    window.actions[ActionId.REDO].trigger()
    assert list_workshops(ctx.db) == []


def test_declining_the_confirmation_keeps_the_workshop(window, ctx, qtbot, user):
    wid = _workshop(ctx)
    window.list_page.select(wid)
    user.answer = False
    window.actions[ActionId.DELETE_WORKSHOP].trigger()
    assert [r.id for r in list_workshops(ctx.db)] == [wid]
    assert not ctx.undo.canUndo()


def test_deleting_the_open_workshop_returns_to_the_list_and_undo_keeps_later_edits_working(window, ctx, qtbot, user):
    wid = _workshop(ctx)
    _workshop(ctx, client="Beta", title="Other")
    window.open_workshop(wid)
    page = window.workshop_view.current_page()
    page.new_name.setText("Zoe")
    page.add_from_form()
    assert any(p.name == "Zoe" for p in list_participants(ctx.db, wid))
    window.actions[ActionId.DELETE_WORKSHOP].trigger()
    assert window.workshop_view is None
    window.actions[ActionId.UNDO].trigger()  # the workshop is back, under a new id
    new_id = next(r.id for r in list_workshops(ctx.db) if r.client == "Acme")
    assert any(p.name == "Zoe" for p in list_participants(ctx.db, new_id))
    window.actions[ActionId.UNDO].trigger()  # the earlier "add Zoe" follows the workshop
    assert not any(p.name == "Zoe" for p in list_participants(ctx.db, new_id))
    assert not user.errors


def test_search_filters_the_list(window, ctx, qtbot):
    _workshop(ctx, client="Acme", title="Offsite")
    _workshop(ctx, client="Zenith", title="Kick-off")
    assert window.list_page.model.workshop_count() == 2
    window.actions[ActionId.FIND].trigger()
    assert window.list_page.search.hasFocus()
    qtbot.keyClicks(window.list_page.search, "zen")
    qtbot.waitUntil(lambda: window.list_page.model.workshop_count() == 1)
    assert window.list_page.model.groups[0][0] == "Zenith"
    qtbot.keyClicks(window.list_page.search, "xyz")
    qtbot.waitUntil(lambda: window.list_page.model.workshop_count() == 0)
    assert "zenxyz" in window.list_page.nothing.text()
    assert window.home.currentWidget() is window.list_page  # not the welcome page


def test_enter_opens_the_selected_workshop_and_emits_the_step(window, ctx, qtbot):
    wid = _workshop(ctx)
    window.list_page.select(wid)
    steps = []
    ctx.bus.step_changed.connect(lambda w, key: steps.append((w, key)))
    window.list_page.view.setFocus()
    qtbot.keyClick(window.list_page.view, Qt.Key.Key_Return)
    assert window.workshop_view is not None and window.workshop_view.workshop_id == wid
    assert steps[-1] == (wid, "prepare")
    window.actions[ActionId.CLOSE_WORKSHOP].trigger()
    assert steps[-1] == (0, "")


def test_last_workshop_and_recent_list_are_remembered(ctx, qtbot):
    wid = _workshop(ctx)
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    assert first.workshop_view is None
    first.open_workshop(wid)
    first.close()
    assert preferences.recent_workshops() == [wid]
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.workshop_view is not None and second.workshop_view.workshop_id == wid
    second.recent_menu.aboutToShow.emit()
    titles = [a.text() for a in second.recent_menu.actions()]
    assert any("Acme — Offsite" in t for t in titles)


def test_language_switch_changes_visible_texts(window, ctx, qtbot, when_dialog):
    _workshop(ctx)
    menus = lambda: [a.text() for a in window.menuBar().actions()]  # noqa: E731
    assert menus() == ["&File", "&Edit", "&View", "&Help"]
    assert window.list_page.model.headerData(0, Qt.Orientation.Horizontal) == "Client and workshop"

    def choose_dutch(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("nl"))
        dialog.accept()

    when_dialog(choose_dutch)
    window.actions[ActionId.PREFERENCES].trigger()
    assert preferences.language_setting() == "nl"
    assert ctx.language == "nl"
    assert menus() == ["&Bestand", "Be&werken", "Beel&d", "&Help"]
    assert window.list_page.model.headerData(0, Qt.Orientation.Horizontal) == "Klant en workshop"
    assert window.actions[ActionId.NEW_WORKSHOP].text() == "&Nieuwe workshop…"

    def back_to_english(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()

    when_dialog(back_to_english)
    window.actions[ActionId.PREFERENCES].trigger()
    assert menus() == ["&File", "&Edit", "&View", "&Help"]


def test_language_switch_keeps_the_open_workshop_and_step(window, ctx, qtbot, when_dialog):
    wid = _workshop(ctx)
    window.open_workshop(wid)

    def choose_dutch(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("nl"))
        dialog.accept()

    when_dialog(choose_dutch)
    window.actions[ActionId.PREFERENCES].trigger()
    assert window.workshop_view is not None and window.workshop_view.workshop_id == wid
    page = window.workshop_view.current_page()
    assert page.add_button.text() == "&Toevoegen"
    assert window.workshop_view.step_list.item(0).text().endswith("Voorbereiden")


def test_a_known_error_is_shown_as_a_message(window, qtbot):
    from ui.errors import handle_exception
    from workshop.errors import InputError

    exc = InputError("The file has 2 problems.", ["line 2, column q01: 7 is not 1–5", "line 3, column name: empty"])
    handle_exception(type(exc), exc, None, window)
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert box.text() == "The file has 2 problems."
    assert "line 2, column q01" in box.informativeText()
    box.close()


def test_an_unexpected_error_in_a_slot_is_logged_and_shown_and_the_app_keeps_running(window, ctx, qtbot, tmp_path):
    from ui.errors import UnexpectedErrorDialog, install_excepthook
    from workshop.logs import log_path

    old = sys.excepthook
    install_excepthook()
    try:
        def broken() -> None:
            raise RuntimeError("kaboom in a slot")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: any(isinstance(w, UnexpectedErrorDialog) for w in QApplication.topLevelWidgets()))
    finally:
        sys.excepthook = old
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UnexpectedErrorDialog))
    assert "RuntimeError: kaboom in a slot" in dialog.details
    assert "Traceback" in dialog.details
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "kaboom in a slot" in QApplication.clipboard().text()
    assert "kaboom in a slot" in log_path().read_text(encoding="utf-8")
    dialog.close()
    # Still fully usable afterwards.
    _workshop(ctx)
    assert window.list_page.model.workshop_count() == 1


def test_background_task_reports_success_failure_and_cancel(qtbot):
    from ui.background import Cancelled, Task, wait_for_all

    results, failures, progress = [], [], []

    def work(p):
        p.report(1, 2, "half")
        return 42

    Task(work).success(results.append).on_progress(lambda d, t, s: progress.append((d, t, s))).run_in_background()
    Task(lambda: 1 / 0).failure(failures.append).run_in_background()
    assert wait_for_all()
    qtbot.waitUntil(lambda: bool(results and failures))
    assert results == [42]
    assert isinstance(failures[0], ZeroDivisionError)
    assert progress == [(1, 2, "half")]

    cancelled = []

    def slow(p):
        while True:
            p.check()
            time.sleep(0.001)

    task = Task(slow).cancelled(lambda: cancelled.append(True))
    task.run_in_background()
    task.cancel()
    assert wait_for_all()
    assert cancelled == [True]
    assert Cancelled


def test_every_shortcut_is_unique():
    seen: dict[str, ActionId] = {}
    for action_id, spec in SPECS.items():
        for sequence in key_sequences(spec):
            key = sequence.toString()
            assert key not in seen, f"{key} is used by {seen[key]} and {action_id}"
            seen[key] = action_id


def test_every_action_has_a_tooltip_and_a_handler(window):
    for action_id, action in window.actions.items():
        assert action.toolTip(), action_id
        assert hasattr(MainWindow, f"_on_{action_id.name.lower()}"), action_id


@pytest.mark.skipif(sys.platform == "win32", reason="offscreen platform")
def test_exit_after_startup_quits_with_the_list_loaded(db_path: Path, tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "c"))
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.launch import main; sys.exit(main())",
         "--db", str(db_path), "--exit-after-startup"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 0, result.stderr
    modules = subprocess.run(
        [sys.executable, "-c",
         "import sys, runpy\n"
         "sys.argv = ['workshop', '--db', sys.argv[1], '--exit-after-startup']\n"
         "from ui.launch import main\n"
         "code = main()\n"
         "heavy = [m for m in ('matplotlib', 'reportlab', 'alembic', 'aiohttp', 'PIL', 'pptx', 'psycopg',\n"
         "                    'workshop.collect.protocol', 'workshop.storage.firm_models',\n"
         "                    'workshop.storage.phone_models', 'workshop.storage.branding_models')\n"
         "         if m in sys.modules]\n"
         "order = list(sys.modules)\n"
         "late = [m for m in order[order.index('PySide6'):] if m.startswith(('sqlalchemy', 'workshop'))]\n"
         "print(','.join(heavy))\n"
         "print(','.join(late))\n",
         str(db_path)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert modules.returncode == 0, modules.stderr
    heavy, late = modules.stdout.split("\n")[:2]
    assert heavy == "", f"loaded at start-up: {heavy}"
    # PySide6's import hook reads the source of every module imported after it: these come first.
    assert late == "", f"imported after PySide6: {late}"


def test_dialogs_are_closed(qtbot):
    """No dialog of an earlier test is left open (a modal one would block the next)."""
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


FRAME_MODULES = (
    "ui/actions.py", "ui/app.py", "ui/background.py", "ui/errors.py", "ui/import_preview.py", "ui/main_window.py",
    "ui/preferences.py", "ui/steps/prepare.py", "ui/commands/base.py", "ui/commands/participants.py",
    "ui/commands/workshops.py", "ui/welcome.py", "ui/workshop_dialog.py", "ui/workshop_list.py",
)


def test_every_string_of_the_frame_has_a_dutch_translation():
    import ast

    from workshop.i18n import catalogue

    root = Path(__file__).resolve().parents[2]
    dutch = catalogue("nl")
    missing = []
    for name in FRAME_MODULES:
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                if node.args[0].value not in dutch:
                    missing.append(f"{name}:{node.lineno}: {node.args[0].value!r}")
    assert not missing, "\n".join(missing)


def test_presenter_window_opens_and_follows_the_facilitator(window, ctx, qtbot):
    pytest.importorskip("ui.presenter")
    wid = _workshop(ctx)
    window.open_workshop(wid)
    assert window.actions[ActionId.PRESENTER].isEnabled()
    window.actions[ActionId.PRESENTER].trigger()
    presenter = window.presenter
    assert presenter is not None and presenter.isVisible()
    assert (presenter.workshop_id, presenter.step) == (wid, "prepare")
    window.actions[ActionId.CLOSE_WORKSHOP].trigger()
    assert presenter.workshop_id == 0
    presenter.close()
    qtbot.waitUntil(lambda: window.presenter is None)


def test_the_list_refreshes_only_when_it_is_in_view(window, ctx, qtbot):
    wid = _workshop(ctx, people=2)
    window.open_workshop(wid)
    reloads = []
    window.list_page.reloaded.connect(lambda: reloads.append(1))
    for name in ("Late 1", "Late 2"):
        person, changes = add_participant(ctx.db, wid, name, "other")
        ctx.apply(changes)
    assert reloads == []  # answers and people arriving during a session cost the hidden list nothing
    window.show_home()
    assert reloads == [1]
    assert window.list_page.model.index_of(wid).siblingAtColumn(2).data() == "4 (2 complete)"


def test_export_and_import_a_workshop_file(window, ctx, qtbot, tmp_path, monkeypatch):
    wid = _workshop(ctx, people=3)
    window.list_page.select(wid)
    out = tmp_path / "acme.json"
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr("ui.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(out), ""))
    window.actions[ActionId.EXPORT_WORKSHOP].trigger()
    qtbot.waitUntil(out.exists)
    qtbot.waitUntil(lambda: "acme.json" in window.statusBar().currentMessage())
    window.actions[ActionId.IMPORT_WORKSHOP].trigger()
    qtbot.waitUntil(lambda: len(list_workshops(ctx.db)) == 2)
    qtbot.waitUntil(lambda: window.workshop_view is not None)
    new_id = window.workshop_view.workshop_id
    assert new_id != wid
    assert [p.answers for p in list_participants(ctx.db, new_id)] == [p.answers for p in list_participants(ctx.db, wid)]
    window.actions[ActionId.UNDO].trigger()  # importing is undoable too
    assert [r.id for r in list_workshops(ctx.db)] == [wid]


def test_a_damaged_workshop_file_is_refused_with_a_message(window, ctx, qtbot, tmp_path, monkeypatch, user):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "alignment-workshop", "format_version": 1, "checksum": "x", "data": {}}')
    monkeypatch.setattr("ui.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.actions[ActionId.IMPORT_WORKSHOP].trigger()
    qtbot.waitUntil(lambda: bool(user.errors))
    assert "checksum" in user.errors[0].message
    assert list_workshops(ctx.db) == []
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    box.close()


def test_keyboard_only_from_an_empty_database_to_a_list_of_participants(window, ctx, qtbot, when_dialog):
    def type_dialog(dialog):
        assert dialog.focusWidget() is dialog.client  # the client field has the focus
        qtbot.keyClicks(dialog.focusWidget(), "Van Dijk")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.title
        qtbot.keyClicks(dialog.focusWidget(), "Kick-off")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    when_dialog(type_dialog)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.workshop_view is not None
    wid = window.workshop_view.workshop_id
    assert get_workshop(ctx.db, wid).title == "Kick-off"
    page = window.workshop_view.current_page()
    assert window.focusWidget() is page.new_name  # an empty list: ready to type names
    for name in ("Anna", "Bram"):
        qtbot.keyClicks(window.focusWidget(), name)
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert [p.name for p in list_participants(ctx.db, wid)] == ["Anna", "Bram"]
    window.activateWindow()  # as the window manager does when a modal dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.name for p in list_participants(ctx.db, wid)] == ["Anna"]


def test_window_size_is_remembered(ctx, qtbot):
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(1010, 690)
    qtbot.waitUntil(lambda: first.width() == 1010)
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert preferences.window_state()[0] is not None
    # The offscreen screen is 800 pixels wide, so Qt fits the width to it; the height comes back.
    assert second.height() == 690
