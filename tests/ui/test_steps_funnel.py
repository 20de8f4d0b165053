"""Funnel, driven as a facilitator would: owners, notes, the hand-off, the picture, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.workshop.plan_helpers import workshop_at
from ui.steps.funnel import FunnelPage, FunnelPresenter
from workshop import funnel


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    if hasattr(widget, "owner_buttons"):  # the picture beside the table settles the layout once more
        button = widget.owner_buttons["purchase"]["sales"]
        qtbot.waitUntil(lambda: button.height() > 0)
    return widget


def owners(ctx, wid):
    return {r.stage.id: r.owner for r in funnel.get_funnel(ctx.db, wid).stages}


def drawn_texts(view) -> list[str]:
    return [t.get_text() for ax in view.figure.canvas.figure.axes for t in ax.texts]


def test_choose_owners_and_notes_with_undo(ctx, qtbot):
    wid = workshop_at(ctx.db, "defined")
    page = show(qtbot, FunnelPage(ctx, wid))
    note = page.notes["purchase"]
    assert not note.isEnabled() and note.placeholderText() == "Choose an owner first"
    assert drawn_texts(page).count("not agreed yet") == 8
    qtbot.mouseClick(page.owner_buttons["purchase"]["shared"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: owners(ctx, wid)["purchase"] == "shared")
    qtbot.waitUntil(lambda: note.isEnabled())
    assert page.owner_buttons["purchase"]["shared"].text() == "✔ Shared"
    assert "Shared" in drawn_texts(page) and drawn_texts(page).count("not agreed yet") == 7
    assert page.progress.text() == "1 of 8 stages agreed"
    note.setFocus()
    qtbot.keyClicks(note, "Offer template from Marketing")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: funnel.get_funnel(ctx.db, wid).stages[5].note == "Offer template from Marketing")
    ctx.undo.undo()
    qtbot.waitUntil(lambda: funnel.get_funnel(ctx.db, wid).stages[5].note == "")
    ctx.undo.undo()
    qtbot.waitUntil(lambda: owners(ctx, wid)["purchase"] is None)
    qtbot.waitUntil(lambda: not page.owner_buttons["purchase"]["shared"].isChecked())


def test_usual_split_and_moving_the_handoff(ctx, qtbot):
    wid = workshop_at(ctx.db, "defined")
    page = show(qtbot, FunnelPage(ctx, wid))
    qtbot.mouseClick(page.usual, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: None not in owners(ctx, wid).values())
    qtbot.waitUntil(lambda: not page.usual.isEnabled())
    page.handoff.setCurrentIndex(page.handoff.findData("brand-consideration"))
    page.handoff.activated.emit(page.handoff.currentIndex())
    qtbot.waitUntil(lambda: funnel.get_funnel(ctx.db, wid).handoff_after == "brand-consideration")
    qtbot.waitUntil(lambda: page.view.handoff_index == 2)
    assert page.handoff.count() == 7  # never after the last stage
    ctx.undo.undo()
    qtbot.waitUntil(lambda: funnel.get_funnel(ctx.db, wid).handoff_is_default)


def test_the_room_sees_the_picture_and_the_prompts(ctx, qtbot):
    wid = workshop_at(ctx.db, "defined", lang="nl")
    room = show(qtbot, FunnelPresenter(ctx, wid))
    assert "Overdracht" in drawn_texts(room)
    assert any("Marketing stelt samen met Sales" in w.text() for w in room.findChildren(QLabel))
    ctx.apply(funnel.set_owner(ctx.db, wid, "purchase", "sales"))
    qtbot.waitUntil(lambda: "nog niet afgesproken" in drawn_texts(room) and drawn_texts(room).count(
        "nog niet afgesproken") == 7)
