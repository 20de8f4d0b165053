"""Capturing commitments live: the owner completes from the participants and brings their
function, due dates are typed the usual ways or picked (calendar on today, quick picks),
a typed non-date is refused visibly, and Plan's "Make a commitment" opens the new one."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tests.workshop.plan_helpers import workshop_at
from ui.steps.capture_editors import DueDateEditor, OwnerEditor
from ui.steps.commit import CommitPage
from ui.steps.commitment_model import FIELDS
from workshop import commitments as cm
from workshop import decision
from workshop.participants import add_participant
from workshop.workshops import set_revealed

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def wid(ctx):
    workshop = workshop_at(ctx.db, "defined", sales=0, marketing=0)
    people = (("Jasmijn de Vries", "marketing"), ("Jan Bakker", "sales"), ("Noor El Amrani", "leadership"))
    for name, function in people:
        add_participant(ctx.db, workshop, name, function)
    cm.add_commitment(ctx.db, workshop, "Joint lead definition")
    return workshop


@pytest.fixture
def page(ctx, wid, qtbot):
    page = CommitPage(ctx, wid, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def open_editor(qtbot, page, field):
    page.table.setCurrentIndex(page.proxy.index(0, FIELDS.index(field)))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    return QApplication.focusWidget()


def stored(ctx, wid):
    return cm.list_commitments(ctx.db, wid)[0]


def test_owner_completes_from_the_participants_and_brings_their_function(page, ctx, wid, qtbot):
    editor = open_editor(qtbot, page, "owner")
    assert isinstance(editor, OwnerEditor)
    qtbot.keyClicks(editor, "jasm")
    completer = editor.completer()
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Jasmijn de Vries"
    editor.setText(completer.currentCompletion())  # as choosing it in the list does
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(ctx, wid).owner == "Jasmijn de Vries")
    assert stored(ctx, wid).function == "marketing"
    ctx.undo.undo()  # owner and function were one step
    qtbot.waitUntil(lambda: stored(ctx, wid).owner == "")
    assert stored(ctx, wid).function is None


def test_an_owner_from_outside_keeps_the_function(page, ctx, wid, qtbot):
    editor = open_editor(qtbot, page, "owner")
    qtbot.keyClicks(editor, "The CRM team")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(ctx, wid).owner == "The CRM team")
    assert stored(ctx, wid).function is None


@pytest.mark.parametrize("typed", ["2027-02-15", "15-2-2027", "15/2/2027", "15 feb 2027"])
def test_typed_dates_in_the_usual_forms_are_stored(page, ctx, wid, qtbot, typed):
    editor = open_editor(qtbot, page, "due_date")
    assert isinstance(editor.parentWidget(), DueDateEditor)
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(ctx, wid).due_date == dt.date(2027, 2, 15))
    assert not page.error.isVisible()


def test_a_typed_non_date_is_refused_visibly_and_nothing_is_stored(page, ctx, wid, qtbot):
    cm.update_commitment(ctx.db, stored(ctx, wid).id, due_date="2027-01-10")
    page.refresh()
    editor = open_editor(qtbot, page, "due_date")
    editor.selectAll()
    qtbot.keyClicks(editor, "next tuesday")
    assert editor.parentWidget().property("invalid") is True  # red while typing
    assert "next tuesday" in editor.toolTip()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.error.isVisible())
    assert "next tuesday" in page.error.text()
    assert stored(ctx, wid).due_date == dt.date(2027, 1, 10)  # not emptied in silence


def test_the_calendar_opens_on_today_with_quick_picks(page, ctx, wid, qtbot):
    editor = open_editor(qtbot, page, "due_date").parentWidget()
    editor.menu.aboutToShow.emit()
    assert editor.calendar.selectedDate() == QDate(2026, 11, 29)
    assert editor.calendar.yearShown() == 2026 and editor.calendar.monthShown() == 11
    quick = {a.objectName(): a for a in editor.findChildren(QAction)}
    assert quick["quick_quarter_end"].text() == "End of the quarter: 31 December 2026"
    quick["quick_two_weeks"].trigger()
    qtbot.waitUntil(lambda: stored(ctx, wid).due_date == dt.date(2026, 12, 13))


def test_the_date_editor_is_wide_enough_to_read(page, qtbot):
    editor = open_editor(qtbot, page, "due_date").parentWidget()
    assert editor.width() >= 200
    editor.set_value(dt.date(2027, 12, 31))
    assert editor.edit.fontMetrics().horizontalAdvance(editor.edit.text()) < editor.edit.width()


def test_make_a_commitment_opens_it_for_filling_in(ctx, qtbot, when_dialog):
    from ui.steps.commitment_dialog import CommitmentDialog
    from ui.steps.plan import PlanPage

    wid = workshop_at(ctx.db, "defined", next_review="2027-03-01")
    add_participant(ctx.db, wid, "Jan Bakker", "sales")
    set_revealed(ctx.db, wid, True)
    decision.record_decision(ctx.db, wid, "move", "aligned")
    page = PlanPage(ctx, wid)
    qtbot.addWidget(page)
    page.show()
    row = page.rows["sales-feedback"]
    seen = []

    def fill(dialog: CommitmentDialog) -> None:
        seen.append((dialog.what.text(), dialog.due.edit.text(), dialog.focusWidget() is dialog.owner))
        qtbot.keyClicks(dialog.owner, "Jan Bakker")
        assert dialog.function.currentData() == "sales"  # from the owner
        dialog.due.edit.setText("31 mrt 2027")
        dialog.measure.setText("Feedback form used in 8 of 10 lost deals")
        dialog.accept()

    when_dialog(fill)
    qtbot.mouseClick(row.commit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(cm.list_commitments(ctx.db, wid)) == 1)
    assert seen == [("Make feedback easy for Sales", "1 March 2027", True)]
    made = cm.list_commitments(ctx.db, wid)[0]
    assert (made.owner, made.function, made.due_date, made.practice_id) == (
        "Jan Bakker", "sales", dt.date(2027, 3, 31), "sales-feedback")
    assert made.success_measure == "Feedback form used in 8 of 10 lost deals"
    ctx.undo.undo()  # one step
    qtbot.waitUntil(lambda: cm.list_commitments(ctx.db, wid) == [])


def test_a_bad_date_keeps_the_dialog_open(qtbot):
    from ui.steps.commitment_dialog import CommitmentDialog

    dialog = CommitmentDialog("Something", {}, None, "en", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.due.edit.setText("someday")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible() and "someday" in dialog.error.text()
    dialog.due.edit.setText("")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.values()["due_date"] is None


def test_cancel_makes_nothing(ctx, qtbot, when_dialog):
    from ui.steps.plan import PlanPage

    wid = workshop_at(ctx.db, "defined")
    set_revealed(ctx.db, wid, True)
    decision.record_decision(ctx.db, wid, "move", "aligned")
    page = PlanPage(ctx, wid)
    qtbot.addWidget(page)
    page.show()
    when_dialog(lambda dialog: dialog.reject())
    qtbot.mouseClick(page.rows["sales-feedback"].commit_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert cm.list_commitments(ctx.db, wid) == []
