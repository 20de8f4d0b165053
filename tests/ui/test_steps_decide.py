"""Decide, driven as a facilitator would: ticks, the decision, the note, undo, the room's view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.workshop.plan_helpers import workshop_at
from ui.steps.decide import DecidePage, DecidePresenter
from workshop import decision
from workshop.workshops import set_revealed


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def texts(widget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]


def every_page(room, name: str = "") -> list[str]:
    """The visible texts of a paged presenter view on all its pages (labels called ``name`` only, if given)."""
    while room.turn(-1):
        pass
    found = []
    while True:
        QApplication.processEvents()  # a page's new labels show at the next turn of the loop
        found += [w.text() for w in room.findChildren(QLabel, name) if w.isVisibleTo(room)] if name else texts(room)
        if not room.turn(1):
            return found


def revealed(ctx, stage, **options) -> int:
    wid = workshop_at(ctx.db, stage, **options)
    set_revealed(ctx.db, wid, True)
    return wid


def test_ticking_counts_and_undo(ctx, qtbot):
    wid = revealed(ctx, "defined")
    page = show(qtbot, DecidePage(ctx, wid))
    assert set(page.boxes) == {"defined-stay-simple", "defined-stay-roles", "defined-stay-no-reason",
                               "defined-move-gaps", "defined-move-commoditising", "defined-move-customised-solutions"}
    qtbot.mouseClick(page.boxes["defined-move-gaps"].box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.count_labels["move"].text() == "1 of 3 apply")
    assert decision.get_decision(ctx.db, wid).ticked == ("defined-move-gaps",)
    assert "1 of 3 reasons to move up apply" in page.prompt.text()
    assert "More of the reasons to move up apply" in page.prompt.text()
    ctx.undo.undo()
    qtbot.waitUntil(lambda: not page.boxes["defined-move-gaps"].isChecked())
    assert decision.get_decision(ctx.db, wid).ticked == ()
    ctx.undo.redo()
    qtbot.waitUntil(lambda: page.boxes["defined-move-gaps"].isChecked())


def test_recording_a_move_with_a_target_and_a_note(ctx, qtbot):
    wid = revealed(ctx, "undefined")
    page = show(qtbot, DecidePage(ctx, wid))
    page.target.setCurrentIndex(page.target.findData("aligned"))
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: decision.get_decision(ctx.db, wid).choice == "move")
    assert decision.get_decision(ctx.db, wid).target_stage == "aligned"
    qtbot.waitUntil(lambda: "Move from Undefined to Aligned" in page.recorded.text())
    page.note.setFocus()
    qtbot.keyClicks(page.note, "Straight to Aligned")
    page.save_note()
    assert decision.get_decision(ctx.db, wid).note == "Straight to Aligned"
    ctx.undo.undo()
    qtbot.waitUntil(lambda: page.note.toPlainText() == "")
    assert decision.get_decision(ctx.db, wid).note == ""
    qtbot.mouseClick(page.stay, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: decision.get_decision(ctx.db, wid).choice == "stay")
    assert decision.get_decision(ctx.db, wid).target_stage == "undefined"


def test_integrated_says_there_is_nothing_to_move_to(ctx, qtbot):
    wid = revealed(ctx, "integrated")
    page = show(qtbot, DecidePage(ctx, wid))
    assert page.boxes == {}
    assert not page.move_button.isVisible() and page.stay.isVisible()
    assert any("Integrated: the highest stage" in t for t in texts(page))
    assert "nothing to move to" in page.prompt.text()
    room = show(qtbot, DecidePresenter(ctx, wid))
    assert any("nothing to move to" in t for t in texts(room))


def test_before_the_reveal_the_page_waits_and_the_room_sees_nothing(ctx, qtbot):
    wid = workshop_at(ctx.db, "defined", client="Hidden")
    page = show(qtbot, DecidePage(ctx, wid))
    room = show(qtbot, DecidePresenter(ctx, wid))
    assert page.gate.isVisible() and not page.scroll_area.isVisible() and not page.stage_combo.isVisible()
    assert not any("Defined" in t for t in texts(room))
    qtbot.mouseClick(page.gate.findChild(object, "openGate"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.scroll_area.isVisible())
    assert page.stage_combo.currentData() == "defined"
    assert not any("Defined" in t for t in texts(room))  # the room still waits for the reveal


def test_the_room_sees_the_ticks_and_the_decision(ctx, qtbot):
    wid = revealed(ctx, "defined")
    decision.set_ticked(ctx.db, wid, "defined-stay-roles", True)
    room = show(qtbot, DecidePresenter(ctx, wid))
    page = show(qtbot, DecidePage(ctx, wid))
    shown = texts(room)
    assert "We are at: Defined" in shown and "Decision: Not decided yet" in shown
    ticked = [w.text() for w in room.findChildren(QLabel, "ticked")]
    assert ticked == ["In our market, the traditional split of roles between Sales and Marketing works well."]
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Decision: Move from Defined to Aligned" in texts(room))


def test_choosing_another_current_stage(ctx, qtbot):
    wid = revealed(ctx, "defined")
    page = show(qtbot, DecidePage(ctx, wid))
    page.stage_combo.setCurrentIndex(page.stage_combo.findData("aligned"))
    page.stage_combo.activated.emit(page.stage_combo.currentIndex())
    qtbot.waitUntil(lambda: "aligned-move-common-funnel" in page.boxes)
    assert page.banner.isVisible() and "Start from Defined" == page.banner_button.text()
    qtbot.mouseClick(page.banner_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "defined-move-gaps" in page.boxes)
    assert not page.banner.isVisible()
