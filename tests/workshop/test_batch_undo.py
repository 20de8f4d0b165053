"""The batch services undo needs: several rows out and back in one transaction, all or none."""

from __future__ import annotations

import pytest

from workshop import commitments as cm
from workshop.errors import InputError, NotFoundError
from workshop.participants import (
    add_participant,
    list_participants,
    remove_participants,
    restore_participants,
    set_answers,
)
from workshop.workshops import create_workshop

from .helpers import QIDS


def _workshop(db) -> int:
    return create_workshop(db, "Acme", "Offsite", "2026-03-01", language="en").id


def test_several_participants_go_and_come_back_with_their_answers(db) -> None:
    wid = _workshop(db)
    people = [add_participant(db, wid, name, "sales")[0] for name in ("Anna", "Bram", "Carla")]
    set_answers(db, people[1].id, {q: 4 for q in QIDS}, "kiosk")
    removed, changes = remove_participants(db, [people[2].id, people[1].id])
    assert changes.participants and changes.answers and changes.workshop_id == wid
    assert [p.name for p in removed] == ["Carla", "Bram"]  # in the order asked
    assert [p.name for p in list_participants(db, wid)] == ["Anna"]
    restored, changes = restore_participants(db, removed)
    assert [p.name for p in restored] == ["Carla", "Bram"] and changes.workshop_id == wid
    now = list_participants(db, wid)
    assert [p.name for p in now] == ["Anna", "Bram", "Carla"]  # back in their places
    assert now[1].answers == {q: 4 for q in QIDS}


def test_a_removal_with_one_unknown_id_removes_nobody(db) -> None:
    wid = _workshop(db)
    anna, _ = add_participant(db, wid, "Anna", "sales")
    with pytest.raises(NotFoundError):
        remove_participants(db, [anna.id, 9999])
    assert [p.name for p in list_participants(db, wid)] == ["Anna"]


def test_a_restore_whose_name_was_taken_restores_nobody(db) -> None:
    wid = _workshop(db)
    people = [add_participant(db, wid, name, "marketing")[0] for name in ("Anna", "Bram")]
    removed, _ = remove_participants(db, [p.id for p in people])
    add_participant(db, wid, "bram", "sales")  # someone else took the name meanwhile
    with pytest.raises(InputError, match="already a participant called “Bram”"):
        restore_participants(db, removed)
    assert [(p.name, p.function) for p in list_participants(db, wid)] == [("bram", "sales")]  # not Anna either


def test_several_commitments_go_and_come_back_with_their_ids(db) -> None:
    wid = _workshop(db)
    items = [cm.add_commitment(db, wid, what)[0] for what in ("One", "Two", "Three")]
    removed, changes = cm.delete_commitments(db, [items[0].id, items[2].id])
    assert changes.commitments and changes.workshop_id == wid
    assert [c.what for c in cm.list_commitments(db, wid)] == ["Two"]
    restored, _ = cm.restore_commitments(db, removed)
    assert restored == removed
    assert [c.what for c in cm.list_commitments(db, wid)] == ["One", "Two", "Three"]


def test_a_deletion_with_one_unknown_commitment_deletes_none(db) -> None:
    wid = _workshop(db)
    one, _ = cm.add_commitment(db, wid, "One")
    with pytest.raises(NotFoundError):
        cm.delete_commitments(db, [one.id, 9999])
    assert [c.what for c in cm.list_commitments(db, wid)] == ["One"]
