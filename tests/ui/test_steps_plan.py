"""Plan, driven as a facilitator would: the practices shown, status, notes, a commitment, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.test_steps_decide import every_page
from tests.workshop.plan_helpers import workshop_at
from ui.steps.plan import PlanPage, PlanPresenter
from workshop import decision, plan
from workshop.commitments import list_commitments
from workshop.instrument import default_instrument
from workshop.workshops import set_revealed


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def texts(widget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]


def revealed(ctx, stage, choice=None, target=None, **options) -> int:
    wid = workshop_at(ctx.db, stage, **options)
    set_revealed(ctx.db, wid, True)
    if choice:
        decision.record_decision(ctx.db, wid, choice, target)
    return wid


def practice_ids(move: str) -> list[str]:
    return [p.id for p in default_instrument().practices if p.move == move]


def test_undefined_to_aligned_lists_both_moves(ctx, qtbot):
    wid = revealed(ctx, "undefined", "move", "aligned")
    page = show(qtbot, PlanPage(ctx, wid))
    assert list(page.rows) == practice_ids("undefined-defined") + practice_ids("defined-aligned")
    shown = texts(page)
    assert "Undefined → Defined" in shown and "Defined → Aligned" in shown
    assert "Practices for the move from Undefined to Aligned" in page.subtitle.text()
    room = show(qtbot, PlanPresenter(ctx, wid))
    shown = every_page(room)
    assert "Agree rules of engagement" in shown and "Appoint a marketing liaison" in shown
    assert room.pages > 1 and len(texts(room)) < len(shown)  # a few practices a page


def test_aligned_to_integrated_is_grouped_and_integrated_is_a_health_check(ctx, qtbot):
    wid = revealed(ctx, "aligned", "move", "integrated")
    page = show(qtbot, PlanPage(ctx, wid))
    headings = [t for t in texts(page) if t.startswith("Integrate ")]
    assert headings == ["Integrate activities (easiest)", "Integrate processes and systems (harder)",
                        "Integrate the culture (hardest)"]
    top = revealed(ctx, "integrated", client="Top")
    check = show(qtbot, PlanPage(ctx, top))
    assert check.banner.isVisible() and "Integrated is the highest stage" in check.banner.text()
    assert list(check.rows) == practice_ids("aligned-integrated")


def test_status_click_toggles_and_undoes(ctx, qtbot):
    wid = revealed(ctx, "defined", "move", "aligned")
    page = show(qtbot, PlanPage(ctx, wid))
    room = show(qtbot, PlanPresenter(ctx, wid))
    row = page.rows["co-location"]
    qtbot.mouseClick(row.buttons["partly"], Qt.MouseButton.LeftButton)
    # Marked with a sign, not colour alone.
    qtbot.waitUntil(lambda: row.buttons["partly"].text().startswith("✔"))
    assert row.buttons["partly"].isChecked()
    assert plan.get_review(ctx.db, wid, "co-location") == ("partly", "")
    qtbot.waitUntil(lambda: "1 partly" in page.summary.text())
    qtbot.waitUntil(lambda: every_page(room, "presenterStatus_co-location") == ["◐ Partly"])
    qtbot.mouseClick(row.buttons["partly"], Qt.MouseButton.LeftButton)  # again: cleared
    qtbot.waitUntil(lambda: plan.get_review(ctx.db, wid, "co-location") == (None, ""))
    ctx.undo.undo()
    qtbot.waitUntil(lambda: plan.get_review(ctx.db, wid, "co-location") == ("partly", ""))
    qtbot.waitUntil(lambda: row.buttons["partly"].isChecked())


def test_notes_are_stored_when_leaving_the_field(ctx, qtbot):
    wid = revealed(ctx, "defined", "move", "aligned")
    page = show(qtbot, PlanPage(ctx, wid))
    row = page.rows["marketing-liaison"]
    row.note.setFocus()
    qtbot.keyClicks(row.note, "Nobody yet")
    qtbot.keyClick(row.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: plan.get_review(ctx.db, wid, "marketing-liaison") == (None, "Nobody yet"))
    ctx.undo.undo()
    qtbot.waitUntil(lambda: row.note.text() == "")


def test_make_a_commitment_of_a_practice(ctx, qtbot, when_dialog):
    wid = revealed(ctx, "defined", "move", "aligned", next_review="2026-09-01")
    page = show(qtbot, PlanPage(ctx, wid))
    row = page.rows["sales-feedback"]
    when_dialog(lambda dialog: dialog.accept())  # the new commitment opens for filling in; OK as it is
    qtbot.mouseClick(row.commit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row.linked.text() == "1 commitment linked")
    [made] = list_commitments(ctx.db, wid)
    assert (made.what, made.practice_id, made.due_date.isoformat()) == (
        "Make feedback easy for Sales", "sales-feedback", "2026-09-01")
    ctx.undo.undo()
    qtbot.waitUntil(lambda: row.linked.text() == "")
    assert list_commitments(ctx.db, wid) == []
    ctx.undo.redo()
    qtbot.waitUntil(lambda: len(list_commitments(ctx.db, wid)) == 1)


def test_stay_and_no_decision(ctx, qtbot):
    wid = revealed(ctx, "defined")
    page = show(qtbot, PlanPage(ctx, wid))
    assert "No decision recorded yet" in page.banner.text() and list(page.rows) == practice_ids("defined-aligned")
    decision.record_decision(ctx.db, wid, "stay")
    page.ctx.apply(decision.set_note(ctx.db, wid, "fine"))
    qtbot.waitUntil(lambda: list(page.rows) == practice_ids("undefined-defined"))
    assert "stay" in page.banner.text()
    room = show(qtbot, PlanPresenter(ctx, wid))
    assert "The group stays at Defined" in texts(room)


def test_a_hidden_page_catches_up_when_shown(ctx, qtbot):
    wid = revealed(ctx, "defined", "move", "aligned")
    page = show(qtbot, PlanPage(ctx, wid))
    page.hide()
    ctx.apply(plan.set_status(ctx.db, wid, "co-location", "in_place"))
    qtbot.wait(20)
    assert not page.rows["co-location"].buttons["in_place"].isChecked()  # no work while off screen
    page.show()
    qtbot.waitUntil(lambda: page.rows["co-location"].buttons["in_place"].isChecked())
