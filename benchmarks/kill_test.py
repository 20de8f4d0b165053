"""Kill safety: start the write paths in a child process and SIGKILL it at random moments.

The child does what the app does while a workshop runs: single kiosk answers, grid entry
(a new row, then cell by cell or a whole row at once), a large CSV import, commitment
edits, start-up backups, and backups whose rotation has many old ones to delete. Before
each write it reports ``begin <op>`` and after the commit ``done <op>`` on its stdout (a
pipe, unbuffered). After every kill the database is
opened the app's way, ``PRAGMA integrity_check`` must say ok, and the database must hold
exactly the state before the round plus every write reported done, plus at most the one
write that was in flight, wholly (an import is all there or all absent). Every backup on
disk must be sound, and no good backup may be lost: the newest good backup before a kill
(or a newer good one) must be there after it. A stale lock of the killed child must never
block the next one.

    python benchmarks/kill_test.py [--kills 300] [--seed N] [--folder DIR]

Prints the kills and the failures (which must be 0); exits 1 on any failure. POSIX only
(fork and SIGKILL). ``tests/workshop/test_kill_safety.py`` runs it in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QIDS = tuple(f"q{i:02d}" for i in range(1, 21))
MODES = ("kiosk", "grid", "import", "commitments", "backup", "rotation")
IMPORT_ROWS = 250
KIOSK_PEOPLE = 24
# Upper bound of the random kill moment per mode, in seconds after the child is ready; the
# import's is measured at the start (an import killed at every stage of its transaction).
KILL_WITHIN = {"kiosk": 0.15, "grid": 0.3, "commitments": 0.15, "backup": 0.3, "rotation": 0.4}
PLANTED = 6  # old backups put in place before each backup of the rotation mode, for it to delete
# Share of kills aimed at start-up instead (taking the lock, opening and checking the database).
STARTUP_SHARE = 0.15
STARTUP_WITHIN = 0.08


# ------------------------------------------------------------------ the child

def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def child(db_path: Path, mode: str, seed: int, round_no: int, csv_path: Path, wid: int) -> None:
    """Runs in the forked process until killed (or done); never returns."""
    from workshop.storage.lock import acquire_writer_lock

    try:
        acquire_writer_lock(db_path, "kill test child")
    except Exception as exc:  # noqa: BLE001 - reported as a failure by the parent
        _say(f"lockfail {json.dumps(str(exc))}")
        os._exit(3)
    from workshop.storage.db import open_database

    db = open_database(db_path)
    rng = random.Random(seed)
    people = _kiosk_people(db, wid)
    _say("ready")
    if mode == "kiosk":
        _kiosk(db, rng, people)
    elif mode == "grid":
        _grid(db, rng, wid, round_no)
    elif mode == "import":
        from workshop.importing import import_responses

        op = {"op": "import", "round": round_no, "rows": _csv_rows(csv_path)}
        _say("begin " + json.dumps(op))
        import_responses(db, wid, csv_path)
        _say("done " + json.dumps(op))
        _kiosk(db, rng, people)  # keep writing until killed
    elif mode == "commitments":
        _commitments(db, rng, wid, round_no)
    elif mode == "backup":
        _backups(db, rng, people)
    elif mode == "rotation":
        _backups(db, rng, people, plant=PLANTED)


def _kiosk_people(db: Any, wid: int) -> dict[str, int]:
    from workshop.participants import list_participants

    return {p.name: p.id for p in list_participants(db, wid) if p.name and p.name.startswith("kiosk-")}


def _kiosk(db: Any, rng: random.Random, people: dict[str, int]) -> None:
    from workshop.participants import set_answer

    names = sorted(people)
    while True:
        name, qid = rng.choice(names), rng.choice(QIDS)
        score = rng.choice((None, 1, 2, 3, 4, 5, 5))
        op = {"op": "answer", "name": name, "qid": qid, "score": score}
        _say("begin " + json.dumps(op))
        set_answer(db, people[name], qid, score, "kiosk")
        _say("done " + json.dumps(op))


def _grid(db: Any, rng: random.Random, wid: int, round_no: int) -> None:
    from workshop.participants import add_participant, set_answer, set_answers

    for k in range(10_000):
        name = f"grid-{round_no}-{k}"
        function = rng.choice(("sales", "marketing", "leadership", "other"))
        op: dict[str, Any] = {"op": "add", "name": name, "function": function}
        _say("begin " + json.dumps(op))
        person, _ = add_participant(db, wid, name, function)
        _say("done " + json.dumps(op))
        if rng.random() < 0.5:  # typed cell by cell, as in the paper grid
            for qid in QIDS:
                op = {"op": "answer", "name": name, "qid": qid, "score": rng.randint(1, 5)}
                _say("begin " + json.dumps(op))
                set_answer(db, person.id, qid, op["score"], "paper")
                _say("done " + json.dumps(op))
        else:  # a whole row at once
            scores = {qid: rng.randint(1, 5) for qid in QIDS}
            op = {"op": "row", "name": name, "scores": scores}
            _say("begin " + json.dumps(op))
            set_answers(db, person.id, scores, "paper")
            _say("done " + json.dumps(op))


def _commitments(db: Any, rng: random.Random, wid: int, round_no: int) -> None:
    from workshop.commitments import add_commitment, delete_commitment, list_commitments, update_commitment

    ids = {c.what: c.id for c in list_commitments(db, wid)}
    for k in range(10_000):
        roll = rng.random()
        if roll < 0.4 or not ids:
            what = f"commitment-{round_no}-{k}"
            op: dict[str, Any] = {"op": "c_add", "what": what}
            _say("begin " + json.dumps(op))
            info, _ = add_commitment(db, wid, what, owner="Ann", due_date="2026-09-01")
            ids[what] = info.id
            _say("done " + json.dumps(op))
        elif roll < 0.9:
            what = rng.choice(sorted(ids))
            status = rng.choice(("open", "done", "dropped"))
            measure = f"measure {rng.randint(0, 10**6)}"
            op = {"op": "c_edit", "what": what, "status": status, "measure": measure}
            _say("begin " + json.dumps(op))
            update_commitment(db, ids[what], status=status, success_measure=measure)
            _say("done " + json.dumps(op))
        else:
            what = rng.choice(sorted(ids))
            op = {"op": "c_delete", "what": what}
            _say("begin " + json.dumps(op))
            delete_commitment(db, ids.pop(what))
            _say("done " + json.dumps(op))


def _backups(db: Any, rng: random.Random, people: dict[str, int], plant: int = 0) -> None:
    from workshop.participants import set_answer
    from workshop.storage.backup import backup_now

    names = sorted(people)
    while True:
        if plant:
            _plant_old_backups(db.path, rng, plant)
        name, qid, score = rng.choice(names), rng.choice(QIDS), rng.randint(1, 5)
        op = {"op": "answer", "name": name, "qid": qid, "score": score}
        _say("begin " + json.dumps(op))
        set_answer(db, people[name], qid, score, "kiosk")
        _say("done " + json.dumps(op))
        _say("phase backup")  # copying, checking, rotating
        backup_now(db, "start")
        _say("phase idle")


def _plant_old_backups(db_path: Path, rng: random.Random, count: int) -> None:
    """Copies of the newest backup under names months old, which rotation must delete."""
    import datetime as dt
    import shutil

    from workshop.storage.backup import backups_folder, list_backups

    listed = [b for b in list_backups(db_path) if b.kind == "start"]
    if not listed:
        return
    for _ in range(count):
        when = dt.datetime.now() - dt.timedelta(days=rng.randint(70, 400), seconds=rng.randint(0, 86399))
        dest = backups_folder(db_path) / f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-start-old{rng.randint(0, 10**6)}.db"
        part = dest.with_name(dest.name + ".plant")  # renamed whole, so a kill never leaves half a copy
        shutil.copyfile(listed[0].path, part)
        os.replace(part, dest)


def _csv_rows(csv_path: Path) -> list[list[Any]]:
    rows = []
    for line in csv_path.read_text(encoding="utf-8").splitlines()[1:]:
        name, function, *scores = line.split(",")
        rows.append([name, function, [int(s) for s in scores]])
    return rows


# ------------------------------------------------------------------ the parent

@dataclass
class State:
    """What the database holds that the child can change, by stable keys."""

    participants: dict[str, str] = field(default_factory=dict)  # name → function
    answers: dict[tuple[str, str], int] = field(default_factory=dict)  # (name, qid) → score
    commitments: dict[str, tuple[str, str]] = field(default_factory=dict)  # what → (status, measure)

    def copy(self) -> State:
        return State(dict(self.participants), dict(self.answers), dict(self.commitments))

    def apply(self, op: dict[str, Any]) -> State:
        new = self.copy()
        kind = op["op"]
        if kind == "answer":
            key = (op["name"], op["qid"])
            if op["score"] is None:
                new.answers.pop(key, None)
            else:
                new.answers[key] = op["score"]
        elif kind == "add":
            new.participants[op["name"]] = op["function"]
        elif kind == "row":
            for qid, score in op["scores"].items():
                new.answers[(op["name"], qid)] = score
        elif kind == "import":
            for name, function, scores in op["rows"]:
                new.participants[name] = function
                for qid, score in zip(QIDS, scores, strict=True):
                    new.answers[(name, qid)] = score
        elif kind == "c_add":
            new.commitments[op["what"]] = ("open", "")
        elif kind == "c_edit":
            new.commitments[op["what"]] = (op["status"], op["measure"])
        elif kind == "c_delete":
            new.commitments.pop(op["what"], None)
        return new

    def __eq__(self, other: object) -> bool:
        return isinstance(other, State) and (self.participants, self.answers, self.commitments) == (
            other.participants, other.answers, other.commitments)


def read_state(db_path: Path, wid: int) -> tuple[State, list[str]]:
    """Open the database the app's way and read its state; problems found on the way."""
    from workshop.storage.db import open_database

    problems = []
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            check = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                problems.append(f"integrity_check: {check[:3]}")
            if conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append("foreign_key_check found orphans")
            state = State()
            for name, function in conn.exec_driver_sql(
                "SELECT name, function FROM participants WHERE workshop_id = ?", (wid,)
            ):
                state.participants[name] = function
            for name, qid, score in conn.exec_driver_sql(
                "SELECT p.name, a.statement_id, a.score FROM answers a JOIN participants p ON p.id = a.participant_id "
                "WHERE p.workshop_id = ?", (wid,)
            ):
                state.answers[(name, qid)] = score
            for what, status, measure in conn.exec_driver_sql(
                "SELECT what, status, success_measure FROM commitments WHERE workshop_id = ?", (wid,)
            ):
                state.commitments[what] = (status, measure)
    finally:
        db.close()
    return state, problems


def newest_good(db_path: Path) -> Any:
    """The newest backup that passes integrity_check, checked here independently of the app."""
    from workshop.storage.backup import SET_ASIDE, list_backups

    for info in list_backups(db_path):
        if info.kind in SET_ASIDE:
            continue
        try:
            with sqlite3.connect(f"{info.path.as_uri()}?immutable=1", uri=True) as conn:
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()
        except sqlite3.Error:
            ok = False
        if ok:
            return info
    return None


def check_backups(db_path: Path) -> list[str]:
    from workshop.storage.backup import SET_ASIDE, list_backups

    problems = []
    for info in list_backups(db_path):
        if info.kind in SET_ASIDE:  # copies of a file as found, not backups
            continue
        try:
            with sqlite3.connect(f"{info.path.as_uri()}?mode=ro", uri=True) as conn:
                if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    problems.append(f"backup {info.path.name} is damaged")
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
            conn.close()
        except sqlite3.Error as exc:
            problems.append(f"backup {info.path.name}: {exc}")
    return problems


def tidy(db_path: Path, wid: int, state: State) -> State:
    """Keep the database small between rounds: drop what imports and grid rows added."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM participants WHERE workshop_id = ? AND name NOT LIKE 'kiosk-%'", (wid,))
    conn.close()
    return State(
        {n: f for n, f in state.participants.items() if n.startswith("kiosk-")},
        {k: v for k, v in state.answers.items() if k[0].startswith("kiosk-")},
        dict(state.commitments),
    )


@dataclass
class Outcome:
    kills: int = 0
    failures: list[str] = field(default_factory=list)
    by_mode: Counter = field(default_factory=Counter)
    in_flight: Counter = field(default_factory=Counter)  # kills that hit a write between begin and done
    landed: Counter = field(default_factory=Counter)  # of those, writes found committed after the kill
    imports: Counter = field(default_factory=Counter)  # "whole", "absent"
    done_writes: int = 0
    in_backup: int = 0  # kills while a backup was copied, checked or rotated
    lost_good: int = 0  # kills after which the newest good backup (or a newer one) was gone
    backups_deleted: int = 0  # old backups rotation deleted, over all rounds
    startup: int = 0  # kills before the child was ready to write
    seconds: float = 0.0


def one_round(db_path: Path, wid: int, mode: str, round_no: int, delay: float, seed: int, csv_path: Path,
              before: State, out: Outcome, at_startup: bool = False) -> State:
    good_before = newest_good(db_path)
    listed_before = _listed(db_path)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(read_fd)
            os.dup2(write_fd, 1)
            child(db_path, mode, seed, round_no, csv_path, wid)
        except BaseException as exc:  # noqa: BLE001 - a crash of the child is a failure
            try:
                _say(f"crash {json.dumps(repr(exc))}")
            finally:
                os._exit(4)
        os._exit(0)
    os.close(write_fd)
    chunks = []
    # At start-up: the delay counts from the fork. Otherwise from the child's "ready".
    deadline = time.monotonic() + (delay if at_startup else 10.0)
    waiting_for_ready = not at_startup
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([read_fd], [], [], left)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            if waiting_for_ready and b"ready\n" in b"".join(chunks):
                waiting_for_ready = False
                deadline = time.monotonic() + delay
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    out.kills += 1
    out.by_mode[mode] += 1
    out.startup += b"ready\n" not in b"".join(chunks)

    done_ops, in_flight, phase = [], None, "idle"
    for line in b"".join(chunks).decode("utf-8").splitlines():
        word, _, rest = line.partition(" ")
        if word == "begin":
            in_flight = json.loads(rest)
        elif word == "done":
            done_ops.append(json.loads(rest))
            in_flight = None
        elif word == "phase":
            phase = rest
        elif word in ("lockfail", "crash"):
            out.failures.append(f"round {round_no} ({mode}): child {word}: {json.loads(rest)}")
    out.done_writes += len(done_ops)
    out.in_backup += phase == "backup"

    expected = before
    for op in done_ops:
        expected = expected.apply(op)
    actual, problems = read_state(db_path, wid)
    if mode in ("backup", "rotation"):
        problems += check_backups(db_path)
    good_after = newest_good(db_path)
    if good_before is not None and (good_after is None or good_after.created < good_before.created):
        out.lost_good += 1
        problems.append(f"the newest good backup {good_before.path.name} is gone and no newer good one exists")
    out.backups_deleted += len(listed_before - _listed(db_path))
    for problem in problems:
        out.failures.append(f"round {round_no} ({mode}): {problem}")
    if actual == expected:
        landed = False
    elif in_flight is not None and actual == expected.apply(in_flight):
        landed = True
    else:
        out.failures.append(f"round {round_no} ({mode}): the database does not match the reported writes "
                            f"({_difference(expected, actual)})")
        return actual
    if in_flight is not None:
        out.in_flight[mode] += 1
        out.landed[mode] += landed
    if mode == "import":
        imported = any(op["op"] == "import" for op in done_ops) or (
            landed and in_flight is not None and in_flight["op"] == "import")
        out.imports["whole" if imported else "absent"] += 1
    return actual


def _listed(db_path: Path) -> set[Path]:
    from workshop.storage.backup import list_backups

    return {b.path for b in list_backups(db_path)}


def _difference(expected: State, actual: State) -> str:
    parts = []
    for name in ("participants", "answers", "commitments"):
        a, b = getattr(expected, name), getattr(actual, name)
        missing = [k for k in a if k not in b or a[k] != b[k]]
        extra = [k for k in b if k not in a]
        if missing or extra:
            parts.append(f"{name}: {len(missing)} missing or different, {len(extra)} unexpected "
                         f"(e.g. {(missing or extra)[:2]})")
    return "; ".join(parts)


def setup(folder: Path, import_rows: int = IMPORT_ROWS) -> tuple[Path, int, Path]:
    from workshop.participants import add_participant
    from workshop.storage.db import open_database
    from workshop.workshops import create_workshop

    db_path = folder / "workshop.db"
    db = open_database(db_path)
    w = create_workshop(db, "Kill test", "Offsite", "2026-05-04", language="en")
    for i in range(KIOSK_PEOPLE):
        add_participant(db, w.id, f"kiosk-{i:02d}", ("sales", "marketing", "leadership", "other")[i % 4])
    db.close()
    csv_path = folder / "large.csv"
    rng = random.Random(7)
    lines = ["name,function," + ",".join(QIDS)]
    for i in range(import_rows):
        lines.append(f"import-{i:04d},{rng.choice(('sales', 'marketing'))},"
                     + ",".join(str(rng.randint(1, 5)) for _ in QIDS))
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return db_path, w.id, csv_path


def measure_import(db_path: Path, wid: int, csv_path: Path) -> float:
    """Seconds from fork to a committed import, measured once without a kill."""
    from workshop.importing import import_responses
    from workshop.storage.db import open_database

    start = time.monotonic()
    db = open_database(db_path)
    import_responses(db, wid, csv_path)
    seconds = time.monotonic() - start
    db.close()
    return seconds


def run(kills: int = 300, seed: int | None = None, folder: Path | None = None, log: Any = print,
        import_rows: int = IMPORT_ROWS) -> Outcome:
    seed = random.randrange(10**6) if seed is None else seed
    rng = random.Random(seed)
    out = Outcome()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kill-test-") as scratch:
        base = Path(folder or scratch)
        base.mkdir(parents=True, exist_ok=True)
        db_path, wid, csv_path = setup(base, import_rows)
        within = dict(KILL_WITHIN, **{"import": 2.0 * measure_import(db_path, wid, csv_path) + 0.1})
        state, problems = read_state(db_path, wid)
        state = tidy(db_path, wid, state)
        log(f"seed {seed}; database {db_path}; an import of {import_rows} rows takes "
            f"{(within['import'] - 0.1) / 2.0:.2f} s")
        for round_no in range(kills):
            mode = MODES[round_no % len(MODES)]
            at_startup = rng.random() < STARTUP_SHARE
            delay = rng.uniform(0.0, STARTUP_WITHIN if at_startup else within[mode])
            state = one_round(db_path, wid, mode, round_no, delay, rng.randrange(10**9), csv_path, state, out,
                              at_startup)
            if mode in ("import", "grid"):
                state = tidy(db_path, wid, state)
    out.seconds = time.monotonic() - started
    return out


def report(out: Outcome, log: Any = print) -> None:
    for mode in MODES:
        extra = f", imports whole {out.imports['whole']} / absent {out.imports['absent']}" if mode == "import" else ""
        log(f"  {mode:<12} kills {out.by_mode[mode]:>4}, mid-write {out.in_flight[mode]:>4} "
            f"(of which committed {out.landed[mode]}){extra}")
    log(f"  kills during start-up (lock, open, checks): {out.startup}")
    log(f"  writes reported committed and verified: {out.done_writes}")
    log(f"  kills while a backup was copied, checked or rotated: {out.in_backup}")
    log(f"  old backups deleted by rotation: {out.backups_deleted}; good backups lost: {out.lost_good}")
    for failure in out.failures[:20]:
        log(f"  FAILURE {failure}")
    log(f"kills: {out.kills}, failures: {len(out.failures)} ({out.seconds:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    if not hasattr(os, "fork"):
        print("The kill test needs fork and SIGKILL (Linux or macOS).")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--import-rows", type=int, default=IMPORT_ROWS, help="rows of the large CSV import")
    parser.add_argument("--folder", type=Path, help="keep the database here (default: a temporary folder)")
    args = parser.parse_args(argv)
    out = run(args.kills, args.seed, args.folder, import_rows=args.import_rows)
    report(out)
    return 1 if out.failures else 0


if __name__ == "__main__":
    sys.exit(main())
