"""Prepare, driven as a facilitator would: settings, adding and editing participants,
removing with undo, importing a participant list through the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from ui.actions import ActionId
from ui.import_preview import ImportPreviewDialog
from ui.steps.prepare import PreparePage
from workshop.participants import add_participant, list_participants, set_answers
from workshop.workshops import create_workshop, get_workshop

QIDS = [f"q{i:02d}" for i in range(1, 21)]


@pytest.fixture
def workshop_id(ctx) -> int:
    return create_workshop(ctx.db, "Acme", "Offsite", "2026-03-01", language="en", min_group_size=3).id


@pytest.fixture
def page(ctx, workshop_id, qtbot) -> PreparePage:
    widget = PreparePage(ctx, workshop_id)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(ctx, wid):
    return [(p.name, p.function) for p in list_participants(ctx.db, wid)]


def add_by_keyboard(qtbot, page, name, function_index=None):
    page.new_name.setFocus()
    if function_index is not None:
        page.new_function.setCurrentIndex(function_index)
    qtbot.keyClicks(page.new_name, name)
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)


def open_editor(qtbot, page, row, column):
    index = page.model.index(row, column)
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    return QApplication.focusWidget()


def visible_message() -> QMessageBox | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)


def test_add_participants_with_the_keyboard_and_see_counts(page, ctx, workshop_id, qtbot):
    add_by_keyboard(qtbot, page, "Anna de Wit", function_index=0)  # sales
    add_by_keyboard(qtbot, page, "Bram Jansen")  # the function stays chosen
    page.new_function.setCurrentIndex(1)  # marketing
    add_by_keyboard(qtbot, page, "")  # empty name: anonymous
    assert names(ctx, workshop_id) == [("Anna de Wit", "sales"), ("Bram Jansen", "sales"), (None, "marketing")]
    assert page.model.rowCount() == 3
    assert page.model.index(2, 1).data() == "(anonymous)"
    assert page.new_name.text() == "" and page.new_name.hasFocus()
    assert "Sales 2" in page.counts.text() and "Marketing 1" in page.counts.text()
    assert "3 in total" in page.counts.text()
    # Both Sales and Marketing are below the minimum group size of 3: the warning says so.
    assert page.warning.isVisible()
    assert "Sales and Marketing" in page.warning.text() and "3" in page.warning.text()


def test_warning_follows_the_minimum_group_size(page, ctx, workshop_id, qtbot):
    for i in range(3):
        add_participant(ctx.db, workshop_id, f"S{i}", "sales")
    for i in range(2):
        add_participant(ctx.db, workshop_id, f"M{i}", "marketing")
    page.reload()
    assert page.warning.isVisible() and "Marketing" in page.warning.text() and "Sales" not in page.warning.text()
    page.settings.min_group.setFocus()
    page.settings.min_group.selectAll()
    qtbot.keyClicks(page.settings.min_group, "2")
    qtbot.keyClick(page.settings.min_group, Qt.Key.Key_Tab)
    assert get_workshop(ctx.db, workshop_id).min_group_size == 2
    assert not page.warning.isVisible()
    ctx.undo.undo()
    assert get_workshop(ctx.db, workshop_id).min_group_size == 3
    assert page.settings.min_group.value() == 3
    assert page.warning.isVisible()


def test_inline_edit_of_name_and_function(page, ctx, workshop_id, qtbot):
    add_participant(ctx.db, workshop_id, "Anna", "sales")
    page.reload()
    editor = open_editor(qtbot, page, 0, 1)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Anna de Wit")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on the next turn of the event loop
    qtbot.waitUntil(lambda: names(ctx, workshop_id) == [("Anna de Wit", "sales")])

    combo = open_editor(qtbot, page, 0, 2)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("marketing"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: names(ctx, workshop_id) == [("Anna de Wit", "marketing")])
    assert page.model.index(0, 2).data() == "Marketing"

    ctx.undo.undo()
    assert names(ctx, workshop_id) == [("Anna de Wit", "sales")]
    ctx.undo.undo()
    assert names(ctx, workshop_id) == [("Anna", "sales")]
    assert page.model.index(0, 1).data() == "Anna"


def test_a_duplicate_name_is_refused_with_a_message(page, ctx, workshop_id, qtbot, user):
    add_participant(ctx.db, workshop_id, "Anna", "sales")
    page.reload()
    add_by_keyboard(qtbot, page, "anna")
    assert names(ctx, workshop_id) == [("Anna", "sales")]
    assert user.errors and "already a participant called “anna”" in user.errors[-1].message
    box = visible_message()
    assert box is not None and "anna" in box.text()
    box.close()


def test_remove_with_delete_and_undo_restores_answers(page, ctx, workshop_id, qtbot):
    people = []
    for name in ("Anna", "Bram", "Carla"):
        person, _ = add_participant(ctx.db, workshop_id, name, "sales")
        people.append(person)
    set_answers(ctx.db, people[1].id, {q: 4 for q in QIDS}, "kiosk")
    page.reload()
    assert page.model.index(1, 3).data() == "20 / 20"
    page.table.selectRow(1)
    page.table.setFocus()
    page.delete_selected()  # what Edit → Delete (the Delete key) does on this page
    assert [n for n, _f in names(ctx, workshop_id)] == ["Anna", "Carla"]
    assert page.model.rowCount() == 2

    ctx.undo.undo()
    restored = list_participants(ctx.db, workshop_id)
    assert [p.name for p in restored] == ["Anna", "Bram", "Carla"]
    assert restored[1].answers == {q: 4 for q in QIDS}
    assert page.model.index(1, 3).data() == "20 / 20"

    ctx.undo.redo()
    assert [n for n, _f in names(ctx, workshop_id)] == ["Anna", "Carla"]


def test_delete_key_in_the_main_window_removes_the_selected_participants(window, ctx, workshop_id, qtbot):
    add_participant(ctx.db, workshop_id, "Anna", "sales")
    add_participant(ctx.db, workshop_id, "Bram", "marketing")
    window.open_workshop(workshop_id)
    page = window.workshop_view.current_page()
    page.table.selectAll()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert names(ctx, workshop_id) == []
    assert window.statusBar().currentMessage() == "2 participants removed. Undo with Ctrl+Z."
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert names(ctx, workshop_id) == [("Anna", "sales"), ("Bram", "marketing")]


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig")
    return path


def wait_for_preview(qtbot) -> ImportPreviewDialog:
    qtbot.waitUntil(
        lambda: any(isinstance(w, ImportPreviewDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
        or any(isinstance(w, ImportPreviewDialog) and w.isVisible() for w in QApplication.allWidgets())
    )
    return next(w for w in QApplication.allWidgets() if isinstance(w, ImportPreviewDialog) and w.isVisible())


def test_import_a_participant_list_through_the_preview(page, ctx, workshop_id, qtbot, tmp_path, monkeypatch):
    add_participant(ctx.db, workshop_id, "Anna de Wit", "marketing")
    page.reload()
    csv = write_csv(tmp_path / "people.csv", "naam;functie\nAnna de Wit;verkoop\nBram Jansen;marketing\n;directie\n")
    monkeypatch.setattr(
        "ui.steps.prepare.QFileDialog.getOpenFileName", lambda *a, **k: (str(csv), "")
    )
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_preview(qtbot)
    model = dialog.table.model()
    assert model.rowCount() == 3
    assert [model.index(r, 4).data() for r in range(3)] == ["update existing participant", "add", "add"]
    assert model.index(2, 1).data() == "(anonymous)"
    assert names(ctx, workshop_id) == [("Anna de Wit", "marketing")]  # nothing stored before Import
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(ctx, workshop_id) == [("Anna de Wit", "sales"), ("Bram Jansen", "marketing"), (None, "leadership")]
    assert page.model.rowCount() == 3

    ctx.undo.undo()
    assert names(ctx, workshop_id) == [("Anna de Wit", "marketing")]
    assert page.model.rowCount() == 1


def test_a_bad_participant_file_lists_its_problems_and_stores_nothing(page, ctx, workshop_id, qtbot, tmp_path, user):
    csv = write_csv(tmp_path / "bad.csv", "name,function\nAnna,sales\nBram,chef\n")
    page.import_file(str(csv))
    qtbot.waitUntil(lambda: bool(user.errors))
    error = user.errors[0]
    assert any("line 3" in p and "chef" in p for p in error.problems), error.problems
    assert names(ctx, workshop_id) == []
    qtbot.waitUntil(lambda: visible_message() is not None)
    visible_message().close()
    assert page.import_button.isEnabled()


def test_settings_are_saved_as_they_are_edited_and_an_empty_title_is_refused(page, ctx, workshop_id, qtbot):
    title = page.settings.edits["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Spring offsite")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert get_workshop(ctx.db, workshop_id).title == "Spring offsite"

    page.settings.language.setCurrentIndex(page.settings.language.findData("nl"))
    assert get_workshop(ctx.db, workshop_id).language == "nl"

    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert get_workshop(ctx.db, workshop_id).title == "Spring offsite"
    assert page.settings.error.isVisible() and "cannot be empty" in page.settings.error.text()
    assert title.text() == "Spring offsite"

    ctx.undo.undo()
    ctx.undo.undo()
    info = get_workshop(ctx.db, workshop_id)
    assert (info.title, info.language) == ("Offsite", "en")
    assert title.text() == "Offsite"


def test_every_control_has_an_accessible_name_or_a_label(page):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QTableView, QWidget

    buddies = {label.buddy() for label in page.findChildren(QLabel) if label.buddy() is not None}
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QTableView)
    for widget in [w for w in page.findChildren(QWidget) if isinstance(w, kinds)]:
        if widget.parent() is not None and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the inner line edit of a spin or combo box
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (spin box editor, table corner button)
        assert widget.accessibleName() or widget in buddies, widget
        assert widget.toolTip() or widget in buddies or isinstance(widget, QTableView), widget


def test_an_undo_that_no_longer_fits_is_explained_not_crashed(page, ctx, workshop_id, qtbot, user):
    add_participant(ctx.db, workshop_id, "Anna", "sales")
    page.reload()
    page.table.selectRow(0)
    page.delete_selected()
    add_participant(ctx.db, workshop_id, "Anna", "marketing")  # someone else took the name meanwhile
    ctx.undo.undo()
    assert user.errors and "Anna" in user.errors[-1].message
    assert names(ctx, workshop_id) == [("Anna", "marketing")]
    assert not ctx.undo.canUndo()  # the command that no longer applies was dropped
    box = visible_message()
    if box is not None:
        box.close()


def test_a_setting_still_being_typed_is_saved_when_the_step_is_left(window, ctx, workshop_id, qtbot):
    window.open_workshop(workshop_id)
    page = window.workshop_view.current_page()
    place = page.settings.edits["place"]
    place.setFocus()
    qtbot.keyClicks(place, "Utrecht")
    window.actions[ActionId.ALL_WORKSHOPS].trigger()  # no Tab, no Enter: straight away
    assert get_workshop(ctx.db, workshop_id).place == "Utrecht"


def test_right_click_offers_the_personal_data_requests(page, ctx, workshop_id, qtbot, monkeypatch):
    from ui import privacy_dialogs

    person, _changes = add_participant(ctx.db, workshop_id, "Ann", "sales")
    called: list[tuple[str, int]] = []
    monkeypatch.setattr(privacy_dialogs, "export_their_data", lambda parent, c, pid: called.append(("export", pid)))
    monkeypatch.setattr(privacy_dialogs, "delete_with_all_answers",
                        lambda parent, c, pid: called.append(("delete", pid)))
    menu = page.participant_menu(person.id)
    assert [a.text() for a in menu.actions()] == ["Export their data…", "Delete with all answers…"]
    for action in menu.actions():
        action.trigger()
    assert called == [("export", person.id), ("delete", person.id)]
    assert page.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_two_heads_outside_sales_and_marketing_are_flagged(page, ctx, workshop_id, qtbot):
    for i in range(3):
        add_participant(ctx.db, workshop_id, f"S{i}", "sales")
        add_participant(ctx.db, workshop_id, f"M{i}", "marketing")
    add_participant(ctx.db, workshop_id, "Head of Sales", "leadership")
    add_participant(ctx.db, workshop_id, "Head of Marketing", "leadership")
    page.reload()
    assert page.warning.isVisible() and "outside the functions that will be shown: 2" in page.warning.text()
    add_participant(ctx.db, workshop_id, "CEO", "leadership")
    page.reload()
    assert not page.warning.isVisible()
