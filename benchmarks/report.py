"""Benchmark: the facilitator report plus personal handouts for a 40-participant workshop.

Measured against a floor taken in the same run: a fresh Python process that only imports
``sqlalchemy.orm``, ``matplotlib.pyplot`` and ``reportlab.platypus``. The work runs in a
fresh process too (imports included), as a user's ``workshop report`` would.

    python benchmarks/report.py [--runs N]

Prints the floor, the time for both PDFs, their ratio (target: at most 2.0) and the peak
memory of the report process (target: under 300 MB). Then the deck of the same workshop
against its own floor, a process that imports python-pptx and writes one blank slide
(target: at most 3.0, under 300 MB). Also timed: that floor with ``import sqlalchemy.orm``
added, the least any deck read from the database can cost (the database is reached only
through SQLAlchemy), to show how much of the deck's ratio is that import and how much is
the deck's own work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = "import sqlalchemy.orm, matplotlib.pyplot, reportlab.platypus"
WORK = """
import json, resource, sys
from workshop.storage.db import open_database
from workshop.report import make_report
db = open_database(sys.argv[1])
wid = int(sys.argv[2])
make_report(db, wid, "facilitator", sys.argv[3] + "/facilitator.pdf")
make_report(db, wid, "handouts", sys.argv[3] + "/handouts.pdf", personal=True)
print(json.dumps({"peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""
DECK_FLOOR = """
import sys
from pptx import Presentation
deck = Presentation()
deck.slides.add_slide(deck.slide_layouts[6])
deck.save(sys.argv[1] + "/blank.pptx")
"""
DECK_BOUND = "import sqlalchemy.orm\n" + DECK_FLOOR
DECK_WORK = """
import json, resource, sys
from workshop.storage.db import open_database
from workshop.report import make_report
db = open_database(sys.argv[1])
make_report(db, int(sys.argv[2]), "deck", sys.argv[3] + "/deck.pptx")
print(json.dumps({"peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""
FUNCTIONS = ["sales"] * 16 + ["marketing"] * 14 + ["leadership"] * 6 + ["other"] * 4


def make_workshop(path: Path) -> int:
    from workshop.instrument import default_instrument
    from workshop.storage.db import open_database
    from workshop.storage.models import Answer, Commitment, Decision, FunnelOwner, Participant, PracticeReview
    from workshop.workshops import create_workshop

    db = open_database(path)
    rng = random.Random(40)
    instrument = default_instrument()
    w = create_workshop(db, "Benchmark Manufacturing BV", "Sales & Marketing offsite", dt.date(2025, 5, 20),
                        language="nl", place="Utrecht", facilitator="A. Consultant",
                        next_review=dt.date(2025, 9, 20))
    with db.session() as session:
        for i, function in enumerate(FUNCTIONS, start=1):
            person = Participant(workshop_id=w.id, name=f"Deelnemer {i:02d} Van den Berg", function=function,
                                 position=i)
            session.add(person)
            session.flush()
            base = {"sales": 2.6, "marketing": 3.1, "leadership": 3.4, "other": 2.9}[function]
            for qid in instrument.statement_ids:
                score = max(1, min(5, round(base + rng.gauss(0, 0.9))))
                session.add(Answer(participant_id=person.id, statement_id=qid, score=score, source="paper"))
        for i in range(1, 11):
            session.add(Commitment(
                workshop_id=w.id, what=f"Afspraak {i}: gezamenlijk overleg over leads en pijplijn, elke maand",
                owner=f"Deelnemer {i:02d} Van den Berg", function=FUNCTIONS[i], due_date=dt.date(2025, 6, i + 1),
                success_measure="Verslag gedeeld met beide teams", position=i))
        session.add(Decision(workshop_id=w.id, current_stage="defined", choice="move", target_stage="aligned",
                             ticked=["defined-move-gaps"], note="Samen verder."))
        for practice in instrument.practices_between("defined", "aligned"):
            session.add(PracticeReview(workshop_id=w.id, practice_id=practice.id, status="partly", note=""))
        for stage in instrument.funnel.buying_stages:
            session.add(FunnelOwner(workshop_id=w.id, stage_id=stage.id, owner="shared", note=""))
    db.close()
    return w.id


# An installed app has its bytecode compiled (pip does it), as the floor's libraries have;
# let the work cache it too rather than compile every module of the app in every run.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=ENV)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr}")
    return elapsed, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.db"
        wid = make_workshop(db_path)
        # warm the file cache and the bytecode cache for all four
        timed([sys.executable, "-c", FLOOR])
        timed([sys.executable, "-c", WORK, str(db_path), str(wid), folder])
        timed([sys.executable, "-c", DECK_FLOOR, folder])
        timed([sys.executable, "-c", DECK_BOUND, folder])
        timed([sys.executable, "-c", DECK_WORK, str(db_path), str(wid), folder])
        floors, works, peaks = [], [], []
        deck_floors, deck_bounds, decks, deck_peaks = [], [], [], []
        for _ in range(runs):
            floors.append(timed([sys.executable, "-c", FLOOR])[0])
            elapsed, out = timed([sys.executable, "-c", WORK, str(db_path), str(wid), folder])
            works.append(elapsed)
            peaks.append(json.loads(out.strip().splitlines()[-1])["peak_kb"] / 1024)
            deck_floors.append(timed([sys.executable, "-c", DECK_FLOOR, folder])[0])
            deck_bounds.append(timed([sys.executable, "-c", DECK_BOUND, folder])[0])
            elapsed, out = timed([sys.executable, "-c", DECK_WORK, str(db_path), str(wid), folder])
            decks.append(elapsed)
            deck_peaks.append(json.loads(out.strip().splitlines()[-1])["peak_kb"] / 1024)
        pages = {}
        for name in ("facilitator", "handouts"):
            info = subprocess.run(["pdfinfo", str(Path(folder) / f"{name}.pdf")], capture_output=True, text=True)
            pages[name] = next((line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages")),
                               "?")
    floor, work = statistics.median(floors), statistics.median(works)
    ratio = work / floor
    print(f"participants: {len(FUNCTIONS)}, commitments: 10, runs: {runs}")
    print(f"pages: facilitator {pages['facilitator']}, handouts {pages['handouts']}")
    print(f"floor (import sqlalchemy.orm, matplotlib.pyplot, reportlab.platypus): {floor:.3f} s")
    print(f"facilitator report + 40 personal handouts: {work:.3f} s")
    print(f"ratio: {ratio:.2f}x (target <= 2.0)  {'OK' if ratio <= 2.0 else 'OVER'}")
    print(f"peak memory: {max(peaks):.0f} MB (target < 300)  {'OK' if max(peaks) < 300 else 'OVER'}")
    deck_floor, deck = statistics.median(deck_floors), statistics.median(decks)
    deck_ratio = deck / deck_floor
    print(f"deck floor (import python-pptx, write one blank slide): {deck_floor:.3f} s")
    bound = statistics.median(deck_bounds)
    print(f"deck floor + import sqlalchemy.orm (the least a deck from the database costs): {bound:.3f} s, "
          f"{bound / deck_floor:.2f}x the deck floor; the deck is {deck / bound:.2f}x this")
    print(f"deck: {deck:.3f} s, ratio {deck_ratio:.2f}x (target <= 3.0)  {'OK' if deck_ratio <= 3.0 else 'OVER'}")
    print(f"deck peak memory: {max(deck_peaks):.0f} MB (target < 300)  {'OK' if max(deck_peaks) < 300 else 'OVER'}")


if __name__ == "__main__":
    main()
