"""A follow-up workshop: proposed with a title of its own and a date a few months on, and
opened on "Since last time", the review of the previous commitments, before scoring."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ui.actions import ActionId
from ui.main_window import MainWindow
from ui.steps.since import SincePage
from ui.workshop_dialog import FollowUpDialog
from workshop import commitments as cm
from workshop.participants import add_participant
from workshop.workshops import create_workshop, get_workshop, list_workshops


def _source(ctx):
    w = create_workshop(ctx.db, "Acme", "Kick-off", "2026-03-12", language="en")
    add_participant(ctx.db, w.id, "Anna", "sales")
    cm.add_commitment(ctx.db, w.id, "Weekly lead review", owner="Anna", due_date="2026-04-01")
    cm.add_commitment(ctx.db, w.id, "Shared glossary", status="done")
    return w


def test_the_dialog_proposes_a_distinct_title_and_a_date_months_on(ctx, qtbot):
    source = _source(ctx)
    dialog = FollowUpDialog(lambda values: None, source, today=dt.date(2026, 3, 13))
    qtbot.addWidget(dialog)
    values = dialog.values()
    assert values["title"] != source.title and values["title"].startswith("Kick-off")
    assert values["date"] == dt.date(2026, 6, 12)  # not tomorrow


def test_a_new_follow_up_opens_on_since_last_time_and_carries_forward(ctx, qtbot, when_dialog):
    source = _source(ctx)
    window = MainWindow(ctx, restore=False)
    qtbot.addWidget(window)
    window.show()
    window.list_page.reload()
    window.list_page.select(source.id)
    when_dialog(lambda dialog: dialog.accept())
    window.actions[ActionId.DUPLICATE_WORKSHOP].trigger()
    new_id = next(w.id for w in list_workshops(ctx.db) if w.id != source.id)
    view = window.workshop_view
    assert view.workshop_id == new_id and view.current_key == "since"
    keys = [s.key for s in view.steps]
    assert keys.index("since") == keys.index("prepare") + 1 < keys.index("score")
    page = view.current_page()
    assert isinstance(page, SincePage)
    assert page.panel.carry_all.text() == "Carry the late and open forward (1)"
    qtbot.mouseClick(page.panel.carry_all, Qt.MouseButton.LeftButton)
    assert [c.what for c in cm.list_commitments(ctx.db, new_id)] == ["Weekly lead review"]
    assert get_workshop(ctx.db, new_id).title != "Kick-off"


def test_a_first_workshop_has_no_since_step(ctx, qtbot):
    w = create_workshop(ctx.db, "Solo", "Only one", "2026-03-12")
    window = MainWindow(ctx, restore=False)
    qtbot.addWidget(window)
    window.open_workshop(w.id)
    assert "since" not in [s.key for s in window.workshop_view.steps]
