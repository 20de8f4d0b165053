"""The names a named workshop's phones choose from, read from the database at most once a second.

At the "go" moment every phone asks for the list and claims a name at once; one read serves
them all, so the server answers them on its event loop instead of sending each to a thread
for its own query. A name the facilitator adds or changes reaches the phones within
``ROSTER_SECONDS``; a participant removed meanwhile is still refused when the join is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from workshop.storage.db import Database
from workshop.storage.models import Participant

ROSTER_SECONDS = 1.0


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    function: str


class Roster:
    """The named participants of one workshop, in list order."""

    def __init__(self, db: Database, workshop_id: int, clock: Callable[[], float]) -> None:
        self.db, self.workshop_id, self.clock = db, workshop_id, clock
        self._people: tuple[Person, ...] = ()
        self._by_id: dict[int, Person] = {}
        self._read_at: float | None = None
        self._lock = threading.Lock()
        self.reads = 0

    def fresh(self) -> bool:
        """Whether the list can be given without reading the database."""
        return self._read_at is not None and self.clock() - self._read_at < ROSTER_SECONDS

    def people(self) -> tuple[Person, ...]:
        self._refresh()
        return self._people

    def get(self, participant_id: int) -> Person | None:
        self._refresh()
        return self._by_id.get(participant_id)

    def _refresh(self) -> None:
        if self.fresh():
            return
        with self._lock:  # many phones at once: one reads, the others then find the list fresh
            if self.fresh():
                return
            with self.db.session() as session:
                rows = session.execute(
                    select(Participant.id, Participant.name, Participant.function)
                    .where(Participant.workshop_id == self.workshop_id, Participant.name.is_not(None))
                    .order_by(Participant.position, Participant.id)
                ).all()
            people = tuple(Person(pid, name or "", function) for pid, name, function in rows)  # names only
            self._by_id = {person.id: person for person in people}
            self._people = people
            self._read_at = self.clock()
            self.reads += 1
