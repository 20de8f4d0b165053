"""A workshop's results: scoring over stored answers, as data, JSON and text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workshop import privacy, scoring
from workshop.instrument import Instrument, default_instrument
from workshop.storage.db import Database
from workshop.storage.models import Answer, Participant
from workshop.workshops import WorkshopInfo, get_workshop


@dataclass(frozen=True)
class WorkshopResults:
    workshop: WorkshopInfo
    results: scoring.Results
    themes: list[scoring.ThemeScore]
    largest_gaps: list[scoring.StatementSummary]
    lowest: list[scoring.StatementSummary]


def compute(
    db: Database, workshop_id: int, instrument: Instrument | None = None, workshop: WorkshopInfo | None = None
) -> WorkshopResults:
    """Score the stored answers; pass ``workshop`` when it is known to save its query (live screens)."""
    instrument = instrument or default_instrument()
    workshop = workshop or get_workshop(db, workshop_id)
    results = scoring.score(load_responses(db, workshop_id), instrument.statement_ids, workshop.min_group_size)
    return from_results(workshop, results, instrument)


def load_responses(db: Database, workshop_id: int) -> list[scoring.Response]:
    """Every participant's function and answers, in one query without ORM objects (it runs per answer)."""
    query = (
        select(Participant.id, Participant.function, Answer.statement_id, Answer.score)
        .outerjoin(Answer, Answer.participant_id == Participant.id)
        .where(Participant.workshop_id == workshop_id)
        .order_by(Participant.position, Participant.id)
    )
    people: dict[int, tuple[str, dict[str, int]]] = {}
    with db.session() as session:
        for pid, function, qid, score in session.connection().execute(query):
            answers = people.setdefault(pid, (function, {}))[1]
            if qid is not None:
                answers[qid] = score
    return [scoring.Response(function=function, answers=answers) for function, answers in people.values()]


def from_results(
    workshop: WorkshopInfo, results: scoring.Results, instrument: Instrument | None = None
) -> WorkshopResults:
    instrument = instrument or default_instrument()
    results = privacy.publish(results, workshop.min_group_size)
    themes = scoring.theme_scores(
        results.statements,
        {s.id: s.theme for s in instrument.statements},
        [t.id for t in instrument.themes],
    )
    return WorkshopResults(
        workshop=workshop,
        results=results,
        themes=themes,
        largest_gaps=scoring.largest_gaps(results.statements),
        lowest=scoring.lowest_means(results.statements),
    )


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def results_text(db: Database, workshop_id: int, lang: str | None = None) -> str:
    """A readable summary for the terminal."""
    instrument = default_instrument()
    computed = compute(db, workshop_id, instrument)
    w, r = computed.workshop, computed.results
    lang = lang or w.language

    def stage_name(stage_id: str | None) -> str:
        return instrument.stage(stage_id).name(lang) if stage_id else "–"

    lines = [
        f"{w.client} — {w.title} ({w.date.isoformat()})",
        f"Participants: {r.participants}, complete: {r.complete}; minimum group size {w.min_group_size}",
    ]
    if r.total is None:
        lines.append("No group results." if r.complete else "No complete answers yet.")
    else:
        spread = "" if r.total.min is None else (
            f", median {_fmt(r.total.median)}, range {r.total.min}–{r.total.max}")
        lines.append(f"Group total: mean {_fmt(r.total.mean)}{spread}; stage: {stage_name(r.stage)}")
    for function, summary in r.by_function.items():
        if summary is None:
            lines.append(f"  {function:<10} hidden")
        else:
            lines.append(f"  {function:<10} n={summary.n:<3} mean {_fmt(summary.mean)}  {stage_name(summary.stage)}")
    lines += [f"  {line}" for line in privacy.reasons(r, lang)]
    lines.append("")
    lines.append(f"{'':4} {'n':>3} {'mean':>5} {'sd':>5} {'sales':>5} {'mkt':>5} {'gap':>5}  statement")
    for s in r.statements:
        text = instrument.statement(s.id).text(lang)
        lines.append(
            f"{s.id:4} {s.n:>3} {_fmt(s.mean, 2):>5} {_fmt(s.stdev, 2):>5} {_fmt(s.sales_mean, 2):>5} "
            f"{_fmt(s.marketing_mean, 2):>5} {_fmt(s.gap, 2):>5}  {text}"
        )
    if computed.largest_gaps:
        lines.append("")
        lines.append("Largest gaps between Sales and Marketing: " + ", ".join(
            f"{s.id} ({s.gap:+.2f})" for s in computed.largest_gaps if s.gap is not None))
    if computed.lowest:
        lines.append("Lowest statements: " + ", ".join(f"{s.id} ({_fmt(s.mean, 2)})" for s in computed.lowest))
    return "\n".join(lines)
