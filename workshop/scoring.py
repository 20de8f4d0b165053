"""Scoring: pure functions from answers to results. No I/O, no database.

Rules (see the README's "Results JSON"):
- a participant's total exists only when every statement is answered;
- the group's figures use complete totals only; its stage is the stage of the mean;
- a function's breakdown is hidden (None) when fewer complete participants than the
  minimum group size belong to it, so nobody can be singled out;
- per statement, the answers of complete participants count (a partial questionnaire
  could otherwise be worked out by subtracting the totals from the statements); the Sales
  and Marketing means are hidden when that function gave fewer answers than the minimum.

What any surface may show of these results is decided by ``workshop.privacy.publish``.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workshop.vocabulary import FUNCTIONS

DEFAULT_MIN_GROUP = 3

# Bands, lower bound inclusive (the instrument file carries the same bands with names).
BANDS: tuple[tuple[str, float], ...] = (
    ("undefined", 20),
    ("defined", 40),
    ("aligned", 60),
    ("integrated", 80),
)


@dataclass(frozen=True)
class Response:
    """One participant's answers as scoring sees them: no name, only the function."""

    function: str
    answers: Mapping[str, int]


@dataclass(frozen=True)
class TotalSummary:
    mean: float
    median: float | None  # None where privacy withholds individual values
    min: int | None
    max: int | None


@dataclass(frozen=True)
class FunctionSummary:
    n: int
    mean: float
    stage: str


@dataclass(frozen=True)
class StatementSummary:
    id: str
    n: int
    mean: float | None
    stdev: float | None
    sales_mean: float | None
    marketing_mean: float | None
    gap: float | None


@dataclass(frozen=True)
class ThemeScore:
    id: str
    n: int
    mean: float | None
    sales_mean: float | None
    marketing_mean: float | None


@dataclass(frozen=True)
class Results:
    participants: int
    complete: int
    total: TotalSummary | None
    stage: str | None
    by_function: dict[str, FunctionSummary | None]
    statements: list[StatementSummary]
    totals: list[tuple[str, int]] = field(default_factory=list)  # (function, total), complete only
    # Set by workshop.privacy.publish: the spread chart's bins and what was withheld.
    distribution: tuple[Any, ...] = ()
    withheld: Any = None


def stage_for(total: float) -> str:
    stage = BANDS[0][0]
    for name, lower in BANDS:
        if total >= lower:
            stage = name
    return stage


def participant_total(answers: Mapping[str, int], statement_ids: Sequence[str]) -> int | None:
    """The sum of all answers, or None while any statement is unanswered."""
    if any(answers.get(qid) is None for qid in statement_ids):
        return None
    return sum(answers[qid] for qid in statement_ids)


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def summarise_totals(totals: Sequence[int]) -> TotalSummary | None:
    if not totals:
        return None
    return TotalSummary(
        mean=statistics.fmean(totals),
        median=float(statistics.median(totals)),
        min=min(totals),
        max=max(totals),
    )


def score(
    responses: Iterable[Response],
    statement_ids: Sequence[str],
    min_group: int = DEFAULT_MIN_GROUP,
) -> Results:
    responses = list(responses)
    totals: list[tuple[str, int]] = []
    for response in responses:
        total = participant_total(response.answers, statement_ids)
        if total is not None:
            totals.append((response.function, total))

    summary = summarise_totals([t for _, t in totals])
    by_function: dict[str, FunctionSummary | None] = {}
    for function in FUNCTIONS:
        own = [t for f, t in totals if f == function]
        if len(own) < min_group:
            by_function[function] = None
        else:
            mean = statistics.fmean(own)
            by_function[function] = FunctionSummary(n=len(own), mean=mean, stage=stage_for(mean))

    done = [r for r in responses if participant_total(r.answers, statement_ids) is not None]
    statements = [summarise_statement(qid, done, min_group) for qid in statement_ids]
    return Results(
        participants=len(responses),
        complete=len(totals),
        total=summary,
        stage=stage_for(summary.mean) if summary else None,
        by_function=by_function,
        statements=statements,
        totals=totals,
    )


def _function_mean(values: Sequence[int], min_group: int) -> float | None:
    return statistics.fmean(values) if len(values) >= min_group and values else None


def summarise_statement(
    qid: str, responses: Sequence[Response], min_group: int
) -> StatementSummary:
    scores = [r.answers[qid] for r in responses if r.answers.get(qid) is not None]
    sales = [r.answers[qid] for r in responses if r.function == "sales" and r.answers.get(qid) is not None]
    marketing = [
        r.answers[qid] for r in responses if r.function == "marketing" and r.answers.get(qid) is not None
    ]
    sales_mean = _function_mean(sales, min_group)
    marketing_mean = _function_mean(marketing, min_group)
    gap = sales_mean - marketing_mean if sales_mean is not None and marketing_mean is not None else None
    return StatementSummary(
        id=qid,
        n=len(scores),
        mean=_mean(scores),
        stdev=statistics.stdev(scores) if len(scores) >= 2 else None,
        sales_mean=sales_mean,
        marketing_mean=marketing_mean,
        gap=gap,
    )


def largest_gaps(statements: Sequence[StatementSummary], count: int = 3) -> list[StatementSummary]:
    """The statements on which Sales and Marketing differ most (hidden gaps left out)."""
    with_gap = [s for s in statements if s.gap is not None]
    return sorted(with_gap, key=lambda s: (-abs(s.gap or 0.0), s.id))[:count]


def lowest_means(statements: Sequence[StatementSummary], count: int = 3) -> list[StatementSummary]:
    with_mean = [s for s in statements if s.mean is not None]
    return sorted(with_mean, key=lambda s: (s.mean or 0.0, s.id))[:count]


def theme_scores(
    statements: Sequence[StatementSummary], theme_of: Mapping[str, str], theme_ids: Sequence[str]
) -> list[ThemeScore]:
    """Mean of the statement means per theme (each statement weighs the same)."""
    result = []
    for theme in theme_ids:
        own = [s for s in statements if theme_of.get(s.id) == theme]
        means = [s.mean for s in own if s.mean is not None]
        sales = [s.sales_mean for s in own if s.sales_mean is not None]
        marketing = [s.marketing_mean for s in own if s.marketing_mean is not None]
        # A function's theme score needs every statement of the theme, or it would
        # compare different questions between the two sides.
        result.append(
            ThemeScore(
                id=theme,
                n=len(own),
                mean=_mean(means),
                sales_mean=_mean(sales) if len(sales) == len(own) else None,
                marketing_mean=_mean(marketing) if len(marketing) == len(own) else None,
            )
        )
    return result
