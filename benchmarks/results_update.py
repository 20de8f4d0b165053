"""Benchmark: recompute and redraw the reveal dashboard after one new answer.

A workshop of 60 participants is revealed on a Reveal page (offscreen Qt, 1400×900): 54
have answered everything, 6 are still scoring. Each round stores one answer and then
times what the page does when the change bus reports it: recompute the results from the
database, update the four charts and the prompts, and paint (``processEvents``).

- *new answer* (the target): the next answer of someone still scoring; every tenth one
  completes a participant, which moves the gauge and the spread of totals too;
- *changed answer* (worst case): a participant who had finished changes an answer, so
  every chart moves.

For comparison it also times the naive way in the same run: building and drawing the
four figures from scratch.

    python benchmarks/results_update.py [--rounds 60]

Target: median ≤ 50 ms on the development machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 50.0
MIX = {"sales": 24, "marketing": 22, "leadership": 8, "other": 6}
IN_PROGRESS = 6


def build_workshop(db) -> int:
    from workshop.instrument import default_instrument
    from workshop.participants import add_participant, set_answers
    from workshop.workshops import create_workshop, set_revealed

    rng = random.Random(60)
    ids = default_instrument().statement_ids
    info = create_workshop(db, "Benchmark BV", "Sixty people", "2025-03-01", language="en")
    base = {"sales": 2.5, "marketing": 3.6, "leadership": 3.2, "other": 3.0}
    scoring = []
    for function, n in MIX.items():
        for i in range(n):
            person, _c = add_participant(db, info.id, f"{function} {i}", function)
            # Every ninth participant is still scoring: half their statements are open.
            still = len(scoring) < IN_PROGRESS and i % 9 == 4
            answered = ids[: len(ids) // 2] if still else ids
            set_answers(db, person.id, {q: max(1, min(5, round(base[function] + rng.gauss(0, 0.9))))
                                        for q in answered}, "paper")
            if still:
                scoring.append(person.id)
    set_revealed(db, info.id, True)
    return info.id, scoring


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ui.context import AppContext
    from ui.steps.reveal import RevealPage
    from workshop.instrument import default_instrument
    from workshop.participants import list_participants, set_answer
    from workshop.storage.db import open_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        wid, scoring = build_workshop(db)
        ctx = AppContext(db)
        page = RevealPage(ctx, wid)
        page.resize(1400, 900)
        page.show()
        for _ in range(10):
            app.processEvents()
        # Stop the page's own refresh on the bus: the rounds below call it directly to time it.
        ctx.bus.changed.disconnect(page._on_changes)

        rng = random.Random(1)
        qids = default_instrument().statement_ids
        people = list_participants(db, wid)
        finished = [p.id for p in people if p.id not in scoring]
        open_answers = [(pid, q) for q in qids for pid in scoring
                        if q not in next(p for p in people if p.id == pid).answers]

        def timed(pid: int, qid: str) -> tuple[float, float]:
            t0 = time.perf_counter()
            set_answer(db, pid, qid, rng.randint(1, 5), "kiosk", workshop_id=wid)
            t1 = time.perf_counter()
            page.refresh_now()
            app.processEvents()
            return (t1 - t0) * 1000, (time.perf_counter() - t1) * 1000

        new = [timed(pid, qid) for pid, qid in open_answers[: args.rounds]]
        changed = [timed(rng.choice(finished), rng.choice(qids)) for _ in range(args.rounds)]
        store = [s for s, _u in new + changed]
        update = [u for _s, u in new]
        worst = [u for _s, u in changed]

        naive = []
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from workshop.charts import stage_gauge, statement_gaps, theme_profile, totals_distribution
        from workshop.results import compute

        for _ in range(5):
            t0 = time.perf_counter()
            results = compute(db, wid)
            for chart in (stage_gauge, statement_gaps, totals_distribution, theme_profile):
                FigureCanvasAgg(chart(results, "en")).draw()
            naive.append((time.perf_counter() - t0) * 1000)
        page.close()
        db.close()

    median = statistics.median(update)
    print(f"participants: {sum(MIX.values())} ({IN_PROGRESS} still scoring), rounds: {len(update)} + {len(worst)}")
    print(f"store one answer (service call): median {statistics.median(store):.1f} ms")
    print(f"new answer → recompute + redraw the dashboard: median {median:.1f} ms, "
          f"p90 {statistics.quantiles(update, n=10)[-1]:.1f} ms "
          f"(target ≤ {TARGET_MS:.0f} ms: {'met' if median <= TARGET_MS else 'NOT met'})")
    print(f"changed answer of a finished participant (every chart moves): median {statistics.median(worst):.1f} ms, "
          f"p90 {statistics.quantiles(worst, n=10)[-1]:.1f} ms")
    print(f"for comparison, rebuilding and drawing the four figures: median {statistics.median(naive):.0f} ms")
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
