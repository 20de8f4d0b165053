"""The names a named workshop's phones choose from: one read serves every phone of the "go" moment,
and a name added meanwhile reaches them within a second."""

from __future__ import annotations

from workshop.collect.roster import ROSTER_SECONDS, Roster
from workshop.participants import add_participant, update_participant
from workshop.workshops import create_workshop


def test_one_read_serves_many_phones_and_a_new_name_follows_within_a_second(db) -> None:
    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01")
    anna, _ = add_participant(db, w.id, "Anna de Wit", "sales")
    add_participant(db, w.id, "李小龙", "marketing")
    now = [100.0]
    roster = Roster(db, w.id, lambda: now[0])
    assert not roster.fresh()
    for _ in range(200):
        assert roster.get(anna.id).name == "Anna de Wit"
    assert [p.name for p in roster.people()] == ["Anna de Wit", "李小龙"] and roster.reads == 1
    bram, _ = add_participant(db, w.id, "Bram Jansen", "sales")
    update_participant(db, anna.id, name="Anna de Wit-Bos")
    now[0] += ROSTER_SECONDS / 2
    assert roster.get(bram.id) is None and roster.reads == 1  # still the list of half a second ago
    now[0] += ROSTER_SECONDS
    assert roster.get(bram.id).function == "sales" and roster.get(anna.id).name == "Anna de Wit-Bos"
    assert roster.reads == 2
