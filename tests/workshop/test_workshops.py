from __future__ import annotations

import datetime as dt

import pytest

from workshop.errors import InputError, NotFoundError
from workshop.participants import (
    add_participant,
    list_participants,
    remove_participant,
    restore_participant,
    set_answer,
    set_answers,
    update_participant,
)
from workshop.results import compute
from workshop.workshops import (
    create_workshop,
    delete_workshop,
    duplicate_as_follow_up,
    get_workshop,
    list_workshops,
    previous_workshop,
    update_workshop,
)

from .helpers import QIDS


def test_create_records_instrument_version_and_validates(db) -> None:
    w = create_workshop(db, " Acme ", "Offsite", "2026-02-03", language="en", min_group_size=4)
    assert (w.client, w.date, w.language, w.min_group_size) == ("Acme", dt.date(2026, 2, 3), "en", 4)
    assert w.instrument_id == "sales-marketing-alignment" and w.instrument_version
    with pytest.raises(InputError):
        create_workshop(db, "Acme", "T", "2026-02-03", language="de")
    with pytest.raises(InputError):
        update_workshop(db, w.id, min_group_size=0)
    assert get_workshop(db, w.id).min_group_size == 4


def test_list_groups_counts_and_stage(db) -> None:
    a = create_workshop(db, "Beta", "One", "2026-01-01")
    b = create_workshop(db, "acme", "Two", "2026-01-02")
    for name, score in (("Ann", 4), ("Bob", 2)):
        person, _ = add_participant(db, a.id, name, "sales")
        set_answers(db, person.id, dict.fromkeys(QIDS, score), "kiosk")
    add_participant(db, a.id, "Cas", "marketing")
    rows = {r.id: r for r in list_workshops(db)}
    assert [r.client for r in list_workshops(db)] == ["acme", "Beta"]
    assert (rows[a.id].participants, rows[a.id].complete, rows[a.id].mean, rows[a.id].stage) == (3, 2, 60.0, "aligned")
    assert (rows[b.id].participants, rows[b.id].mean, rows[b.id].stage) == (0, None, None)
    assert [r.id for r in list_workshops(db, "BET")] == [a.id]


def test_participants_answers_remove_and_restore(db) -> None:
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01")
    ann, changes = add_participant(db, w.id, "Ann", "verkoop")
    assert ann.function == "sales" and changes.participants
    with pytest.raises(InputError, match="already"):
        add_participant(db, w.id, "ann", "sales")
    anon, _ = add_participant(db, w.id, None, "marketing")
    anon2, _ = add_participant(db, w.id, "", "marketing")
    assert anon.name is None and anon2.name is None
    set_answer(db, ann.id, "q01", 4, "kiosk")
    set_answer(db, ann.id, "q01", 5, "paper")
    set_answer(db, ann.id, "q02", 3, "paper")
    set_answer(db, ann.id, "q02", None, "paper")
    assert list_participants(db, w.id)[0].answers == {"q01": 5}
    for bad in (0, 6, 3.5, "3", True):
        with pytest.raises(InputError):
            set_answer(db, ann.id, "q03", bad, "kiosk")
    with pytest.raises(InputError):
        set_answer(db, ann.id, "q21", 3, "kiosk")
    other = create_workshop(db, "Other", "X", "2026-01-01")
    with pytest.raises(NotFoundError):
        set_answer(db, ann.id, "q03", 3, "phone", workshop_id=other.id)
    update_participant(db, ann.id, name="Anna", function="marketing")
    removed, _ = remove_participant(db, ann.id)
    assert [p.name for p in list_participants(db, w.id)] == [None, None]
    assert removed.sources == {"q01": "paper"}
    add_participant(db, w.id, "anna", "sales")
    with pytest.raises(InputError, match="already"):
        restore_participant(db, removed)
    remove_participant(db, list_participants(db, w.id)[-1].id)
    restored, _ = restore_participant(db, removed)
    people = list_participants(db, w.id)
    assert people[0].name == "Anna" and people[0].answers == {"q01": 5} and people[0].function == "marketing"
    assert restored.position == removed.position


def test_delete_workshop_cascades_and_drops_empty_client(db) -> None:
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01")
    person, _ = add_participant(db, w.id, "Ann", "sales")
    set_answer(db, person.id, "q01", 4, "kiosk")
    delete_workshop(db, w.id)
    assert list_workshops(db) == []
    with pytest.raises(NotFoundError):
        get_workshop(db, w.id)
    with db.session() as session:
        assert session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM answers")).scalar() == 0


def test_follow_up_copies_people_not_answers(db) -> None:
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01", language="en", min_group_size=2)
    person, _ = add_participant(db, w.id, "Ann", "sales")
    set_answer(db, person.id, "q01", 4, "kiosk")
    follow = duplicate_as_follow_up(db, w.id, "2026-07-01")
    assert follow.client_id == w.client_id and follow.min_group_size == 2 and follow.language == "en"
    people = list_participants(db, follow.id)
    assert [(p.name, p.answers) for p in people] == [("Ann", {})]
    assert previous_workshop(db, follow.id).id == w.id
    assert previous_workshop(db, w.id) is None


def test_min_group_size_hides_breakdowns(db) -> None:
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01", min_group_size=3)
    for i in range(3):
        p, _ = add_participant(db, w.id, f"S{i}", "sales")
        set_answers(db, p.id, dict.fromkeys(QIDS, 4), "kiosk")
    for i in range(2):
        p, _ = add_participant(db, w.id, f"M{i}", "marketing")
        set_answers(db, p.id, dict.fromkeys(QIDS, 2), "kiosk")
    r = compute(db, w.id)
    assert r.results.by_function["marketing"] is None
    # Sales too: the group minus Sales would be the two marketers' combined score (privacy rule 4).
    assert r.results.by_function["sales"] is None and r.results.withheld.folded == "sales"
    assert r.results.total.mean == 64  # (3 × 80 + 2 × 40) / 5
    assert all(s.marketing_mean is None and s.gap is None for s in r.results.statements)
    assert r.largest_gaps == []
