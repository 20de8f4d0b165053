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

import asyncio
import datetime as dt
import hashlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlalchemy.sql.elements import KeyedColumnElement

from workshop.storage.db import Database
from workshop.storage.models import Answer, Participant, new_uuid, utcnow
from workshop.storage.phone_models import PhoneDevice, PhoneLink

BATCH = 512  # more than a room's phones: at the "go" moment all of them share a commit


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

@dataclass(frozen=True)
class JoinWork:
    """A phone to register (the writer stores all joins that queued up in one statement)."""

    workshop_id: int
    key: str  # hash of the phone's secret
    function: str
    participant_id: int | None

    def __call__(self, session: Session) -> int:
        """Store this join alone (in its own savepoint): the way back when a batch is refused."""
        return store_joins(session.connection(), [self])[0]


# Ids come back with each phone's (unique) secret hash: all in one statement, as for participants below.
_ADD_DEVICES = insert(PhoneDevice).returning(PhoneDevice.secret_hash, PhoneDevice.id)


def store_joins(conn: Connection, works: list[JoinWork]) -> list[int]:
    """Many phones' joins at once (the "go" moment); their device ids, in order."""
    rows = [{"workshop_id": w.workshop_id, "secret_hash": w.key, "function": w.function,
             "participant_id": w.participant_id, "finished": False} for w in works]
    made = dict(conn.execute(_ADD_DEVICES, rows).all())
    return [int(made[w.key]) for w in works]


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


_UPSERTS: dict[str, Executable] = {}  # by dialect: built once, so each batch only binds its rows


def _upsert(conn: Connection, rows: list[dict]) -> None:
    """Insert or replace answers in one statement (the latest answer wins), on SQLite and PostgreSQL."""
    statement = _UPSERTS.get(conn.dialect.name)
    if statement is None:
        statement = _UPSERTS[conn.dialect.name] = _make_upsert(conn.dialect.name)
    conn.execute(statement, rows)


def _make_upsert(dialect: str) -> Executable:
    keys = [Answer.participant_id, Answer.statement_id]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        pg = pg_insert(Answer)
        return pg.on_conflict_do_update(index_elements=keys, set_=_latest(pg.excluded)).returning(Answer.id)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    lite = sqlite_insert(Answer)
    return lite.on_conflict_do_update(index_elements=keys, set_=_latest(lite.excluded)).returning(Answer.id)


def _latest(excluded: ReadOnlyColumnCollection[str, KeyedColumnElement[Any]]) -> dict[str, object]:
    """The columns an upsert takes from the new row: the latest answer wins."""
    return {"score": excluded.score, "source": excluded.source, "answered_at": excluded.answered_at}


_DEVICES = (select(PhoneDevice.id, PhoneDevice.participant_id)
            .where(PhoneDevice.id.in_(bindparam("ids", expanding=True))))
# Each new participant's id comes back with the uuid it was given here, so that all of them go in
# one statement (asking for the ids in the rows' order would insert them one by one on SQLite).
_ADD_PARTICIPANTS = insert(Participant).returning(Participant.uuid, Participant.id)
_SET_PARTICIPANTS = (update(PhoneDevice).where(PhoneDevice.id == bindparam("device"))
                     .values(participant_id=bindparam("participant")))


def _new_participants(conn: Connection, works: list[AnswerWork], now: dt.datetime) -> dict[int, int]:
    """A participant for each of these anonymous phones (device id → participant id), in two statements."""
    positions: dict[int, int] = {}
    for work in works:
        if work.workshop_id not in positions:
            positions[work.workshop_id] = conn.execute(select(func.max(Participant.position))
                                                       .where(Participant.workshop_id == work.workshop_id)
                                                       ).scalar() or 0
    uuids = [new_uuid() for _ in works]
    rows = []
    for work, uuid in zip(works, uuids, strict=True):
        positions[work.workshop_id] += 1
        rows.append({"uuid": uuid, "workshop_id": work.workshop_id, "name": None, "function": work.function,
                     "position": positions[work.workshop_id], "created_at": now})
    ids: dict[str, int] = dict(conn.execute(_ADD_PARTICIPANTS, rows).all())
    made = {work.device_id: ids[uuid] for work, uuid in zip(works, uuids, strict=True)}
    conn.execute(_SET_PARTICIPANTS, [{"device": device, "participant": pid} for device, pid in made.items()])
    return made


def store_answers(conn: Connection, works: list[AnswerWork]) -> list[int | None | BaseException]:
    """Many phones' answers at once; for each, its participant id or why it was refused.

    An anonymous phone becomes a participant with its first answer. A phone whose device
    or participant was removed meanwhile gets a ``LookupError``.
    """
    devices = dict(conn.execute(_DEVICES, {"ids": list({w.device_id for w in works})}).all())
    now = utcnow()
    newcomers: dict[int, AnswerWork] = {}  # the first answering work of each phone without a participant yet
    for work in works:
        if work.device_id in devices and devices[work.device_id] is None and work.answers:
            newcomers.setdefault(work.device_id, work)
    if newcomers:
        devices.update(_new_participants(conn, list(newcomers.values()), now))
    outcome: list[int | None | BaseException] = []
    rows: dict[tuple[int, str], dict] = {}
    finished: list[int] = []
    for work in works:
        if work.device_id not in devices:
            outcome.append(LookupError(work.device_id))
            continue
        pid = devices[work.device_id]
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


class _WarmedUp(Exception):
    """Ends the warm-up: its savepoint is rolled back, so nothing of it is kept."""


def warm_up(workshop_id: int, statement_id: str) -> Callable[[Session], None]:
    """A unit of work for the writer that stores a join, a first answer and a changed one, then undoes
    them: SQLAlchemy compiles those statements now, not when every phone joins and answers at once."""
    def work(session: Session) -> None:
        conn = session.connection()
        [device] = store_joins(conn, [JoinWork(workshop_id, "warm-up " + new_uuid(), "other", None)])
        for score in (3, 4):
            store_answers(conn, [AnswerWork(workshop_id, device, "other", {statement_id: score}, True)])
        raise _WarmedUp

    return work


# --- the writer -----------------------------------------------------------------------------------------

Work = Callable[[Session], Any] | AnswerWork | JoinWork
# Called on the writer thread with the work's result (or the error that refused it); returns what
# is then run on the event loop.
Outcome = Callable[[Any], Callable[[], None]]
Job = tuple[Work, "Future | tuple[asyncio.AbstractEventLoop, Outcome]"]


class Writer:
    """One thread that runs units of work in batches: one commit for all that queued meanwhile."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._queue: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="phone-writer", daemon=True)
        self._thread.start()

    def submit(self, work: Work) -> Future:
        """Queue ``work`` (a function of a session, or answers); the future resolves once committed."""
        future: Future = Future()
        self._queue.put((work, future))
        return future

    def post(self, work: Work, loop: asyncio.AbstractEventLoop, outcome: Outcome) -> None:
        """Queue ``work``; once committed, ``outcome(result or error)`` runs here and what it returns on ``loop``.

        The replies are made on this thread, so the loop only hands them out; and a whole batch's
        replies are handed out in one call on the loop: one wake-up, not one per request."""
        self._queue.put((work, (loop, outcome)))

    def run(self, work: Work) -> Any:
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
            _deliver(batch, self._commit(batch))

    def _commit(self, batch: list[Job]) -> list[Any]:
        """Each job's result, or the error that refused it (for all of them when the commit fails)."""
        outcomes: list[Any] = [None] * len(batch)
        answers = [(n, work) for n, (work, _) in enumerate(batch) if isinstance(work, AnswerWork)]
        joins = [(n, work) for n, (work, _) in enumerate(batch) if isinstance(work, JoinWork)]
        try:
            with self.db.session() as session:
                together = len(joins) > 1 and _join_together(session, joins, outcomes)
                done = {n for n, _ in joins} if together else set()
                for n, (work, _) in enumerate(batch):
                    if n in done or isinstance(work, AnswerWork):
                        continue
                    try:
                        with session.begin_nested():
                            outcomes[n] = work(session)
                    except Exception as exc:  # noqa: BLE001 - handed to the request that asked
                        outcomes[n] = exc
                if answers:
                    stored = store_answers(session.connection(), [work for _, work in answers])
                    for (n, _), result in zip(answers, stored, strict=True):
                        outcomes[n] = result
        except Exception as exc:  # noqa: BLE001 - the commit failed (disk full): nobody's work is stored
            return [exc] * len(batch)
        return outcomes


def _join_together(session: Session, joins: list[tuple[int, JoinWork]], outcomes: list[Any]) -> bool:
    """Store a batch's joins in one statement; False (nothing stored) if any is refused, so that each
    is then tried alone and only the refused one fails."""
    try:
        with session.begin_nested():
            made = store_joins(session.connection(), [work for _, work in joins])
    except Exception:  # noqa: BLE001 - retried one by one, where the error reaches its request
        return False
    for (n, _), device_id in zip(joins, made, strict=True):
        outcomes[n] = device_id
    return True


def _deliver(batch: list[Job], outcomes: list[Any]) -> None:
    """Hand each job its outcome: futures directly, loop callbacks in one call per loop."""
    on_loops: dict[asyncio.AbstractEventLoop, list[Callable[[], None]]] = {}
    for (_, target), outcome in zip(batch, outcomes, strict=True):
        if isinstance(target, Future):
            if isinstance(outcome, BaseException):
                target.set_exception(outcome)
            else:
                target.set_result(outcome)
        else:
            loop, then = target
            on_loops.setdefault(loop, []).append(then(outcome))
    for loop, calls in on_loops.items():
        try:
            loop.call_soon_threadsafe(_call_all, calls)
        except RuntimeError:  # the loop is closed: the server stopped, nobody waits any more
            pass


HAND_OVER = 24  # replies handed over per turn of the event loop


def _call_all(calls: list[Callable[[], None]]) -> None:
    """Hand over a batch's replies a few per turn of the loop: between turns it reads the next requests
    and passes them on to the writer, instead of sending two hundred replies while they wait."""
    for call in calls[:HAND_OVER]:
        call()
    if len(calls) > HAND_OVER:
        asyncio.get_running_loop().call_soon(_call_all, calls[HAND_OVER:])
