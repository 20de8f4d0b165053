"""What the phone server keeps in the database, and the one writer that keeps it.

Phones and their join link outlive the server process: a restarted server reads the
devices back, so a phone that comes back (its secret in its own storage) finds its own
participant, and nobody is counted twice. Only a hash of a phone's secret is stored.

All writes go through one ``Writer`` thread that commits whatever has queued up in one
transaction (each request in its own savepoint, so one refused request never undoes
another): at the "go" moment two hundred phones cost a handful of commits, not two hundred.
A request learns its outcome only after the commit, so nothing is acknowledged that is
not on disk.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlalchemy.sql.elements import KeyedColumnElement

from workshop.storage.db import Database
from workshop.storage.models import Answer, Participant, utcnow
from workshop.storage.phone_models import PhoneDevice, PhoneLink

BATCH = 128


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass
class Device:
    """One joined phone as the server holds it in memory."""

    id: int
    key: str  # hash of the phone's secret
    function: str
    participant_id: int | None = None
    name: str | None = None
    answers: dict[str, int] = field(default_factory=dict)
    finished: bool = False
    address: str = ""
    joined_at: float = 0.0


def load_link(db: Database, workshop_id: int) -> tuple[str, str] | None:
    with db.session() as session:
        row = session.get(PhoneLink, workshop_id)
        return (row.token, row.pin) if row else None


def save_link(db: Database, workshop_id: int, token: str, pin: str) -> None:
    with db.session() as session:
        row = session.get(PhoneLink, workshop_id)
        if row is None:
            session.add(PhoneLink(workshop_id=workshop_id, token=token, pin=pin))
        else:
            row.token, row.pin = token, pin


def load_devices(db: Database, workshop_id: int) -> list[Device]:
    """The phones that joined this workshop before, with what each sent from the phone."""
    with db.session() as session:
        rows = session.execute(
            select(PhoneDevice, Participant.name)
            .outerjoin(Participant, Participant.id == PhoneDevice.participant_id)
            .where(PhoneDevice.workshop_id == workshop_id)
            .order_by(PhoneDevice.id)
        ).all()
        pids = [d.participant_id for d, _ in rows if d.participant_id is not None]
        answers: dict[int, dict[str, int]] = {pid: {} for pid in pids}
        if pids:
            for pid, qid, score in session.execute(
                select(Answer.participant_id, Answer.statement_id, Answer.score)
                .where(Answer.participant_id.in_(pids), Answer.source == "phone")
            ):
                answers[pid][qid] = score
        return [Device(d.id, d.secret_hash, d.function, d.participant_id, name,
                       answers.get(d.participant_id, {}) if d.participant_id else {}, d.finished)
                for d, name in rows]


# --- units of work (run on the writer thread, inside a savepoint) ------------------------------------

def add_device(session: Session, workshop_id: int, key: str, function: str, participant_id: int | None) -> int:
    row = PhoneDevice(workshop_id=workshop_id, secret_hash=key, function=function,
                      participant_id=participant_id, finished=False)
    session.add(row)
    session.flush()
    return row.id


def set_device_participant(session: Session, device_id: int, participant_id: int | None) -> None:
    row = session.get(PhoneDevice, device_id)
    if row is None:
        raise LookupError(device_id)
    row.participant_id = participant_id
    row.finished = False


def delete_device(session: Session, device_id: int) -> None:
    session.execute(delete(PhoneDevice).where(PhoneDevice.id == device_id))


@dataclass(frozen=True)
class AnswerWork:
    """One phone's answers to store (the writer stores all that queued up in a few statements)."""

    workshop_id: int
    device_id: int
    function: str
    answers: dict[str, int]
    finish: bool


def _upsert(conn: Connection, rows: list[dict]) -> None:
    """Insert or replace answers in one statement (the latest answer wins), on SQLite and PostgreSQL."""
    keys = [Answer.participant_id, Answer.statement_id]
    statement: Executable
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        pg = pg_insert(Answer)
        statement = pg.on_conflict_do_update(index_elements=keys, set_=_latest(pg.excluded))
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        lite = sqlite_insert(Answer)
        statement = lite.on_conflict_do_update(index_elements=keys, set_=_latest(lite.excluded))
    conn.execute(statement, rows)


def _latest(excluded: ReadOnlyColumnCollection[str, KeyedColumnElement[Any]]) -> dict[str, object]:
    """The columns an upsert takes from the new row: the latest answer wins."""
    return {"score": excluded.score, "source": excluded.source, "answered_at": excluded.answered_at}


def store_answers(conn: Connection, works: list[AnswerWork]) -> list[int | None | BaseException]:
    """Many phones' answers at once; for each, its participant id or why it was refused.

    An anonymous phone becomes a participant with its first answer. A phone whose device
    or participant was removed meanwhile gets a ``LookupError``.
    """
    devices = dict(conn.execute(select(PhoneDevice.id, PhoneDevice.participant_id)
                                .where(PhoneDevice.id.in_({w.device_id for w in works}))).all())
    outcome: list[int | None | BaseException] = []
    rows: dict[tuple[int, str], dict] = {}
    finished: list[int] = []
    now = utcnow()
    for work in works:
        if work.device_id not in devices:
            outcome.append(LookupError(work.device_id))
            continue
        pid = devices[work.device_id]
        if pid is None and work.answers:
            last = conn.execute(select(func.max(Participant.position))
                                .where(Participant.workshop_id == work.workshop_id)).scalar()
            key = conn.execute(insert(Participant).values(
                workshop_id=work.workshop_id, name=None, function=work.function, position=(last or 0) + 1,
                created_at=now)).inserted_primary_key
            assert key is not None, "an INSERT always reports the key it made"
            pid = key[0]
            conn.execute(update(PhoneDevice).where(PhoneDevice.id == work.device_id).values(participant_id=pid))
            devices[work.device_id] = pid
        if pid is not None:  # None only for a phone with no answers yet
            for qid, score in work.answers.items():
                rows[(pid, qid)] = {"participant_id": pid, "statement_id": qid, "score": score, "source": "phone",
                                    "answered_at": now}
        if work.finish:
            finished.append(work.device_id)
        outcome.append(pid)
    if rows:
        _upsert(conn, list(rows.values()))
    if finished:
        conn.execute(update(PhoneDevice).where(PhoneDevice.id.in_(finished)).values(finished=True))
    return outcome


# --- the writer -----------------------------------------------------------------------------------------

Job = tuple[Callable[[Session], Any] | AnswerWork, Future]


class Writer:
    """One thread that runs units of work in batches: one commit for all that queued meanwhile."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._queue: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="phone-writer", daemon=True)
        self._thread.start()

    def submit(self, work: Callable[[Session], Any] | AnswerWork) -> Future:
        """Queue ``work`` (a function of a session, or answers); the future resolves once committed."""
        future: Future = Future()
        self._queue.put((work, future))
        return future

    def run(self, work: Callable[[Session], Any] | AnswerWork) -> Any:
        """``work``'s result once committed, or its error."""
        return self.submit(work).result()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            batch = [job]
            while len(batch) < BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)  # finish this batch, then stop
                    break
                batch.append(more)
            self._commit(batch)

    def _commit(self, batch: list[Job]) -> None:
        outcomes: list[tuple[Future, Any, BaseException | None]] = []
        answers = [(work, future) for work, future in batch if isinstance(work, AnswerWork)]
        try:
            with self.db.session() as session:
                for work, future in batch:
                    if isinstance(work, AnswerWork):
                        continue
                    try:
                        with session.begin_nested():
                            outcomes.append((future, work(session), None))
                    except Exception as exc:  # noqa: BLE001 - handed to the request that asked
                        outcomes.append((future, None, exc))
                if answers:
                    results = store_answers(session.connection(), [work for work, _ in answers])
                    for (_, future), result in zip(answers, results, strict=True):
                        if isinstance(result, BaseException):
                            outcomes.append((future, None, result))
                        else:
                            outcomes.append((future, result, None))
        except Exception as exc:  # noqa: BLE001 - the commit failed (disk full): nobody's work is stored
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for future, result, error in outcomes:
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)
