"""Commit and follow-up, driven as a facilitator would: add, edit in place with a date picker,
sort, filter, overdue, undo, CSV export; the review and carrying forward; the room's view."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from tests.workshop.plan_helpers import day, workshop_at
from ui.steps import commit as commit_step
from ui.steps.commit import CommitPage, CommitPresenter
from ui.steps.commitment_model import FIELDS
from workshop import commitments as cm
from workshop import follow_up
from workshop.demo import create_demo
from workshop.workshops import set_revealed

TODAY = day("2026-06-01")


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell(page, row, field):
    return page.proxy.index(row, FIELDS.index(field))


def column_texts(page, field):
    return [cell(page, r, field).data() for r in range(page.proxy.rowCount())]


def open_editor(qtbot, page, row, field):
    page.table.setCurrentIndex(cell(page, row, field))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    return QApplication.focusWidget()


@pytest.fixture
def workshop_id(ctx):
    wid = workshop_at(ctx.db, "defined")
    cm.add_commitment(ctx.db, wid, "Late one", owner="Bram", due_date="2026-05-01")
    cm.add_commitment(ctx.db, wid, "Later one", owner="anna", due_date="2026-09-01", status="done")
    cm.add_commitment(ctx.db, wid, "No date")
    return wid


@pytest.fixture
def page(ctx, workshop_id, qtbot):
    return show(qtbot, CommitPage(ctx, workshop_id, today=TODAY))


def test_add_with_enter_and_undo(page, ctx, workshop_id, qtbot):
    page.new_what.setFocus()
    qtbot.keyClicks(page.new_what, "Joint lead definition")
    qtbot.keyClick(page.new_what, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Joint lead definition" in column_texts(page, "what"))
    assert page.new_what.text() == "" and page.selected_ids() == [cm.list_commitments(ctx.db, workshop_id)[-1].id]
    ctx.undo.undo()
    qtbot.waitUntil(lambda: "Joint lead definition" not in column_texts(page, "what"))
    ctx.undo.redo()
    qtbot.waitUntil(lambda: "Joint lead definition" in column_texts(page, "what"))


def test_inline_edit_of_text_and_choice_with_undo(page, ctx, workshop_id, qtbot):
    editor = open_editor(qtbot, page, 2, "owner")
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Chantal")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cm.list_commitments(ctx.db, workshop_id)[2].owner == "Chantal")
    combo = open_editor(qtbot, page, 2, "status")
    combo.setCurrentIndex(combo.findData("dropped"))
    page.table.commitData(combo)
    page.table.closeEditor(combo, page.table.itemDelegate().EndEditHint.NoHint)
    qtbot.waitUntil(lambda: cm.list_commitments(ctx.db, workshop_id)[2].status == "dropped")
    ctx.undo.undo()
    qtbot.waitUntil(lambda: cm.list_commitments(ctx.db, workshop_id)[2].status == "open")
    ctx.undo.undo()
    qtbot.waitUntil(lambda: cm.list_commitments(ctx.db, workshop_id)[2].owner == "")
    qtbot.waitUntil(lambda: column_texts(page, "owner")[2] == "")


def test_due_date_picker_with_calendar(page, ctx, workshop_id, qtbot):
    from ui.steps.capture_editors import DueDateEditor

    editor = open_editor(qtbot, page, 2, "due_date").parentWidget()
    assert isinstance(editor, DueDateEditor) and editor.edit.text() == ""
    editor.menu.aboutToShow.emit()  # as opening the calendar does
    assert editor.calendar.selectedDate() == QDate(TODAY.year, TODAY.month, TODAY.day)  # not January 2000
    editor.calendar.clicked.emit(QDate(2026, 7, 15))
    qtbot.waitUntil(lambda: cm.list_commitments(ctx.db, workshop_id)[2].due_date == dt.date(2026, 7, 15))
    qtbot.waitUntil(lambda: column_texts(page, "due_date")[2] == "15 July 2026")  # the vocabulary's format
    qtbot.wait(10)  # the first editor is gone
    editor = open_editor(qtbot, page, 2, "due_date").parentWidget()
    assert editor.edit.text() == "15 July 2026"
    editor.menu.aboutToShow.emit()
    assert editor.calendar.selectedDate() == QDate(2026, 7, 15)
    editor.findChild(QAction, "quick_none").trigger()  # back to no date
    qtbot.waitUntil(lambda: cm.list_commitments(ctx.db, workshop_id)[2].due_date is None)


def test_overdue_stands_out_in_words_and_weight(page, qtbot):
    due = cell(page, 0, "due_date")
    assert "overdue" in due.data() and due.data().startswith("⚠")
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "Open and past its due date"
    assert "overdue" not in cell(page, 1, "due_date").data()  # done, though its date has passed
    assert page.overdue.text() == "⚠ 1 overdue"


def test_sort_and_filter(page, qtbot):
    page.table.horizontalHeader().sectionClicked.emit(FIELDS.index("due_date"))
    page.table.sortByColumn(FIELDS.index("due_date"), Qt.SortOrder.AscendingOrder)
    assert column_texts(page, "what") == ["Late one", "Later one", "No date"]
    page.table.sortByColumn(FIELDS.index("due_date"), Qt.SortOrder.DescendingOrder)
    assert column_texts(page, "what") == ["Later one", "Late one", "No date"]  # no date stays last
    page.table.sortByColumn(FIELDS.index("owner"), Qt.SortOrder.AscendingOrder)
    assert column_texts(page, "what")[:2] == ["Later one", "Late one"]  # anna before Bram
    page.status_filter.setCurrentIndex(page.status_filter.findData("overdue"))
    assert column_texts(page, "what") == ["Late one"] and page.shown.text() == "1 of 3 shown"
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    qtbot.keyClicks(page.search, "later")
    assert column_texts(page, "what") == ["Later one"]


def test_delete_selected_and_undo(page, ctx, workshop_id, qtbot):
    page.select([cm.list_commitments(ctx.db, workshop_id)[0].id])
    assert page.delete_button.isEnabled()
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    ctx.undo.undo()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert column_texts(page, "what")[0] == "Late one"


def test_export_csv_of_what_is_shown(page, ctx, workshop_id, tmp_path, qtbot, monkeypatch):
    cm.add_commitment(ctx.db, workshop_id, "=HYPERLINK(\"x\")", owner="@me")
    page._refresh_now()
    target = tmp_path / "out.csv"
    monkeypatch.setattr("ui.steps.commit.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:2] == ["What", "Owner"] and len(rows) == 5
    assert rows[4][:2] == ["'=HYPERLINK(\"x\")", "'@me"]
    assert "4 commitments saved to" in page.message.text()
    page.status_filter.setCurrentIndex(page.status_filter.findData("overdue"))
    page.export_to(str(tmp_path / "late.csv"))
    assert len((tmp_path / "late.csv").read_text(encoding="utf-8-sig").splitlines()) == 2


def test_the_room_sees_the_commitments(ctx, workshop_id, qtbot):
    room = show(qtbot, CommitPresenter(ctx, workshop_id))
    shown = [w.text() for w in room.findChildren(QLabel) if w.isVisibleTo(room)]
    assert "Our commitments" in shown and "Late one" in shown
    assert any("overdue" in t for t in shown)


# --- follow-up ---------------------------------------------------------------------------


@pytest.fixture
def demo(ctx):
    wid = create_demo(ctx.db, "en", today=TODAY)
    return wid


def test_follow_up_shows_trend_and_review_and_carries_forward(ctx, demo, qtbot):
    page = show(qtbot, CommitPage(ctx, demo, today=TODAY))
    assert page.tabs is not None and page.tabs.count() == 2
    assert "Sales && Marketing baseline" in page.tabs.tabText(1)
    page.tabs.setCurrentIndex(1)
    panel = page.follow_up
    states = [panel.model.index(r, 3).data() for r in range(panel.model.rowCount())]
    assert states == ["✔ Done", "⚠ Late", "✖ Dropped"]
    assert panel.counts.text() == "1 done · 1 late · 0 open · 1 dropped"
    assert panel.trend.canvas is not None
    # The current workshop is not revealed: the trend holds the earlier workshop only.
    assert len(follow_up.client_trend(ctx.db, demo)) == 2
    assert "joins the trend once its results are revealed" in panel.trend_note.text()
    assert panel.carry_all.text() == "Carry the late and open forward (1)"
    qtbot.mouseClick(panel.carry_all, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(cm.list_commitments(ctx.db, demo)) == 6)
    carried = cm.list_commitments(ctx.db, demo)[-1]
    assert carried.carried_from_id is not None and carried.what == "Follow up new leads within two working days"
    qtbot.waitUntil(lambda: not panel.carry_all.isEnabled())
    assert panel.model.index(1, 3).data() == "⚠ Late\n↪ carried forward"
    assert any(t.startswith("↪ ") for t in column_texts(page, "what"))
    ctx.undo.undo()
    qtbot.waitUntil(lambda: len(cm.list_commitments(ctx.db, demo)) == 5)
    qtbot.waitUntil(lambda: panel.carry_all.isEnabled())


def test_reviewing_an_earlier_commitment(ctx, demo, qtbot):
    page = show(qtbot, CommitPage(ctx, demo, today=TODAY))
    panel = page.follow_up
    index = panel.model.index(1, 3)
    assert panel.model.setData(index, "done")
    qtbot.waitUntil(lambda: panel.model.index(1, 3).data() == "✔ Done")
    assert panel.model.setData(panel.model.index(1, 4), "Both regions now make it")
    qtbot.waitUntil(lambda: panel.model.index(1, 4).data() == "Both regions now make it")
    ctx.undo.undo()
    ctx.undo.undo()
    qtbot.waitUntil(lambda: panel.model.index(1, 3).data() == "⚠ Late")


def test_the_room_sees_the_follow_up_when_the_tab_is_chosen(ctx, demo, qtbot):
    set_revealed(ctx.db, demo, True)
    page = show(qtbot, CommitPage(ctx, demo, today=TODAY))
    room = show(qtbot, CommitPresenter(ctx, demo))
    page.tabs.setCurrentIndex(1)
    assert commit_step.focus_for(ctx).get(demo) == "follow_up"
    qtbot.waitUntil(lambda: any(w.text() == "What we committed to last time"
                                for w in room.findChildren(QLabel) if w.isVisibleTo(room)))
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: any(w.text() == "Our commitments" for w in room.findChildren(QLabel)
                                if w.isVisibleTo(room)))
