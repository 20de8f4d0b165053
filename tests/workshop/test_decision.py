"""The decision step: conditions of the current stage, ticks as a prompt, stay or move."""

from __future__ import annotations

import pytest

from tests.workshop.plan_helpers import workshop_at
from workshop import decision
from workshop.errors import InputError
from workshop.instrument import default_instrument


def test_conditions_come_from_the_current_stage(db):
    wid = workshop_at(db, "defined")
    view = decision.get_decision(db, wid)
    rule = default_instrument().decision["defined"]
    assert view.current_stage == "defined" and view.results_stage == "defined"
    assert [c.id for c in view.stay_if] == [c.id for c in rule.stay_if]
    assert [c.id for c in view.move_if] == [c.id for c in rule.move_if]
    assert view.targets == ("aligned", "integrated") and view.next_stage == "aligned"
    assert not view.recorded and view.lean is None


def test_ticks_are_counted_as_a_prompt_not_a_decision(db):
    wid = workshop_at(db, "undefined")
    changes = decision.set_ticked(db, wid, "undefined-move-conflict", True)
    assert changes.decision and changes.workshop_id == wid
    decision.set_ticked(db, wid, "undefined-stay-small", True)
    decision.set_ticked(db, wid, "undefined-move-resources", True)
    view = decision.get_decision(db, wid)
    assert (view.stay_ticked, view.move_ticked, view.lean) == (1, 2, "move")
    assert view.choice is None  # the app never decides
    # The instrument's order, whatever the order of ticking.
    assert view.ticked == ("undefined-stay-small", "undefined-move-conflict", "undefined-move-resources")
    decision.set_ticked(db, wid, "undefined-move-resources", False)
    assert decision.get_decision(db, wid).lean == "even"


def test_a_condition_of_another_stage_cannot_be_ticked(db):
    wid = workshop_at(db, "undefined")
    with pytest.raises(InputError, match="not a condition of the undefined stage"):
        decision.set_ticked(db, wid, "aligned-move-fast-change", True)


def test_stay_keeps_the_current_stage_and_move_aims_higher(db):
    wid = workshop_at(db, "undefined")
    decision.record_decision(db, wid, "stay", note="  Small team, fine as is  ")
    view = decision.get_decision(db, wid)
    assert (view.choice, view.target_stage, view.note) == ("stay", "undefined", "Small team, fine as is")
    decision.record_decision(db, wid, "move")
    assert decision.get_decision(db, wid).target_stage == "defined"  # the next stage by default
    decision.record_decision(db, wid, "move", "aligned")
    view = decision.get_decision(db, wid)
    assert (view.choice, view.target_stage, view.note) == ("move", "aligned", "Small team, fine as is")
    with pytest.raises(InputError, match="higher stage"):
        decision.record_decision(db, wid, "move", "undefined")
    with pytest.raises(InputError, match="stay or move"):
        decision.record_decision(db, wid, "jump")


def test_integrated_has_nothing_to_move_to(db):
    wid = workshop_at(db, "integrated")
    view = decision.get_decision(db, wid)
    assert view.at_top and view.stay_if == () and view.move_if == () and view.targets == ()
    with pytest.raises(InputError, match="nothing to move to"):
        decision.record_decision(db, wid, "move", "integrated")
    decision.record_decision(db, wid, "stay", note="Health check")
    assert decision.get_decision(db, wid).target_stage == "integrated"


def test_without_results_the_stage_must_be_set_first(db):
    wid = workshop_at(db, None)
    assert decision.get_decision(db, wid).current_stage is None
    with pytest.raises(InputError, match="no current stage"):
        decision.set_ticked(db, wid, "undefined-move-conflict", True)
    with pytest.raises(InputError, match="no current stage"):
        decision.record_decision(db, wid, "stay")
    decision.set_current_stage(db, wid, "aligned")
    decision.set_ticked(db, wid, "aligned-move-common-funnel", True)
    assert decision.get_decision(db, wid).ticked == ("aligned-move-common-funnel",)


def test_changing_the_stage_clears_what_belonged_to_the_old_one(db):
    wid = workshop_at(db, "defined")
    decision.set_ticked(db, wid, "defined-move-gaps", True)
    decision.record_decision(db, wid, "move", "aligned", note="keep me")
    decision.set_current_stage(db, wid, "aligned")
    view = decision.get_decision(db, wid)
    assert (view.current_stage, view.results_stage) == ("aligned", "defined")
    assert (view.ticked, view.choice, view.target_stage, view.note) == ((), None, None, "keep me")
    with pytest.raises(InputError):
        decision.set_current_stage(db, wid, "heaven")


def test_restore_puts_back_an_earlier_state_exactly(db):
    wid = workshop_at(db, "defined")
    assert decision.decision_state(db, wid) is None
    decision.set_ticked(db, wid, "defined-stay-simple", True)
    before = decision.decision_state(db, wid)
    decision.record_decision(db, wid, "move", "integrated", note="bold")
    decision.restore_decision(db, wid, before)
    assert decision.decision_state(db, wid) == before
    decision.restore_decision(db, wid, None)
    assert decision.decision_state(db, wid) is None


def test_note_length_is_limited(db):
    wid = workshop_at(db, "defined")
    with pytest.raises(InputError, match="longer than"):
        decision.set_note(db, wid, "x" * (decision.MAX_NOTE + 1))
