"""The plan step: which practices, in which order, with status, notes and commitments."""

from __future__ import annotations

import pytest

from tests.workshop.plan_helpers import workshop_at
from workshop import decision, plan
from workshop.commitments import list_commitments
from workshop.errors import InputError
from workshop.instrument import default_instrument


def ids_of_move(move: str) -> list[str]:
    return [p.id for p in default_instrument().practices if p.move == move]


def test_undefined_straight_to_aligned_shows_both_moves_in_order(db):
    wid = workshop_at(db, "undefined")
    decision.record_decision(db, wid, "move", "aligned")
    view = plan.get_plan(db, wid)
    assert (view.mode, view.current_stage, view.target_stage) == ("move", "undefined", "aligned")
    assert [(s.move, s.group) for s in view.sections] == [("undefined-defined", None), ("defined-aligned", None)]
    assert [i.practice.id for i in view.items] == ids_of_move("undefined-defined") + ids_of_move("defined-aligned")
    assert "rules-of-engagement" in {i.practice.id for i in view.items}
    assert "marketing-liaison" in {i.practice.id for i in view.items}


def test_one_move_shows_only_its_practices(db):
    wid = workshop_at(db, "defined")
    decision.record_decision(db, wid, "move", "aligned")
    assert [i.practice.id for i in plan.get_plan(db, wid).items] == ids_of_move("defined-aligned")


def test_aligned_to_integrated_goes_from_easiest_to_hardest(db):
    wid = workshop_at(db, "aligned")
    decision.record_decision(db, wid, "move", "integrated")
    view = plan.get_plan(db, wid)
    assert [s.group for s in view.sections] == ["activities", "processes", "structure", "culture"]
    assert all(s.move == "aligned-integrated" for s in view.sections)
    assert [i.practice.id for i in view.items] == ids_of_move("aligned-integrated")
    assert set(plan.GROUP_TITLES) == {"activities", "processes", "structure", "culture"}


def test_integrated_offers_the_practices_as_a_health_check(db):
    wid = workshop_at(db, "integrated")
    view = plan.get_plan(db, wid)
    assert view.mode == "health_check"
    assert [i.practice.id for i in view.items] == ids_of_move("aligned-integrated")
    decision.record_decision(db, wid, "stay")
    assert plan.get_plan(db, wid).mode == "health_check"


def test_stay_checks_the_practices_that_led_here_and_no_decision_previews_the_next_move(db):
    wid = workshop_at(db, "defined")
    preview = plan.get_plan(db, wid)
    assert (preview.mode, preview.target_stage) == ("preview", "aligned")
    assert [i.practice.id for i in preview.items] == ids_of_move("defined-aligned")
    decision.record_decision(db, wid, "stay")
    stay = plan.get_plan(db, wid)
    assert (stay.mode, stay.target_stage) == ("stay", "defined")
    assert [i.practice.id for i in stay.items] == ids_of_move("undefined-defined")
    low = workshop_at(db, "undefined", client="Small")
    decision.record_decision(db, low, "stay")
    assert (plan.get_plan(db, low).mode, plan.get_plan(db, low).items) == ("stay", ())
    assert plan.get_plan(db, workshop_at(db, None, client="Empty")).mode == "no_stage"


def test_status_and_note_are_stored_and_restorable(db):
    wid = workshop_at(db, "defined")
    changes = plan.set_status(db, wid, "co-location", "partly")
    assert changes.practices and changes.workshop_id == wid
    plan.set_note(db, wid, "co-location", "  Two floors apart  ")
    assert plan.get_review(db, wid, "co-location") == ("partly", "Two floors apart")
    item = next(i for i in plan.get_plan(db, wid).items if i.practice.id == "co-location")
    assert (item.status, item.note) == ("partly", "Two floors apart")
    assert plan.get_plan(db, wid).count("partly") == 1
    plan.set_status(db, wid, "co-location", None)
    assert plan.get_review(db, wid, "co-location") == (None, "Two floors apart")
    plan.restore_review(db, wid, "co-location", None, "")
    assert plan.get_review(db, wid, "co-location") == (None, "")
    assert plan.practices_json(db, wid) == []


def test_bad_status_or_practice_is_refused(db):
    wid = workshop_at(db, "defined")
    with pytest.raises(InputError, match="status"):
        plan.set_status(db, wid, "co-location", "maybe")
    with pytest.raises(InputError, match="not a practice"):
        plan.set_status(db, wid, "time-travel", "partly")


def test_a_practice_becomes_a_linked_prefilled_commitment(db):
    wid = workshop_at(db, "defined", lang="nl", next_review="2025-09-01")
    info, changes = plan.commit_practice(db, wid, "marketing-liaison")
    assert changes.commitments
    practice = next(p for p in default_instrument().practices if p.id == "marketing-liaison")
    assert info.what == practice.title("nl")  # the workshop's language
    assert info.practice_id == "marketing-liaison" and info.status == "open"
    assert info.due_date.isoformat() == "2025-09-01"
    assert [c.id for c in list_commitments(db, wid)] == [info.id]
    item = next(i for i in plan.get_plan(db, wid).items if i.practice.id == "marketing-liaison")
    assert item.commitments == 1


def test_practices_json_lists_reviews_in_instrument_order(db):
    wid = workshop_at(db, "aligned")
    plan.set_status(db, wid, "joint-planning", "in_place")
    plan.set_status(db, wid, "rules-of-engagement", "not_relevant")
    assert [p["practice"] for p in plan.practices_json(db, wid)] == ["rules-of-engagement", "joint-planning"]
    assert plan.practices_json(db, wid)[1] == {
        "practice": "joint-planning", "move": "aligned-integrated", "group": "activities",
        "status": "in_place", "note": "",
    }
