"""Published figures as facts with an exact meaning.

The results JSON is the machine-readable face of every surface: each key says which
figure it is. A figure is read as the sum (mean × n) of a set of answers, as individual
values released (lowest, highest, median, a spread, dots), or as counts per bin. Which
answers a mean covers (everybody's answers, or only those of participants who answered
every statement) is recognised from its exact value; a value that fits no reading is
reported, because then some surface publishes a figure nobody has defined.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.disclosure.cases import QIDS, Case

Cell = tuple[int, str]  # (person, statement)


@dataclass(frozen=True)
class Linear:
    """The sum of these answers is known."""

    cells: frozenset[Cell]
    label: str


@dataclass(frozen=True)
class Values:
    """Individual values of members of ``people`` are released (``over``: "total" or a statement)."""

    people: frozenset[int]
    kind: str  # min, max, median, spread, dots
    over: str
    value: float | None
    label: str


@dataclass(frozen=True)
class Bins:
    """How many of ``people`` have a total in each [low, high) interval."""

    people: frozenset[int]
    bins: tuple[tuple[float, float, int], ...]
    label: str


Fact = Linear | Values | Bins


class Uninterpretable(AssertionError):
    pass


def _cells(case: Case, people: list[int], qids: tuple[str, ...] = QIDS) -> frozenset[Cell]:
    return frozenset((i, q) for i in people for q in qids if q in case.people[i].answers)


def _sum(case: Case, cells: frozenset[Cell]) -> int:
    return sum(case.people[i].answers[q] for i, q in cells)


def _mean_fact(case: Case, value: float, bases: list[list[int]], qids: tuple[str, ...], label: str) -> Linear:
    """The reading of a published mean whose exact value fits; complete-only first."""
    for people in bases:
        cells = _cells(case, people, qids)
        if not cells:
            continue
        count = len(people) if qids == QIDS else len(cells)
        if abs(_sum(case, cells) / count - value) < 1e-9:
            return Linear(cells, label)
    raise Uninterpretable(f"{label} = {value} is no mean of the answers it could cover")


def json_facts(case: Case, data: dict[str, Any]) -> list[Fact]:
    """Every fact the scores of a results JSON publish."""
    complete = case.complete
    facts: list[Fact] = []
    total = data.get("total")
    if total:
        if total.get("mean") is not None:
            facts.append(_mean_fact(case, total["mean"], [complete], QIDS, "total.mean"))
        for kind in ("min", "max", "median"):
            if total.get(kind) is not None:
                facts.append(Values(frozenset(complete), kind, "total", total[kind], f"total.{kind}"))
    for function, summary in (data.get("by_function") or {}).items():
        if summary and summary.get("mean") is not None:
            own = [i for i in complete if case.people[i].function == function]
            facts.append(_mean_fact(case, summary["mean"], [own], QIDS, f"by_function.{function}.mean"))
    for s in data.get("statements") or []:
        q = s["id"]
        answered = [i for i, p in enumerate(case.people) if q in p.answers]
        done = [i for i in answered if case.people[i].complete]
        if s.get("mean") is not None:
            fact = _mean_fact(case, s["mean"], [done, answered], (q,), f"statements.{q}.mean")
            facts.append(fact)
            if s.get("stdev") is not None:
                people = frozenset(i for i, _q in fact.cells)
                facts.append(Values(people, "spread", q, s["stdev"], f"statements.{q}.stdev"))
        elif s.get("stdev") is not None:
            facts.append(Values(frozenset(answered), "spread", q, s["stdev"], f"statements.{q}.stdev"))
        for side in ("sales", "marketing"):
            value = s.get(f"{side}_mean")
            if value is not None:
                bases = [[i for i in done if case.people[i].function == side],
                         [i for i in answered if case.people[i].function == side]]
                facts.append(_mean_fact(case, value, bases, (q,), f"statements.{q}.{side}_mean"))
    return facts


def dots_fact(case: Case, people: list[int], label: str) -> Values:
    return Values(frozenset(people), "dots", "total", None, label)
