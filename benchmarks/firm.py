"""Benchmark: the firm's database on PostgreSQL at 500 clients × 3 workshops × 15 participants.

    python benchmarks/firm.py [--runs N] [--clients N]

Starts a throw-away PostgreSQL server (scripts/pg_test_server.py; or uses
``$WORKSHOP_TEST_PG_URL``), fills a firm database in the server (500 clients with
industry and size, 1,500 workshops, 22,500 participants, 450,000 answers), then times:

- publish of one workshop from a laptop (SQLite) with 15 participants: a first publish
  (created, a new client each run) and a republish after a change (updated);
- the benchmark query for one client against all others (and within one industry).

Prints median and p95 of each against its target (publish < 1 s, benchmark < 200 ms),
the ratio to a floor measured in the same run (one full count of the answers table on
the server), and the query plans of the benchmark's two queries (they should use the
indexes on workshops(client_id, date), participants(workshop_id), answers(participant_id)).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pg_test_server import start_server  # noqa: E402
from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.dialects import postgresql  # noqa: E402

from workshop.benchmark import _latest, benchmark, statements_statement, totals_statement  # noqa: E402
from workshop.instrument import default_instrument  # noqa: E402
from workshop.participants import add_participant, list_participants, set_answer, set_answers  # noqa: E402
from workshop.publish import publish  # noqa: E402
from workshop.storage.db import open_database  # noqa: E402
from workshop.storage.firm_models import BenchmarkFigures  # noqa: E402
from workshop.storage.models import Workshop  # noqa: E402
from workshop.workshops import create_workshop  # noqa: E402

FILL = """
INSERT INTO clients (uuid, name, industry, size, created_at)
SELECT gen_random_uuid()::text, 'Client ' || i,
       (ARRAY['Manufacturing','Retail','Software','Wholesale','Healthcare'])[1 + i % 5],
       (ARRAY['1-49','50-249','250-999','1000+'])[1 + i % 4], now()
FROM generate_series(1, :clients) AS i;

INSERT INTO workshops (uuid, client_id, title, date, place, facilitator, language, paper, min_group_size,
                       instrument_id, instrument_version, revealed, created_at, updated_at)
SELECT gen_random_uuid()::text, c.id, 'Workshop ' || k, DATE '2024-01-01' + (k * 180 + c.id % 60), '', '', 'en',
       'a4', 3, :instrument, :version, true, now(), now()
FROM clients c CROSS JOIN generate_series(0, :per_client - 1) AS k;

INSERT INTO participants (uuid, workshop_id, name, function, position, created_at)
SELECT gen_random_uuid()::text, w.id, 'Person ' || n,
       CASE WHEN n <= 6 THEN 'sales' WHEN n <= 12 THEN 'marketing' ELSE 'leadership' END, n, now()
FROM workshops w CROSS JOIN generate_series(1, :people) AS n;

INSERT INTO answers (participant_id, statement_id, score, source, answered_at)
SELECT p.id, q.id, 1 + ((p.id * 31 + q.n * 7 + p.workshop_id) % 5), 'paper', now()
FROM participants p CROSS JOIN unnest(CAST(:statements AS text[])) WITH ORDINALITY AS q(id, n);

ANALYZE;
"""


def timed(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def laptop_workshop(db, name: str, qids: tuple[str, ...], people: int) -> int:  # noqa: ANN001
    w = create_workshop(db, name, "Offsite", "2026-10-01", language="en")
    for i in range(people):
        function = "sales" if i < 6 else "marketing" if i < 12 else "leadership"
        person, _c = add_participant(db, w.id, f"Person {i + 1}", function)
        set_answers(db, person.id, {q: 1 + (i + n) % 5 for n, q in enumerate(qids)}, "kiosk")
    return w.id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--clients", type=int, default=500)
    args = parser.parse_args()
    instrument = default_instrument()
    qids = instrument.statement_ids
    server = start_server()
    try:
        admin = open_database(server.url("postgres"), migrate=False)
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("DROP DATABASE IF EXISTS aw_firm_bench")
            conn.exec_driver_sql("CREATE DATABASE aw_firm_bench")
        admin.close()
        firm = open_database(server.url("aw_firm_bench"))
        start = time.perf_counter()
        with firm.engine.begin() as conn:
            for statement in FILL.split(";\n"):
                if statement.strip():
                    conn.execute(text(statement), {"clients": args.clients, "per_client": 3, "people": 15,
                                                   "instrument": instrument.id, "version": instrument.version,
                                                   "statements": list(qids)})
        with firm.engine.connect() as conn:
            counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                      for t in ("clients", "workshops", "participants", "answers")}
        print(f"firm database filled in {time.perf_counter() - start:.1f} s: "
              + ", ".join(f"{n:,} {t}" for t, n in counts.items()))

        def floor_query() -> None:
            with firm.engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM answers").scalar()

        floor_query()
        floor = statistics.median(timed(floor_query) for _ in range(args.runs))
        print(f"floor (count of all answers on the server): median {floor * 1000:.1f} ms")

        with tempfile.TemporaryDirectory() as folder:
            laptop = open_database(Path(folder) / "laptop.db")
            created, updated = [], []
            for run in range(args.runs):
                wid = laptop_workshop(laptop, f"Laptop client {run}", qids, 15)
                created.append(timed(lambda wid=wid: publish(laptop, wid, firm)))
                person = list_participants(laptop, wid)[0]
                set_answer(laptop, person.id, qids[0], 1 + run % 5 if run % 5 != 0 else 2, "paper")
                updated.append(timed(lambda wid=wid: publish(laptop, wid, firm)))
            own = laptop_workshop(laptop, "Benchmarked client", qids, 15)
            # The first comparison computes the figures of every workshop filled in by SQL
            # above (published ones have theirs already); later ones read them.
            print(f"first benchmark (computes {counts['clients']} clients' figures): "
                  f"{timed(lambda: benchmark(laptop, own, firm)) * 1000:.0f} ms")
            every = [timed(lambda: benchmark(laptop, own, firm)) for _ in range(args.runs)]
            industry = [timed(lambda: benchmark(laptop, own, firm, industry="Retail")) for _ in range(args.runs)]
            result = benchmark(laptop, own, firm)
            laptop.close()

        def line(name: str, values: list[float], target: float) -> None:
            median, high = statistics.median(values), p95(values)
            verdict = "meets" if high < target else "MISSES"
            print(f"{name:<34} median {median * 1000:7.1f} ms   p95 {high * 1000:7.1f} ms   "
                  f"target < {target * 1000:.0f} ms: {verdict}   ratio to floor {median / floor:5.1f}")

        line("publish, first time (created)", created, 1.0)
        line("publish again after a change", updated, 1.0)
        line("benchmark, all other clients", every, 0.2)
        line("benchmark, one industry", industry, 0.2)
        total = next(m for m in result.measures if m.id == "total")
        print(f"benchmark compared with {result.peers} other clients; total at percentile {total.percentile:.0f}")

        print("\nquery plans of the benchmark (EXPLAIN ANALYZE):")
        with firm.session() as session:
            latest = _latest(instrument.id, "00000000-0000-0000-0000-000000000000", "Benchmarked client", None, None)
            hot = select(latest.c.wid, BenchmarkFigures).outerjoin(
                BenchmarkFigures, BenchmarkFigures.workshop_id == latest.c.wid)
            one = session.scalar(select(Workshop.id).order_by(Workshop.id.desc()).limit(1))
            source = select(Workshop.id.label("wid"), Workshop.min_group_size.label("min_group")) \
                .where(Workshop.id.in_([one])).subquery("source")
            for name, statement in (
                ("every benchmark: the other clients' latest workshops and their kept figures", hot),
                ("once per changed workshop: its totals", totals_statement(source, len(qids))),
                ("once per changed workshop: its statement means", statements_statement(source)),
            ):
                compiled = statement.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
                plan = session.execute(text(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {compiled}")).scalars().all()
                print(f"-- {name}:")
                print("\n".join(plan))
                words = {w for row in plan for w in row.replace("(", " ").split()}
                used = sorted(w for w in words if w.startswith(("ix_", "pk_")))
                print(f"-- indexes used: {', '.join(used) or 'none'}\n")
        firm.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
