"""Everything a report prints, read from the database once, as plain data.

One short read per table; the builders never touch the database. Results come from the
same scoring as the screen (``workshop.results``), so the privacy rule holds here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop import scoring
from workshop.instrument import Instrument, default_instrument
from workshop.participants import ParticipantInfo, list_participants
from workshop.results import WorkshopResults, from_results
from workshop.storage.db import Database
from workshop.storage.models import Commitment, Decision, FunnelOwner, PracticeReview
from workshop.workshops import WorkshopInfo, client_history, get_workshop, previous_workshop


@dataclass(frozen=True)
class DecisionRow:
    current_stage: str | None
    choice: str | None  # stay / move
    target_stage: str | None
    ticked: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class ReviewRow:
    practice_id: str
    status: str | None
    note: str


@dataclass(frozen=True)
class FunnelRow:
    stage_id: str
    owner: str
    note: str


@dataclass(frozen=True)
class CommitmentRow:
    what: str
    owner: str
    function: str | None
    due_date: dt.date | None
    success_measure: str
    status: str
    practice_id: str | None
    review_note: str


@dataclass(frozen=True)
class Earlier:
    """The client's previous workshop: its score, and the commitments made there."""

    workshop: WorkshopInfo
    mean: float | None
    stage: str | None
    commitments: list[CommitmentRow]


@dataclass(frozen=True)
class ReportData:
    computed: WorkshopResults
    people: list[ParticipantInfo]
    decision: DecisionRow | None
    reviews: list[ReviewRow]
    funnel: list[FunnelRow]
    commitments: list[CommitmentRow]
    earlier: Earlier | None = None
    instrument: Instrument = field(default_factory=default_instrument)
    funnel_view: Any = None  # workshop.funnel.FunnelView, for the funnel picture
    history: list = field(default_factory=list)  # workshop.follow_up.HistoryPoint, oldest first
    today: dt.date = field(default_factory=dt.date.today)  # what counts as overdue
    branding: Any = None  # workshop.branding.BrandingInfo
    texts: Any = None  # workshop.branding.DeliverableTexts: the consultant's summary, the client's logo

    @property
    def workshop(self) -> WorkshopInfo:
        return self.computed.workshop

    @property
    def results(self) -> scoring.Results:
        return self.computed.results


def _commitments(session: Session, workshop_id: int) -> list[CommitmentRow]:
    rows = session.scalars(
        select(Commitment).where(Commitment.workshop_id == workshop_id).order_by(Commitment.position, Commitment.id)
    )
    return [CommitmentRow(c.what, c.owner or "", c.function, c.due_date, c.success_measure or "", c.status,
                          c.practice_id, c.review_note or "") for c in rows]


def _score(workshop: WorkshopInfo, people: list[ParticipantInfo], instrument: Instrument) -> WorkshopResults:
    responses = [scoring.Response(function=p.function, answers=p.answers) for p in people]
    return from_results(workshop, scoring.score(responses, instrument.statement_ids, workshop.min_group_size),
                        instrument)


def load_report_data(db: Database, workshop_id: int, *, with_earlier: bool = True) -> ReportData:
    instrument = default_instrument()
    workshop = get_workshop(db, workshop_id)
    people = list_participants(db, workshop_id)
    computed = _score(workshop, people, instrument)
    with db.session() as session:
        row = session.get(Decision, workshop_id)
        decision = None if row is None else DecisionRow(
            row.current_stage, row.choice, row.target_stage, tuple(row.ticked or ()), row.note or "")
        reviews = [ReviewRow(r.practice_id, r.status, r.note or "") for r in session.scalars(
            select(PracticeReview).where(PracticeReview.workshop_id == workshop_id).order_by(PracticeReview.id))]
        funnel = [FunnelRow(f.stage_id, f.owner, f.note or "") for f in session.scalars(
            select(FunnelOwner).where(FunnelOwner.workshop_id == workshop_id).order_by(FunnelOwner.id))]
        commitments = _commitments(session, workshop_id)
    earlier, funnel_view = None, None
    history: list = []
    if with_earlier:
        workshops = client_history(db, workshop.client_id)
        funnel_view, history = _funnel_and_history(db, computed, workshops)
        before = previous_workshop(db, workshop_id, current=workshop, history=workshops)
        if before is not None:
            # the trend has scored it already, on its own minimum group size
            point = next((p for p in history if p.workshop_id == before.id), None)
            if point is not None:
                mean, stage = point.total, point.stage
            else:
                previous = _score(before, list_participants(db, before.id), instrument).results
                mean, stage = previous.total.mean if previous.total else None, previous.stage
            with db.session() as session:
                earlier = Earlier(before, mean, stage, _commitments(session, before.id))
    from workshop.branding import get_branding, get_texts

    return ReportData(computed, people, decision, reviews, funnel, commitments, earlier, instrument,
                      funnel_view if funnel else None, history, branding=get_branding(db),
                      texts=get_texts(db, workshop_id))


def _funnel_and_history(db: Database, computed: WorkshopResults, workshops: list[WorkshopInfo]) -> tuple[Any, list]:
    """The funnel map and the client's trend, from their own services (for their charts)."""
    try:
        from workshop.follow_up import client_trend
        from workshop.funnel import get_funnel
    except ImportError:  # pragma: no cover - both ship with the app
        return None, []
    workshop_id = computed.workshop.id
    return get_funnel(db, workshop_id), client_trend(db, workshop_id, current=computed, history=workshops)
