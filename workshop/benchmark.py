"""How a client compares with the other clients the firm has measured.

For one workshop: the group's total, Sales, Marketing and each theme as a percentile
among the firm's other clients, each represented by its latest workshop with answers
(optionally only those of one industry or size). A percentile is given only when at
least ``MIN_PEERS`` other clients have that figure; no other client is ever named, and a
figure hidden by the privacy rule (a function below its minimum group size) is neither
shown for this client nor counted for another.

Each workshop's figures are computed in the database in two grouped queries (per
participant for the totals, per statement for the themes) and kept in
``benchmark_figures``; triggers drop them when what they come from changes. Comparing
with the firm then reads one row per other client.
"""

from __future__ import annotations

import logging
import statistics
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, delete, func, literal, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Subquery

from workshop.errors import InputError
from workshop.i18n import N_, _
from workshop.instrument import Instrument, default_instrument
from workshop.results import compute
from workshop.storage.db import Database
from workshop.storage.firm_models import BenchmarkFigures
from workshop.storage.models import Answer, Client, Participant, Workshop
from workshop.vocabulary import CLIENT_SIZES
from workshop.workshops import load

MIN_PEERS = 5

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Measure:
    id: str  # total, sales, marketing, or theme:<id>
    value: float | None  # this workshop's figure (None: hidden or not scored yet)
    peers: int  # other clients with this figure
    percentile: float | None  # share of those below (ties count half), 0–100; None when not given
    reason: str = ""  # why no percentile, in words


@dataclass
class Benchmark:
    workshop_id: int
    client: str
    industry: str | None
    size: str | None
    peers: int  # other clients with a scored latest workshop
    measures: list[Measure] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "workshop": self.workshop_id, "client": self.client,
            "filter": {"industry": self.industry, "size": self.size},
            "minimum_peers": MIN_PEERS, "peers": self.peers,
            "measures": [
                {"id": m.id, "value": None if m.value is None else round(m.value, 2), "peers": m.peers,
                 "percentile": None if m.percentile is None else round(m.percentile, 1), "reason": m.reason or None}
                for m in self.measures
            ],
        }


def percentile_rank(value: float, others: list[float]) -> float:
    """The share of others below the value, ties counting half, in percent."""
    below = sum(1 for o in others if o < value - 1e-9)
    equal = sum(1 for o in others if abs(o - value) <= 1e-9)
    return 100.0 * (below + 0.5 * equal) / len(others)


def _latest(instrument_id: str, client_uuid: str, client_name: str, industry: str | None,
            size: str | None) -> Subquery:
    """The latest workshop with answers of every other client (a subquery: wid, min_group)."""
    answered = select(literal(1)).select_from(Participant).join(Answer, Answer.participant_id == Participant.id) \
        .where(Participant.workshop_id == Workshop.id).exists()
    conditions = [Workshop.instrument_id == instrument_id, Client.uuid != client_uuid, Client.name != client_name,
                  answered]
    if industry:
        conditions.append(func.lower(Client.industry) == industry.strip().lower())
    if size:
        conditions.append(Client.size == size)
    ranked = (
        select(Workshop.id.label("wid"), Workshop.min_group_size.label("min_group"),
               func.row_number().over(partition_by=Workshop.client_id,
                                      order_by=(Workshop.date.desc(), Workshop.id.desc())).label("rank"))
        .join(Client, Client.id == Workshop.client_id)
        .where(and_(*conditions))
        .subquery()
    )
    return select(ranked.c.wid, ranked.c.min_group).where(ranked.c.rank == 1).subquery("latest")


def statements_statement(source: Any) -> Any:
    """Per workshop and statement: the mean of every answer (the statement means of scoring)."""
    return (
        select(source.c.wid, source.c.min_group, Answer.statement_id, func.avg(Answer.score), func.count(Answer.id))
        .join(Participant, Participant.workshop_id == source.c.wid)
        .join(Answer, Answer.participant_id == Participant.id)
        .group_by(source.c.wid, source.c.min_group, Answer.statement_id)
    )


def totals_statement(source: Any, statements: int) -> Any:
    """Per workshop: the complete participants' mean total, and per Sales/Marketing their sum and count."""
    totals = (
        select(source.c.wid, source.c.min_group, Participant.function, func.sum(Answer.score).label("total"))
        .join(Participant, Participant.workshop_id == source.c.wid)
        .join(Answer, Answer.participant_id == Participant.id)
        .group_by(source.c.wid, source.c.min_group, Participant.id, Participant.function)
        .having(func.count(Answer.id) == statements)
        .subquery()
    )
    by_function = []
    for function in ("sales", "marketing"):
        mine = totals.c.function == function
        by_function += [func.sum(case((mine, totals.c.total), else_=0)), func.sum(case((mine, 1), else_=0))]
    return select(totals.c.wid, totals.c.min_group, func.avg(totals.c.total), *by_function,
                  func.count(totals.c.total)).group_by(totals.c.wid, totals.c.min_group)


def compute_figures(session: Any, workshop_ids: list[int], instrument: Instrument) -> list[BenchmarkFigures]:
    """The figures of these workshops, computed in the database (two grouped queries) and stored."""
    if not workshop_ids:
        return []
    source = select(Workshop.id.label("wid"), Workshop.min_group_size.label("min_group")) \
        .where(Workshop.id.in_(workshop_ids)).subquery("source")
    rows = {wid: BenchmarkFigures(workshop_id=wid, themes={}) for wid in workshop_ids}
    for wid, min_group, mean, sales_sum, sales_n, marketing_sum, marketing_n, complete in session.execute(
            totals_statement(source, len(instrument.statement_ids))):
        row = rows[wid]
        # The privacy rule, as for the workshop's own screens: no group figure below the minimum.
        row.total = float(mean) if complete >= min_group else None
        # The privacy rule: a function below its minimum group size has no figure at all.
        row.sales = float(sales_sum) / sales_n if sales_n and sales_n >= min_group else None
        row.marketing = float(marketing_sum) / marketing_n if marketing_n and marketing_n >= min_group else None
    theme_of = {s.id: s.theme for s in instrument.statements}
    by_theme: dict[tuple[int, str], list[float]] = {}
    for wid, min_group, qid, mean, answers in session.execute(statements_statement(source)):
        if qid in theme_of and answers >= min_group:
            by_theme.setdefault((wid, theme_of[qid]), []).append(float(mean))
    for (wid, theme), means in by_theme.items():
        rows[wid].themes[theme] = statistics.fmean(means)
    try:
        with session.begin_nested():  # a cache: a database that refuses the write still gets its answer
            session.execute(delete(BenchmarkFigures).where(BenchmarkFigures.workshop_id.in_(workshop_ids)))
            session.add_all(rows.values())
    except DBAPIError as exc:
        log.info("Benchmark figures not stored: %s", exc)
    return list(rows.values())


def peer_figures(session: Any, latest: Any, instrument: Instrument) -> list[BenchmarkFigures]:
    """The stored figures of the peers' latest workshops, computing the missing ones."""
    found = session.execute(
        select(latest.c.wid, BenchmarkFigures).outerjoin(BenchmarkFigures, BenchmarkFigures.workshop_id == latest.c.wid)
    ).all()
    missing = [wid for wid, figures in found if figures is None]
    return [figures for _wid, figures in found if figures is not None] + compute_figures(session, missing, instrument)


def benchmark(local: Database, workshop_id: int, firm: Database, *, industry: str | None = None,
              size: str | None = None, instrument: Instrument | None = None) -> Benchmark:
    """This workshop's figures as percentiles among the firm's other clients."""
    if size and size not in CLIENT_SIZES:
        raise InputError(N_("Unknown client size {size!r}; use one of {sizes}."), size=size,
                         sizes=", ".join(CLIENT_SIZES))
    instrument = instrument or default_instrument()
    with local.session() as session:
        workshop = load(session, workshop_id)
        client_uuid, client_name = workshop.client.uuid, workshop.client.name
    own = compute(local, workshop_id, instrument)
    results = own.results
    values: dict[str, float | None] = {
        "total": results.total.mean if results.total else None,
        "sales": sales.mean if (sales := results.by_function.get("sales")) else None,
        "marketing": marketing.mean if (marketing := results.by_function.get("marketing")) else None,
    }
    for theme in own.themes:
        values[f"theme:{theme.id}"] = theme.mean

    peers: dict[str, list[float]] = {key: [] for key in values}
    with firm.session() as session:
        figures = peer_figures(session, _latest(instrument.id, client_uuid, client_name, industry, size), instrument)
        for row in figures:
            for key, value in (("total", row.total), ("sales", row.sales), ("marketing", row.marketing),
                               *((f"theme:{t}", v) for t, v in (row.themes or {}).items())):
                if value is not None and key in peers:
                    peers[key].append(float(value))

    scored = sum(1 for row in figures if row.total is not None)
    report = Benchmark(workshop_id=workshop_id, client=client_name, industry=industry, size=size, peers=scored)
    for key, value in values.items():
        others = peers[key]
        if value is None:
            reason = _("no figure for this workshop (not scored yet, or the group is below its minimum size)")
            report.measures.append(Measure(key, None, len(others), None, reason))
        elif len(others) < MIN_PEERS:
            reason = _("only {n} other clients have this figure; a comparison needs at least {min}").format(
                n=len(others), min=MIN_PEERS)
            report.measures.append(Measure(key, value, len(others), None, reason))
        else:
            report.measures.append(Measure(key, value, len(others), percentile_rank(value, others)))
    return report


def measure_label(measure_id: str, lang: str, instrument: Instrument | None = None) -> str:
    """The measure's name for people: the total, Sales, Marketing, or the theme's name."""
    if measure_id.startswith("theme:"):
        instrument = instrument or default_instrument()
        for theme in instrument.themes:
            if f"theme:{theme.id}" == measure_id:
                return theme.name(lang)
    return {"total": _("Group total"), "sales": _("Sales"), "marketing": _("Marketing")}.get(measure_id, measure_id)
