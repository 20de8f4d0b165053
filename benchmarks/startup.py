"""Start-up time of the app against a floor measured in the same run.

    python benchmarks/startup.py [--runs 15] [--workshops 200] [--keep DIR]

Builds a database of 200 workshops (or ``--workshops N``) × 20 participants with complete
answers, then times,
in alternating order, fresh processes of

* the app: ``workshop --db X --exit-after-startup`` (quits once the main window is shown
  with the workshop list loaded), and
* the floor: a bare Python process that shows a plain PySide6 ``QWidget``, imports
  ``sqlalchemy.orm`` and runs one query on the same file, then quits.

It prints both medians and their ratio (target: at most 1.3). Qt runs offscreen unless
``--visible`` is given; each app run gets fresh, empty settings so that it opens on the list.
Bytecode caching is allowed (as in an installed app), so warm-up runs compile once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: wall-clock only
    resource = None  # type: ignore[assignment]

WORKSHOPS = 200
PARTICIPANTS = 20
TARGET = 1.3

# SQLAlchemy before PySide6, as the app loads it: once PySide6 is in, its import hook reads
# the source of every module imported after it, a cost the floor should not pay for nothing.
FLOOR = r"""
import sys
import sqlalchemy.orm
from sqlalchemy import create_engine, text
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1200, 780)
window.show()
engine = create_engine("sqlite:///" + sys.argv[1])
with sqlalchemy.orm.Session(engine) as session:
    session.execute(text("SELECT count(*) FROM workshops")).scalar()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def build_database(path: Path) -> None:
    from sqlalchemy import insert

    from workshop.instrument import default_instrument
    from workshop.storage.db import open_database
    from workshop.storage.models import Answer, Client, Participant, Workshop

    instrument = default_instrument()
    qids = instrument.statement_ids
    rng = random.Random(7)
    functions = ("sales", "marketing", "leadership", "other")
    db = open_database(path)
    with db.session() as session:
        clients = [Client(name=f"Client {n:03d}") for n in range(70)]
        session.add_all(clients)
        session.flush()
        workshops = []
        for n in range(WORKSHOPS):
            workshops.append(Workshop(
                client_id=clients[n % len(clients)].id, title=f"Offsite {n:03d}",
                date=dt.date(2024, 1, 1) + dt.timedelta(days=3 * n), language="nl" if n % 2 else "en",
                instrument_id=instrument.id, instrument_version=instrument.version,
            ))
        session.add_all(workshops)
        session.flush()
        people = [
            {"workshop_id": w.id, "name": f"Person {w.id}-{i}", "function": functions[i % 4], "position": i + 1}
            for w in workshops for i in range(PARTICIPANTS)
        ]
        session.execute(insert(Participant), people)
        ids = [pid for (pid,) in session.execute(Participant.__table__.select().with_only_columns(Participant.id))]
        session.execute(insert(Answer), [
            {"participant_id": pid, "statement_id": q, "score": rng.randint(1, 5), "source": "paper"}
            for pid in ids for q in qids
        ])
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def app_command() -> list[str]:
    script = Path(sys.executable).with_name("workshop")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from ui.launch import main; sys.exit(main())"]


def timed(command: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of one fresh process; its CPU seconds (user + system) go to ``cpu``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:2])} failed ({result.returncode}):\n{result.stderr}")
    if before is not None and cpu is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def main() -> int:
    global WORKSHOPS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each (default 15)")
    parser.add_argument("--visible", action="store_true", help="use the real display instead of offscreen")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database in this folder")
    parser.add_argument("--workshops", type=int, default=WORKSHOPS, help=f"workshops in the database ({WORKSHOPS})")
    args = parser.parse_args()
    WORKSHOPS = args.workshops

    folder = args.keep or Path(tempfile.mkdtemp(prefix="startup-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / f"bench-{WORKSHOPS}.db"
    if not db_path.exists():
        print(f"building {WORKSHOPS} workshops × {PARTICIPANTS} participants …", flush=True)
        build_database(db_path)
    home = folder / "home"

    def env() -> dict[str, str]:
        shutil.rmtree(home, ignore_errors=True)  # fresh settings: no remembered workshop to reopen
        home.mkdir()
        values = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                      XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
                      XDG_CACHE_HOME=str(home / "cache"), LANG="en_GB.UTF-8")
        # An installed app has its bytecode compiled (pip does it); let both sides cache it
        # rather than recompile every module on every run.
        values.pop("PYTHONDONTWRITEBYTECODE", None)
        if not args.visible:
            values["QT_QPA_PLATFORM"] = "offscreen"
        return values

    app = [*app_command(), "--db", str(db_path), "--exit-after-startup"]
    floor = [sys.executable, "-c", FLOOR, str(db_path)]
    load = _load()
    for _ in range(2):  # warm the file cache and Python's bytecode cache
        timed(app, env())
        timed(floor, env())
    app_times: list[float] = []
    floor_times: list[float] = []
    app_cpu: list[float] = []
    floor_cpu: list[float] = []
    for i in range(args.runs):
        pair = [(app, app_times, app_cpu), (floor, floor_times, floor_cpu)]
        if i % 2:
            pair.reverse()
        for command, times, cpu in pair:
            times.append(timed(command, env(), cpu))
    app_median = statistics.median(app_times)
    floor_median = statistics.median(floor_times)
    ratio = app_median / floor_median
    print(f"runs: {args.runs} of each, alternating; load average before: {load}")
    print(f"app   median {app_median * 1000:7.1f} ms  (min {min(app_times) * 1000:.1f})")
    print(f"floor median {floor_median * 1000:7.1f} ms  (min {min(floor_times) * 1000:.1f})")
    if app_cpu and floor_cpu:
        print(f"cpu time ratio (median user+system): {statistics.median(app_cpu) / statistics.median(floor_cpu):.2f}×;"
              f" min ratio: {min(app_times) / min(floor_times):.2f}×  (less sensitive to a busy machine)")
    print(f"ratio {ratio:.2f}× (target ≤ {TARGET}×) — {'OK' if ratio <= TARGET else 'TOO SLOW'}")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
