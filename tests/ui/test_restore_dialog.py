"""File → Restore from backup (pick by date, confirm, current state backed up first) and the
participant's "Export their data" / "Delete with all answers" with the backups note."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel

from ui.actions import ActionId
from ui.privacy_dialogs import delete_client_with_history, delete_with_all_answers, export_their_data
from ui.restore_dialog import KIND_LABELS, RestoreDialog
from workshop.changes import Changes
from workshop.participants import add_participant, list_participants, set_answers
from workshop.storage import backup
from workshop.storage.backup import KINDS, backup_on_start, list_backups
from workshop.workshops import create_workshop, duplicate_as_follow_up, list_workshops

QIDS = [f"q{i:02d}" for i in range(1, 21)]


def titles(ctx) -> list[str]:  # noqa: ANN001
    return sorted(w.title for w in list_workshops(ctx.db))


def _history(ctx) -> None:  # noqa: ANN001
    """Three start-up backups, each after a change."""
    for title in ("First", "Second", "Third"):
        create_workshop(ctx.db, "Acme", title, "2026-03-01")
        backup_on_start(ctx.db)


def test_kinds_all_have_words() -> None:
    assert set(KIND_LABELS) == set(KINDS)


def test_pick_by_date_confirm_and_the_current_state_is_backed_up_first(ctx, qtbot, user, tmp_path: Path) -> None:
    _history(ctx)
    create_workshop(ctx.db, "Acme", "Not in any backup", "2026-04-01")
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = dialog.model.rows
    assert len(rows) == 3 and [r.created for r in rows] == sorted((r.created for r in rows), reverse=True)
    assert dialog.model.index(0, 1).data() == "When the app started"
    assert "2026" in dialog.model.index(0, 0).data() or str(rows[0].created.year) in dialog.model.index(0, 0).data()
    dialog.table.selectRow(2)  # the oldest: only "First"
    assert "Holds 1 workshop of 1 client, 0 participants." in dialog.details.text()
    assert "Acme — First" in dialog.details.text()
    restored = []
    dialog.restored.connect(restored.append)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert user.confirmations and "Everything in the app is replaced" in user.confirmations[-1]
    assert titles(ctx) == ["First"]
    assert len(restored) == 1
    assert dialog.model.index(0, 1).data() == "Before a restore"  # the state before, newest in the list
    dialog.table.selectRow(0)
    assert "Holds 4 workshops of 1 client" in dialog.details.text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)  # and back again
    assert titles(ctx) == ["First", "Not in any backup", "Second", "Third"]


def test_cancelled_restore_changes_nothing(ctx, qtbot, user) -> None:
    _history(ctx)
    user.answer = False
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(2)
    assert dialog.restore_selected() is None
    assert titles(ctx) == ["First", "Second", "Third"] and len(list_backups(ctx.db.path)) == 3


def test_a_damaged_backup_cannot_be_chosen_and_a_bad_file_is_refused(ctx, qtbot, user, tmp_path: Path) -> None:
    _history(ctx)
    newest = list_backups(ctx.db.path)[0].path
    newest.write_bytes(b"SQLite format 3\x00" + os.urandom(6000))
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert "cannot be restored" in dialog.details.text() and not dialog.restore_button.isEnabled()
    assert [dialog.model.index(r, 3).data() for r in range(3)] == ["Damaged", "Good", "Good"]
    assert dialog.model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) is not None
    dialog.table.selectRow(1)
    assert dialog.restore_button.isEnabled()
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    assert dialog.restore_file(bad) is None
    assert user.errors and "not a backup" in user.errors[-1].message
    assert titles(ctx) == ["First", "Second", "Third"]


def test_restore_from_a_file_made_with_the_command_line(ctx, qtbot, user, tmp_path: Path) -> None:
    create_workshop(ctx.db, "Acme", "Saved by hand", "2026-03-01")
    copy = backup.backup_to(ctx.db, tmp_path / "copy.db")
    create_workshop(ctx.db, "Acme", "Later", "2026-03-02")
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.restore_file(copy) is not None
    assert titles(ctx) == ["Saved by hand"]


def test_delete_older_backups(ctx, qtbot, user) -> None:
    _history(ctx)
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.clean_button, Qt.MouseButton.LeftButton)
    assert "older backups still contain it" in user.confirmations[-1]
    assert [dialog.model.index(0, 1).data()] == ["When older backups were deleted"]
    assert len(dialog.model.rows) == 1


def test_file_menu_restore_returns_to_the_list(window, ctx, qtbot, user) -> None:
    _history(ctx)
    ctx.apply(Changes(workshops=True))
    wid = next(w.id for w in list_workshops(ctx.db) if w.title == "Third")
    window.open_workshop(wid)
    assert window.workshop_view is not None
    window.actions[ActionId.RESTORE_BACKUP].trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.table.selectRow(2)
    dialog.restore_selected()
    assert window.workshop_view is None  # the open workshop may be gone: back to the list
    assert [w.title for w in list_workshops(ctx.db)] == ["First"]
    if os.environ.get("SCREENSHOT_DIR"):
        dialog.grab().save(str(Path(os.environ["SCREENSHOT_DIR"]) / "restore-dialog.png"))


def _people(ctx) -> tuple[int, int, int]:  # noqa: ANN001
    w = create_workshop(ctx.db, "Acme", "Baseline", "2026-01-10", language="en")
    ann, _ = add_participant(ctx.db, w.id, "Ann de Wit", "sales")
    bob, _ = add_participant(ctx.db, w.id, "Bob", "marketing")
    for person in (ann, bob):
        set_answers(ctx.db, person.id, {q: 4 for q in QIDS}, "kiosk")
    follow = duplicate_as_follow_up(ctx.db, w.id, "2026-07-10")
    return w.id, follow.id, ann.id


def _accept(dialog, untick: bool = False) -> None:  # noqa: ANN001
    if untick:
        dialog.findChild(QCheckBox).setChecked(False)
    dialog.ok_button.click()


def test_delete_with_all_answers_shows_the_backups_note(ctx, qtbot, when_dialog) -> None:
    first, follow, ann = _people(ctx)
    seen: list[str] = []

    def look_and_accept(dialog) -> None:  # noqa: ANN001
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        seen.append(dialog.findChild(QCheckBox).text())
        if os.environ.get("SCREENSHOT_DIR"):
            dialog.grab().save(str(Path(os.environ["SCREENSHOT_DIR"]) / "delete-participant.png"))
        _accept(dialog)

    changes: list[Changes] = []
    ctx.bus.changed.connect(changes.append)
    when_dialog(look_and_accept)
    report = delete_with_all_answers(None, ctx, ann)
    text = "\n".join(seen)
    assert "Delete Ann de Wit with all their answers?" in text
    assert "20 answer(s) in Baseline (2026-01-10)" in text and "Backups made before now" in text
    assert "Also in the other workshops of Acme (1)" in text
    assert report is not None and len(report.records) == 2
    assert [p.name for p in list_participants(ctx.db, first)] == ["Bob"]
    assert [p.name for p in list_participants(ctx.db, follow)] == ["Bob"]
    assert changes and changes[-1].participants


def test_delete_only_in_this_workshop_when_unticked(ctx, qtbot, when_dialog) -> None:
    first, follow, ann = _people(ctx)
    when_dialog(lambda dialog: _accept(dialog, untick=True))
    delete_with_all_answers(None, ctx, ann)
    assert [p.name for p in list_participants(ctx.db, follow)] == ["Ann de Wit", "Bob"]


def test_cancel_deletes_nothing_and_enter_means_cancel(ctx, qtbot, when_dialog) -> None:
    first, _follow, ann = _people(ctx)

    seen: list[object] = []

    def press_enter(dialog) -> None:  # noqa: ANN001
        seen.extend([dialog.cancel_button.isDefault(), dialog.ok_button.isDefault(), dialog.ok_button.autoDefault()])
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        if dialog.isVisible():  # never leave a modal dialog open in a test
            seen.append("still open")
            dialog.reject()

    when_dialog(press_enter)
    assert delete_with_all_answers(None, ctx, ann) is None
    assert seen == [True, False, False]
    assert len(list_participants(ctx.db, first)) == 2


def test_export_their_data(ctx, qtbot, tmp_path: Path) -> None:
    _first, _follow, ann = _people(ctx)
    out = export_their_data(None, ctx, ann, tmp_path / "ann.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["name"] == "Ann de Wit" and len(data["records"]) == 2


def test_delete_client_with_history(ctx, qtbot, when_dialog) -> None:
    _people(ctx)
    other = create_workshop(ctx.db, "Globex", "Offsite", "2026-02-01")
    client = next(w for w in list_workshops(ctx.db) if w.client == "Acme")
    from workshop.privacy import find_client

    acme = find_client(ctx.db, client.client)
    seen: list[str] = []

    def accept(dialog) -> None:  # noqa: ANN001
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        _accept(dialog)

    when_dialog(accept)
    assert delete_client_with_history(None, ctx, acme.id)
    assert "workshops 2, participants 4, answers 40" in "\n".join(seen)
    assert [w.id for w in list_workshops(ctx.db)] == [other.id]
