"""The phone writer stores the joins of the "go" moment together, and a refused one alone."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from workshop.collect import store
from workshop.collect.store import JoinWork, Writer
from workshop.storage.phone_models import PhoneDevice
from workshop.workshops import create_workshop


def _queued_behind_a_gate(writer: Writer, works: list[JoinWork]) -> list:
    gate = threading.Event()
    writer.submit(lambda _session: gate.wait(5))  # keeps the writer busy while the joins queue up
    futures = [writer.submit(work) for work in works]
    gate.set()
    return futures


def test_joins_queued_together_are_stored_in_one_statement(db, monkeypatch: pytest.MonkeyPatch) -> None:
    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01")
    sizes: list[int] = []
    real = store.store_joins
    monkeypatch.setattr(store, "store_joins", lambda conn, works: sizes.append(len(works)) or real(conn, works))
    writer = Writer(db)
    try:
        futures = _queued_behind_a_gate(writer, [JoinWork(w.id, f"key-{n}", "sales", None) for n in range(6)])
        ids = [f.result(10) for f in futures]
    finally:
        writer.close()
    assert len(set(ids)) == 6 and max(sizes) == 6
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(PhoneDevice)
                              .where(PhoneDevice.workshop_id == w.id)) == 6


def test_a_refused_join_fails_alone_and_the_others_are_stored(db) -> None:
    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01")
    works = [JoinWork(w.id, f"key-{n}", "marketing", None) for n in range(4)]
    works.insert(2, JoinWork(w.id, "key-1", "sales", None))  # the same secret twice: refused
    writer = Writer(db)
    try:
        futures = _queued_behind_a_gate(writer, works)
        outcomes = []
        for future in futures:
            try:
                outcomes.append(future.result(10))
            except Exception as exc:  # noqa: BLE001 - the refused one
                outcomes.append(exc)
    finally:
        writer.close()
    assert isinstance(outcomes[2], Exception)
    assert all(isinstance(o, int) for n, o in enumerate(outcomes) if n != 2)
    with db.session() as session:
        stored = set(session.scalars(select(PhoneDevice.secret_hash).where(PhoneDevice.workshop_id == w.id)))
    assert stored == {f"key-{n}" for n in range(4)}


def test_a_wave_of_joins_and_first_answers_takes_one_insert_each(db) -> None:
    """At the "go" moment: one INSERT for all the phones, one for all the new participants."""
    from sqlalchemy import event

    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01")
    inserts: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001, ANN002
        if statement.startswith("INSERT"):
            inserts.append(statement.split("(", 1)[0].strip())

    event.listen(db.engine, "before_cursor_execute", seen)
    with db.session() as session:
        devices = store.store_joins(session.connection(), [JoinWork(w.id, f"key-{n}", "sales", None)
                                                            for n in range(30)])
    with db.session() as session:
        people = store.store_answers(session.connection(), [store.AnswerWork(w.id, d, "sales", {"q01": 3}, False)
                                                             for d in devices])
    assert inserts == ["INSERT INTO phone_devices", "INSERT INTO participants", "INSERT INTO answers"]
    assert len(set(devices)) == 30 and len(set(people)) == 30
    with db.session() as session:  # each phone got the participant made for it, in its own function
        pairs = set(tuple(row) for row in session.execute(select(PhoneDevice.id, PhoneDevice.participant_id)
                                    .where(PhoneDevice.workshop_id == w.id)).all())
    assert pairs == set(zip(devices, people, strict=True))


def test_the_warm_up_runs_the_go_moments_statements_and_keeps_nothing(db) -> None:
    from sqlalchemy import event

    from workshop.storage.models import Answer, Participant

    w = create_workshop(db, "Acme", "Kick-off", "2025-05-01")
    ran: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: ran.append(statement.split("(", 1)[0].split(" SET")[0].strip()))
    writer = Writer(db)
    try:
        outcome = writer.submit(store.warm_up(w.id, "q01")).exception(10)
        after = writer.run(lambda session: [session.scalar(select(func.count()).select_from(table))
                                            for table in (PhoneDevice, Participant, Answer)])
    finally:
        writer.close()
    assert outcome is not None and after == [0, 0, 0]  # it ended by undoing itself
    for statement in ("INSERT INTO phone_devices", "INSERT INTO participants", "UPDATE phone_devices",
                      "INSERT INTO answers"):
        assert statement in ran


def test_a_big_batch_of_replies_is_handed_over_a_few_per_turn_of_the_loop() -> None:
    import asyncio

    done: list[int] = []
    calls = [lambda n=n: done.append(n) for n in range(60)]

    async def hand_over() -> list[int]:
        store._call_all(calls)
        seen = [len(done)]
        for _ in range(3):
            await asyncio.sleep(0)  # a turn of the loop: other work (reading requests) gets its turn between
            seen.append(len(done))
        return seen

    assert asyncio.run(hand_over()) == [store.HAND_OVER, 2 * store.HAND_OVER, 60, 60]
    assert done == list(range(60))  # every reply, in order
