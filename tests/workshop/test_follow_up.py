"""Follow-up: the trend across a client's workshops, the review, carrying forward; and all of
this step's data in the results JSON and the workshop file."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from tests.workshop.plan_helpers import day, workshop_at
from workshop import commitments as cm
from workshop import decision, follow_up, funnel, plan
from workshop.charts.trend import trend_chart
from workshop.demo import create_demo
from workshop.errors import InputError
from workshop.results_json import results_json
from workshop.transfer import export_workshop, import_workshop


def two_workshops(db, **later):
    first = workshop_at(db, "undefined", date="2024-03-01", sales=2)  # Sales below the minimum of 3
    second = workshop_at(db, "defined", date="2025-03-01", next_review="2025-09-01", **later)
    return first, second


def test_trend_covers_the_clients_workshops_with_privacy_per_workshop(db):
    first, second = two_workshops(db)
    workshop_at(db, "aligned", client="Someone else", date="2024-06-01")
    later = workshop_at(db, "aligned", date="2026-03-01")
    trend = follow_up.client_trend(db, second)
    assert [p.workshop_id for p in trend] == [first, second]  # not the other client, not the future one
    old, new = trend
    assert (old.total, old.stage, old.is_current) == (20.0, "undefined", False)
    assert old.sales is None and old.sales_stage is None  # hidden there, hidden here
    assert old.marketing is None  # else the group minus Marketing would give the two salespeople away
    assert (new.total, new.sales, new.marketing, new.is_current) == (40.0, 40.0, 40.0, True)
    assert [p.workshop_id for p in follow_up.client_trend(db, later)] == [first, second, later]


def test_trend_chart_draws_hidden_points_as_gaps(db):
    first, second = two_workshops(db)
    fig = trend_chart(follow_up.client_trend(db, second), "en")
    assert isinstance(fig, Figure)
    shown = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "20.0" in shown and "40.0  Sales" in shown
    # One Sales marker only: the first workshop's Sales figure stays hidden.
    sales_points = [x for ax in fig.axes for line in ax.lines if line.get_marker() == "o"
                    for x in line.get_xdata()]
    assert sales_points == [1]
    assert fig._supxlabel is not None and "missing point" in fig._supxlabel.get_text()


def test_review_marks_done_late_open_and_dropped(db):
    first, second = two_workshops(db)
    done, _ = cm.add_commitment(db, first, "done", status="done", review_note="in use")
    late, _ = cm.add_commitment(db, first, "late", due_date="2024-12-01")
    open_, _ = cm.add_commitment(db, first, "open", due_date="2025-12-01")
    dropped, _ = cm.add_commitment(db, first, "dropped", status="dropped")
    review = follow_up.review_previous(db, second, today=day("2025-03-01"))
    assert review.previous.id == first
    assert [(i.commitment.id, i.state) for i in review.items] == [
        (done.id, "done"), (late.id, "late"), (open_.id, "open"), (dropped.id, "dropped")]
    assert [review.count(s) for s in follow_up.REVIEW_STATES] == [1, 1, 1, 1]
    assert [i.commitment.id for i in review.carriable] == [late.id, open_.id]
    assert follow_up.review_previous(db, first).previous is None


def test_carrying_forward_copies_open_ones_once(db):
    first, second = two_workshops(db)
    cm.add_commitment(db, first, "done", status="done")
    late, _ = cm.add_commitment(db, first, "late", owner="Anna", due_date="2024-12-01", function="sales",
                                success_measure="CRM", practice_id="hand-off-points")
    still, _ = cm.add_commitment(db, first, "still open", due_date="2025-12-01")
    cm.add_commitment(db, second, "already here")
    carried, changes = follow_up.carry_forward(db, second)
    assert changes.commitments and changes.workshop_id == second
    assert [c.carried_from_id for c in carried] == [late.id, still.id]
    copy = carried[0]
    assert (copy.workshop_id, copy.what, copy.owner, copy.function, copy.success_measure, copy.practice_id) == (
        second, "late", "Anna", "sales", "CRM", "hand-off-points")
    assert copy.status == "open" and copy.position == 2
    assert copy.due_date == day("2025-09-01")  # past due: the new workshop's review date
    assert carried[1].due_date == day("2025-12-01")  # still ahead: kept
    review = follow_up.review_previous(db, second, today=day("2025-03-01"))
    assert {i.commitment.id: i.carried_to_id for i in review.items}[late.id] == copy.id
    assert review.carriable == ()
    again, changes = follow_up.carry_forward(db, second)
    assert again == [] and not changes.commitments
    assert len(cm.list_commitments(db, second)) == 3


def test_carrying_chosen_ones_checks_them(db):
    first, second = two_workshops(db)
    done, _ = cm.add_commitment(db, first, "done", status="done")
    open_, _ = cm.add_commitment(db, first, "open")
    other = workshop_at(db, "defined", client="Other")
    foreign, _ = cm.add_commitment(db, other, "foreign")
    with pytest.raises(InputError, match="only open"):
        follow_up.carry_forward(db, second, [done.id])
    with pytest.raises(InputError, match="earlier workshop"):
        follow_up.carry_forward(db, second, [foreign.id])
    carried, _ = follow_up.carry_forward(db, second, [open_.id])
    assert [c.carried_from_id for c in carried] == [open_.id]
    assert follow_up.carry_forward(db, first)[0] == []  # nothing before the first workshop


def test_results_json_has_the_new_keys_and_keeps_the_old(db):
    first, second = two_workshops(db)
    cm.add_commitment(db, first, "late", due_date="2024-12-01")
    decision.record_decision(db, second, "move", "aligned", note="go")
    plan.set_status(db, second, "co-location", "not_yet")
    funnel.set_owner(db, second, "purchase", "sales")
    follow_up.carry_forward(db, second)
    data = results_json(db, second)
    for key in ("workshop", "instrument_version", "min_group_size", "participants", "complete", "total",
                "stage", "by_function", "statements"):
        assert key in data
    assert data["decision"] == {"current_stage": "defined", "choice": "move", "target_stage": "aligned",
                                "ticked": [], "note": "go"}
    assert data["practices"][0]["practice"] == "co-location"
    assert data["funnel"]["stages"][5]["owner"] == "sales"
    assert data["commitments"][0]["carried_from"] is not None
    history = data["history"]
    assert [w["id"] for w in history["workshops"]] == [first, second]
    assert history["workshops"][0]["sales"] is None and history["workshops"][0]["marketing"] is None
    assert history["review"]["workshop_id"] == first
    assert history["review"]["commitments"][0]["state"] == "late"
    assert history["review"]["commitments"][0]["carried_to"] == data["commitments"][0]["id"]
    assert results_json(db, first)["history"]["review"] is None


def test_export_import_round_trip_of_decide_plan_funnel_commit(db, tmp_path):
    wid = workshop_at(db, "undefined", next_review="2025-09-01")
    decision.set_ticked(db, wid, "undefined-move-conflict", True)
    decision.record_decision(db, wid, "move", "aligned", note="Straight to Aligned")
    plan.set_status(db, wid, "rules-of-engagement", "partly")
    plan.set_note(db, wid, "rules-of-engagement", "Draft exists")
    funnel.set_stage(db, wid, "purchase", "shared", "Offer template")
    funnel.set_handoff(db, wid, "brand-consideration")
    cm.add_commitment(db, wid, "=cmd", owner="Anna", function="sales", due_date="2025-05-01",
                      success_measure="Signed", status="done", practice_id="rules-of-engagement",
                      review_note="ok")
    new = import_workshop(db, export_workshop(db, wid, tmp_path / "w.json"))
    assert new != wid
    assert decision.decision_state(db, new) == decision.decision_state(db, wid)
    assert plan.get_review(db, new, "rules-of-engagement") == ("partly", "Draft exists")
    assert funnel.funnel_state(db, new) == funnel.funnel_state(db, wid)
    strip = lambda c: {k: v for k, v in vars(c).items() if k not in ("id", "workshop_id")}  # noqa: E731
    assert [strip(c) for c in cm.list_commitments(db, new)] == [strip(c) for c in cm.list_commitments(db, wid)]
    practices = lambda w: [i.practice.id for i in plan.get_plan(db, w).items]  # noqa: E731
    assert practices(new) == practices(wid)


def test_demo_has_a_trend_and_reviewed_commitments(db):
    wid = create_demo(db, "en", today=day("2025-06-01"))
    trend = follow_up.client_trend(db, wid)
    assert len(trend) == 2 and all(p.total is not None for p in trend)
    assert trend[0].stage != trend[1].stage or trend[0].total < trend[1].total
    review = follow_up.review_previous(db, wid, today=day("2025-06-01"))
    states = {i.state for i in review.items}
    assert {"done", "late", "dropped"} <= states
    assert all(i.commitment.review_note for i in review.items)
    assert review.carriable


def test_a_carried_link_travels_by_content_in_the_workshop_file(db, tmp_path):
    from workshop.storage.db import open_database

    first, second = two_workshops(db)
    origin, _ = cm.add_commitment(db, first, "late", due_date="2024-12-01")
    follow_up.carry_forward(db, second)
    path = export_workshop(db, second, tmp_path / "w.json")
    copy = import_workshop(db, path)  # the origin workshop is in this database: linked again
    assert [c.carried_from_id for c in cm.list_commitments(db, copy)] == [origin.id]
    other = open_database(tmp_path / "other.db")
    try:  # a database without the earlier workshop: the commitment arrives, unlinked
        alone = import_workshop(other, path)
        assert [(c.what, c.carried_from_id) for c in cm.list_commitments(other, alone)] == [("late", None)]
    finally:
        other.close()


def test_a_follow_up_is_proposed_with_its_own_title_and_a_date_a_few_months_on(db):
    import datetime as dt

    from workshop.follow_up import follow_up_defaults
    from workshop.workshops import create_workshop, get_workshop, update_workshop

    w = create_workshop(db, "Acme", "Sales & Marketing offsite", "2026-03-12", language="en")
    title, day = follow_up_defaults(w, "en", dt.date(2026, 3, 13))
    assert (title, day) == ("Sales & Marketing offsite \u2014 follow-up June 2026", dt.date(2026, 6, 12))
    again, _day = follow_up_defaults(get_workshop(db, w.id).__class__(**{**w.__dict__, "title": title}), "nl",
                                     dt.date(2026, 3, 13))
    assert again == "Sales & Marketing offsite \u2014 vervolg juni 2026"  # not "follow-up … follow-up"
    update_workshop(db, w.id, next_review="2026-09-01")
    assert follow_up_defaults(get_workshop(db, w.id), "en", dt.date(2026, 3, 13))[1] == dt.date(2026, 9, 1)
    assert follow_up_defaults(w, "en", dt.date(2026, 8, 1))[1] == dt.date(2026, 8, 2)  # never in the past
