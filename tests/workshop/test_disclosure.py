"""No surface lets a participant who knows their own answers work out anyone else's.

Two runs of the checker (``tests.disclosure``):

- **Every generated workshop** (sizes 1–12, every mix of the four functions, minimum 3
  and 5, one in three with an unfinished questionnaire): the scores of the results JSON
  and the spread chart's rows, proved safe for every reader. Sizes 1–8 run every mix;
  9–12 one mix in four, unless ``DISCLOSURE_FULL=1`` (then all 3,638 workshops).
- **Representative workshops** (``cases.REPRESENTATIVE``: the edges of each rule) on every
  registered surface: the results JSON and text, every PDF kind read with pdftotext
  (facilitator report, handouts, each personal handout read by its own participant,
  questionnaires), the spread chart, the deck once it exists, and (in tests/ui) the
  presenter's and the facilitator's dashboards. Their numbers must all be published by
  the JSON, whose facts are proved.

And the checker must be able to fail: fed the results without the rule, it finds the leaks.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from tests.disclosure.cases import QIDS, Case, Person, all_cases, make_case, representative
from tests.disclosure.check import check_case
from tests.disclosure.facts import Values, json_facts
from tests.disclosure.prover import findings
from tests.disclosure.surfaces import SURFACES, Published, chart_facts, unexplained
from workshop import scoring
from workshop.results import from_results
from workshop.results_json import scores_json
from workshop.workshops import WorkshopInfo

FULL = os.environ.get("DISCLOSURE_FULL") == "1"
PDF_SURFACES = ("facilitator report", "handouts", "personal handouts", "questionnaires")


def computed_for(case: Case):  # noqa: ANN201
    info = WorkshopInfo(id=1, client_id=1, client="Acme", title="Offsite", date=dt.date(2026, 3, 7),
                        min_group_size=case.min_group)
    responses = [scoring.Response(p.function, dict(p.answers)) for p in case.people]
    return from_results(info, scoring.score(responses, QIDS, case.min_group))


def sweep() -> list[Case]:
    cases = []
    for number, case in enumerate(all_cases(range(1, 13))):
        if FULL or len(case.people) <= 8 or number % 4 == 0:
            cases.append(case)
    return cases


def test_every_generated_workshop_publishes_nothing_that_gives_anyone_away() -> None:
    cases = sweep()
    failures = []
    for case in cases:
        computed = computed_for(case)
        facts = json_facts(case, scores_json(computed)) + chart_facts(case, computed)
        failures += [f"{case.label}: {line}" for line in findings(case, facts)]
    assert len(cases) >= 1500 or not FULL
    assert not failures, f"{len(failures)} findings, e.g.\n" + "\n".join(failures[:25])


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("case", representative(), ids=lambda c: c.label.replace(" ", "-"))
def test_every_surface_of_a_representative_workshop(db, tmp_path: Path, case: Case) -> None:  # noqa: ANN001
    found, published = check_case(db, case, tmp_path)
    surfaces = {p.surface for p in published}
    for name in ("results JSON", "results text", "spread chart", "facilitator report", "handouts"):
        assert name in surfaces
    assert sum(1 for p in published if p.reader is not None) == len(case.people)  # each personal copy
    assert not found, "\n".join(found)


def test_every_kind_of_printed_result_is_a_surface() -> None:
    from workshop.report.build import KINDS

    for kind in KINDS:
        assert ("deck" if kind == "deck" else f"{kind} report" if kind not in (
            "handouts", "questionnaires") else kind) in SURFACES


# -- the checker can fail ----------------------------------------------------------------------
def unprotected(case: Case) -> dict:
    """The scores as the JSON printed them before the rule: every figure scoring computes."""
    responses = [scoring.Response(p.function, dict(p.answers)) for p in case.people]
    raw = scoring.score(responses, QIDS, case.min_group)
    statements = [scoring.summarise_statement(q, responses, case.min_group) for q in QIDS]  # every answer
    return {"total": asdict(raw.total) if raw.total else None,
            "by_function": {k: asdict(v) if v else None for k, v in raw.by_function.items()},
            "statements": [asdict(s) for s in statements]}


def person(function: str, total: int) -> Person:
    """Twenty answers adding up to ``total``."""
    answers, left = {}, total
    for k, q in enumerate(QIDS):
        rest = len(QIDS) - k - 1
        value = max(1, min(5, left - rest))
        answers[q] = value
        left -= value
    assert sum(answers.values()) == total
    return Person(function, answers)


def test_two_participants_can_each_work_out_the_other() -> None:
    case = Case((person("sales", 60), person("marketing", 77)), 3)
    found = findings(case, json_facts(case, unprotected(case)))
    assert "participant 0 (sales) can work out the total of participant 1 (marketing)" in found
    assert any("total.min releases an individual value" in line for line in found)
    assert not findings(case, json_facts(case, scores_json(computed_for(case))))


def test_subtracting_the_shown_functions_gives_the_rest_away() -> None:
    # The example: Marketing's two totals 20 and 100, everyone else in between.
    case = Case(tuple([person("sales", t) for t in (45, 55, 62, 75)] + [person("marketing", 20),
                                                                          person("marketing", 100)]), 3)
    # The chart as it was: a dot per person, Sales in a row of its own.
    dots = Values(frozenset(range(4)), "dots", "total", None, "dots of sales")
    found = findings(case, json_facts(case, unprotected(case)) + [dots])
    assert "anyone can work out the summed answers of 2 people (marketing)" in found
    assert "participant 4 (marketing) can work out the total of participant 5 (marketing)" in found
    assert any(line.startswith("total.max releases") for line in found)
    computed = computed_for(case)
    assert not findings(case, json_facts(case, scores_json(computed)) + chart_facts(case, computed))


def test_a_dot_per_person_in_a_function_of_three_is_found() -> None:
    case = make_case((3, 3, 0, 0), 3, seed=5)
    dots = Values(frozenset(i for i in case.complete if case.people[i].function == "sales"), "dots", "total",
                  None, "dots of sales")
    assert any("dots of sales releases" in line for line in findings(case, [dots]))


def test_an_unfinished_questionnaire_is_found_by_subtraction() -> None:
    case = make_case((3, 3, 0, 0), 3, seed=9, partial=1)
    found = findings(case, json_facts(case, unprotected(case)))
    assert any("can work out participant 5 (marketing)'s answer to q01" in line
               or "the sum of the answers of participant 5" in line for line in found), found
    assert not findings(case, json_facts(case, scores_json(computed_for(case))))


def test_a_surface_printing_a_withheld_figure_is_caught() -> None:
    case = make_case((1, 1, 0, 0), 3, seed=3)
    data = scores_json(computed_for(case))
    assert data["total"] is None
    from tests.disclosure.surfaces import explained

    total = case.people[1].total
    page = Published("a careless page", f"Group 63.5 · lowest {total}")
    assert len(unexplained(page, explained(case, data))) == 2
    own = Published("own copy", f"You {case.people[0].total}", reader=0)
    assert not unexplained(own, explained(case, data, reader=0))
