"""Follow-up: a client's workshops as a history.

The trend: the group's, Sales' and Marketing's mean totals and stages across the client's
workshops, each workshop scored on its own with its own minimum group size, so a breakdown
hidden in a workshop stays hidden in the trend. The review: the previous workshop's
commitments marked done, late (open and past due), open or dropped, with a note; open ones
can be carried forward into the new workshop, keeping a link to where they came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from workshop.changes import Changes
from workshop.commitments import CommitmentInfo, commitment_info, list_commitments
from workshop.errors import InputError
from workshop.i18n import N_
from workshop.results import WorkshopResults, compute
from workshop.storage.db import Database
from workshop.storage.models import Commitment
from workshop.workshops import WorkshopInfo, client_history, get_workshop, previous_workshop

REVIEW_STATES = ("done", "late", "open", "dropped")


@dataclass(frozen=True)
class HistoryPoint:
    """One workshop in the client's history. A mean is None when it is not available: nobody
    complete yet, or (for Sales and Marketing) fewer complete than the workshop's minimum."""

    workshop_id: int
    title: str
    date: dt.date
    is_current: bool
    revealed: bool
    participants: int
    complete: int
    min_group_size: int
    total: float | None
    stage: str | None
    sales: float | None
    sales_stage: str | None
    marketing: float | None
    marketing_stage: str | None


@dataclass(frozen=True)
class ReviewItem:
    commitment: CommitmentInfo
    state: str  # one of REVIEW_STATES
    carried_to_id: int | None  # its copy in the current workshop, once carried forward


@dataclass(frozen=True)
class CommitmentReview:
    workshop_id: int
    previous: WorkshopInfo | None
    items: tuple[ReviewItem, ...]
    as_of: dt.date

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item.state == state)

    @property
    def carriable(self) -> tuple[ReviewItem, ...]:
        """Open (late or not) and not yet carried forward."""
        return tuple(i for i in self.items if i.state in ("open", "late") and i.carried_to_id is None)


def review_state(commitment: CommitmentInfo, as_of: dt.date) -> str:
    if commitment.status != "open":
        return commitment.status
    return "late" if commitment.is_overdue(as_of) else "open"


def _point(db: Database, workshop: WorkshopInfo, current_id: int, known: WorkshopResults | None = None) -> HistoryPoint:
    r = (known or compute(db, workshop.id, workshop=workshop)).results
    sales, marketing = r.by_function.get("sales"), r.by_function.get("marketing")
    return HistoryPoint(
        workshop_id=workshop.id, title=workshop.title, date=workshop.date,
        is_current=workshop.id == current_id, revealed=workshop.revealed,
        participants=r.participants, complete=r.complete, min_group_size=workshop.min_group_size,
        total=r.total.mean if r.total else None, stage=r.stage,
        sales=sales.mean if sales else None, sales_stage=sales.stage if sales else None,
        marketing=marketing.mean if marketing else None, marketing_stage=marketing.stage if marketing else None,
    )


def client_trend(db: Database, workshop_id: int, *, current: WorkshopResults | None = None,
                 history: list[WorkshopInfo] | None = None) -> list[HistoryPoint]:
    """The client's workshops up to and including this one, oldest first.

    A caller that has already scored this workshop (``current``) or read the client's
    workshops (``history``, from ``client_history``) passes them, so neither is read twice.
    """
    this = current.workshop if current is not None else get_workshop(db, workshop_id)
    workshops = [w for w in (history if history is not None else client_history(db, this.client_id))
                 if (w.date, w.id) <= (this.date, this.id)]
    return [_point(db, w, workshop_id, current if current is not None and w.id == workshop_id else None)
            for w in workshops]


def _carried(db: Database, workshop_id: int) -> dict[int, int]:
    """original commitment id → id of its copy in this workshop."""
    with db.session() as session:
        rows = session.execute(select(Commitment.carried_from_id, Commitment.id).where(
            Commitment.workshop_id == workshop_id, Commitment.carried_from_id.is_not(None)))
        return {origin: copy for origin, copy in rows if origin is not None}


def review_previous(db: Database, workshop_id: int, today: dt.date | None = None) -> CommitmentReview:
    """The previous workshop's commitments with their state as of ``today``."""
    as_of = today or dt.date.today()
    previous = previous_workshop(db, workshop_id)
    if previous is None:
        return CommitmentReview(workshop_id, None, (), as_of)
    carried = _carried(db, workshop_id)
    items = tuple(
        ReviewItem(c, review_state(c, as_of), carried.get(c.id))
        for c in list_commitments(db, previous.id)
    )
    return CommitmentReview(workshop_id, previous, items, as_of)


def carry_forward(db: Database, workshop_id: int,
                  commitment_ids: list[int] | None = None) -> tuple[list[CommitmentInfo], Changes]:
    """Copy open commitments of earlier workshops of the same client into this one.

    ``None`` carries every open one of the previous workshop. Each copy is open, links back
    with ``carried_from_id`` and keeps its due date if that still lies on or after this
    workshop's date, else takes this workshop's next review date (or none). A commitment
    already carried into this workshop is skipped, so carrying twice changes nothing.
    """
    current = get_workshop(db, workshop_id)
    earlier = {w.id for w in client_history(db, current.client_id) if (w.date, w.id) < (current.date, current.id)}
    carried = _carried(db, workshop_id)
    previous = previous_workshop(db, workshop_id)
    last = max((c.position for c in list_commitments(db, workshop_id)), default=0)
    with db.session() as session:
        if commitment_ids is None:
            if previous is None:
                return [], Changes(workshop_id=workshop_id)
            rows = list(session.scalars(select(Commitment).where(
                Commitment.workshop_id == previous.id, Commitment.status == "open"
            ).order_by(Commitment.position, Commitment.id)))
        else:
            rows = []
            for cid in commitment_ids:
                row = session.get(Commitment, cid)
                if row is None or row.workshop_id not in earlier:
                    raise InputError(N_("Commitment {cid} does not belong to an earlier workshop of {client}."),
                                     cid=cid, client=current.client)
                if row.status != "open":
                    raise InputError(N_("{what!r} is {status}; only open commitments are carried forward."),
                                     what=row.what, status=row.status)
                rows.append(row)
        created: list[Commitment] = []
        for row in rows:
            if row.id in carried:
                continue
            carried[row.id] = 0
            due = row.due_date if row.due_date and row.due_date >= current.date else current.next_review
            last += 1
            copy = Commitment(
                workshop_id=workshop_id, what=row.what, owner=row.owner, function=row.function, due_date=due,
                success_measure=row.success_measure, status="open", practice_id=row.practice_id,
                carried_from_id=row.id, review_note="", position=last,
            )
            session.add(copy)
            created.append(copy)
        session.flush()
        result = [commitment_info(c) for c in created]
    return result, Changes(workshop_id=workshop_id, commitments=bool(result))


def history_json(db: Database, workshop_id: int, today: dt.date | None = None) -> dict:
    """The ``history`` key of the results JSON (see README)."""
    review = review_previous(db, workshop_id, today)
    return {
        "workshops": [
            {
                "id": p.workshop_id, "title": p.title, "date": p.date.isoformat(), "current": p.is_current,
                "participants": p.participants, "complete": p.complete, "min_group_size": p.min_group_size,
                "total": p.total, "stage": p.stage,
                "sales": p.sales, "sales_stage": p.sales_stage,
                "marketing": p.marketing, "marketing_stage": p.marketing_stage,
            }
            for p in client_trend(db, workshop_id)
        ],
        "review": None if review.previous is None else {
            "workshop_id": review.previous.id,
            "as_of": review.as_of.isoformat(),
            "commitments": [
                {"id": i.commitment.id, "what": i.commitment.what, "owner": i.commitment.owner,
                 "due_date": i.commitment.due_date.isoformat() if i.commitment.due_date else None,
                 "state": i.state, "review_note": i.commitment.review_note, "carried_to": i.carried_to_id}
                for i in review.items
            ],
        },
    }


FOLLOW_UP_MONTHS = 3  # the usual distance to a follow-up session


def follow_up_defaults(source: WorkshopInfo, lang: str, today: dt.date | None = None) -> tuple[str, dt.date]:
    """What a follow-up of ``source`` is proposed as: a title of its own and a date a few months on.

    The date is the workshop's next review date when one was set and lies ahead, else three
    months after the workshop (never before tomorrow). The title names the follow-up and its
    month, after the original's title without an earlier follow-up's suffix.
    """
    from workshop.due_dates import add_months
    from workshop.i18n import translator
    from workshop.vocabulary import MONTHS

    today = today or dt.date.today()
    if source.next_review and source.next_review > today:
        day = source.next_review
    else:
        day = max(add_months(source.date, FOLLOW_UP_MONTHS), today + dt.timedelta(days=1))
    t = translator(lang)
    base = re.sub(r"\s+\u2014\s+(follow-up|vervolg)\b.*$", "", source.title, flags=re.IGNORECASE) or source.title
    month = t(MONTHS[day.month - 1])
    return t("{title} \u2014 follow-up {month} {year}").format(
        title=base, month=month.lower() if lang == "nl" else month, year=day.year), day
