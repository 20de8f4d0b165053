"""Run the surfaces on one generated workshop and collect every finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.disclosure.cases import Case
from tests.disclosure.prover import findings
from tests.disclosure.surfaces import SURFACES, Published, explained, store, unexplained


def check_case(db: Any, case: Case, tmp: Path, surfaces: list[str] | None = None,
               lang: str = "en") -> tuple[list[str], list[Published]]:
    """Findings (empty when nothing gives anybody away) and what each surface published.

    ``surfaces``: names to run; by default every registered one that needs no QApplication."""
    from workshop.results import compute
    from workshop.results_json import results_json

    workshop_id = store(db, case, lang)
    data = results_json(db, workshop_id)
    computed = compute(db, workshop_id)
    chosen = ([SURFACES[name] for name in surfaces] if surfaces is not None
              else [s for s in SURFACES.values() if not s.qt])
    published: list[Published] = []
    for surface in chosen:
        published += surface.produce(db, workshop_id, case, tmp)
    facts = [fact for p in published for fact in p.facts]
    out = [f"{case.label}: {line}" for line in findings(case, facts)]
    for p in published:
        if p.text:
            out += [f"{case.label}: {line}" for line in unexplained(p, explained(case, data, computed, p.reader))]
    return out, published
