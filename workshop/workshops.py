"""Workshops and clients: create, edit, list, duplicate as follow-up, delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from workshop import scoring
from workshop.changes import Changes
from workshop.errors import NotFoundError
from workshop.i18n import N_
from workshop.instrument import default_instrument
from workshop.storage.db import Database
from workshop.storage.models import Answer, Client, Participant, Workshop
from workshop.validation import (
    parse_date,
    parse_language,
    parse_min_group,
    parse_paper,
    parse_start_time,
    require_text,
)


@dataclass(frozen=True)
class WorkshopInfo:
    id: int
    client_id: int
    client: str
    title: str
    date: dt.date
    place: str = ""
    facilitator: str = ""
    language: str = "nl"
    paper: str = "a4"
    min_group_size: int = scoring.DEFAULT_MIN_GROUP
    instrument_id: str = ""
    instrument_version: str = ""
    revealed: bool = False
    next_review: dt.date | None = None
    handoff_after: str | None = None
    start_time: str | None = None  # "HH:MM"; None: not set (the run sheet assumes nine o'clock)


@dataclass(frozen=True)
class WorkshopSummary:
    id: int
    client: str
    title: str
    date: dt.date
    participants: int
    complete: int
    mean: float | None
    stage: str | None


# Fields a facilitator may edit, with the parser that checks each one.
EDITABLE: dict[str, Callable[[Any], object]] = {
    "client": lambda v: require_text(v, "client"),
    "title": lambda v: require_text(v, "title"),
    "date": parse_date,
    "place": lambda v: (v or "").strip(),
    "facilitator": lambda v: (v or "").strip(),
    "language": parse_language,
    "paper": parse_paper,
    "min_group_size": parse_min_group,
    "next_review": lambda v: parse_date(v, "next review date") if v else None,
    "start_time": lambda v: parse_start_time(v) if v else None,
    "revealed": bool,
}


def info(workshop: Workshop) -> WorkshopInfo:
    return WorkshopInfo(
        id=workshop.id,
        client_id=workshop.client_id,
        client=workshop.client.name,
        title=workshop.title,
        date=workshop.date,
        place=workshop.place,
        facilitator=workshop.facilitator,
        language=workshop.language,
        paper=workshop.paper,
        min_group_size=workshop.min_group_size,
        instrument_id=workshop.instrument_id,
        instrument_version=workshop.instrument_version,
        revealed=workshop.revealed,
        next_review=workshop.next_review,
        handoff_after=workshop.handoff_after,
        start_time=workshop.start_time,
    )


def get_client(session: Session, name: str) -> Client:
    client = session.scalar(select(Client).where(Client.name == name))
    if client is None:
        client = Client(name=name)
        session.add(client)
        session.flush()
    return client


def load(session: Session, workshop_id: int) -> Workshop:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFoundError(N_("There is no workshop with id {workshop_id}."), workshop_id=workshop_id)
    return workshop


def create_workshop(
    db: Database,
    client: str,
    title: str,
    date: dt.date | str,
    *,
    language: str = "nl",
    min_group_size: int = scoring.DEFAULT_MIN_GROUP,
    place: str = "",
    facilitator: str = "",
    paper: str = "a4",
    next_review: dt.date | str | None = None,
    start_time: str | None = None,
) -> WorkshopInfo:
    values = _checked(
        dict(
            client=client, title=title, date=date, language=language,
            min_group_size=min_group_size, place=place, facilitator=facilitator,
            paper=paper, next_review=next_review, start_time=start_time,
        )
    )
    instrument = default_instrument()
    with db.session() as session:
        workshop = Workshop(
            client=get_client(session, values.pop("client")),
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            **values,
        )
        session.add(workshop)
        session.flush()
        return info(workshop)


def _checked(values: dict) -> dict:
    return {key: EDITABLE[key](value) for key, value in values.items()}


def get_workshop(db: Database, workshop_id: int) -> WorkshopInfo:
    with db.session() as session:
        return info(load(session, workshop_id))


def update_workshop(db: Database, workshop_id: int, **changes: object) -> tuple[WorkshopInfo, Changes]:
    """Change some fields; unknown fields are a programming error (KeyError)."""
    values = _checked(changes)
    with db.session() as session:
        workshop = load(session, workshop_id)
        if "client" in values:
            workshop.client = get_client(session, values.pop("client"))
        for key, value in values.items():
            setattr(workshop, key, value)
        session.flush()
        return info(workshop), Changes(workshop_id=workshop_id, workshops=True)


def set_revealed(db: Database, workshop_id: int, revealed: bool) -> Changes:
    return update_workshop(db, workshop_id, revealed=revealed)[1]


def list_workshops(db: Database, search: str = "") -> list[WorkshopSummary]:
    """Every workshop with its counts and stage, newest first within a client.

    Totals are summed in SQL so that a long list costs three queries, not one per row. The
    answers are grouped by participant before they meet the participants: one pass along
    the answers' index, a third quicker on a start with hundreds of workshops than a join
    that looks up each participant's answers.
    """
    statement_count = len(default_instrument().statement_ids)
    with db.session() as session:
        per_participant = (
            select(
                Answer.participant_id.label("pid"),
                func.count().label("n"),
                func.sum(Answer.score).label("total"),
            )
            .group_by(Answer.participant_id)
            .subquery()
        )
        is_complete = per_participant.c.n == statement_count
        stats = {
            row.wid: row
            for row in session.execute(
                select(
                    Participant.workshop_id.label("wid"),
                    func.count(Participant.id).label("participants"),
                    func.sum(case((is_complete, 1), else_=0)).label("complete"),
                    func.avg(case((is_complete, per_participant.c.total), else_=None)).label("mean"),
                )
                .join(per_participant, per_participant.c.pid == Participant.id, isouter=True)
                .group_by(Participant.workshop_id)
            )
        }
        query = select(Workshop.id, Client.name, Workshop.title, Workshop.date).join(Client)
        if search.strip():
            pattern = f"%{search.strip().lower()}%"
            query = query.where(
                func.lower(Client.name).like(pattern) | func.lower(Workshop.title).like(pattern)
            )
        query = query.order_by(func.lower(Client.name), Workshop.date.desc(), Workshop.id.desc())
        result = []
        for wid, client, title, date in session.execute(query):
            row = stats.get(wid)
            mean = float(row.mean) if row is not None and row.mean is not None else None
            result.append(
                WorkshopSummary(
                    id=wid, client=client, title=title, date=date,
                    participants=row.participants if row else 0,
                    complete=int(row.complete or 0) if row else 0,
                    mean=mean,
                    stage=scoring.stage_for(mean) if mean is not None else None,
                )
            )
        return result


def delete_workshop(db: Database, workshop_id: int) -> Changes:
    with db.session() as session:
        workshop = load(session, workshop_id)
        client = workshop.client
        session.delete(workshop)
        session.flush()
        if not session.scalar(select(func.count(Workshop.id)).where(Workshop.client_id == client.id)):
            session.delete(client)
    return Changes(workshop_id=workshop_id, workshops=True)


def client_history(db: Database, client_id: int) -> list[WorkshopInfo]:
    """The client's workshops, oldest first."""
    with db.session() as session:
        rows = session.scalars(
            select(Workshop).where(Workshop.client_id == client_id).order_by(Workshop.date, Workshop.id)
        )
        return [info(w) for w in rows]


def previous_workshop(db: Database, workshop_id: int, *, current: WorkshopInfo | None = None,
                      history: list[WorkshopInfo] | None = None) -> WorkshopInfo | None:
    """The client's workshop before this one; ``current`` and ``history`` save their reads when known."""
    current = current or get_workshop(db, workshop_id)
    earlier = [
        w for w in (history if history is not None else client_history(db, current.client_id))
        if (w.date, w.id) < (current.date, current.id)
    ]
    return earlier[-1] if earlier else None


def duplicate_as_follow_up(
    db: Database, workshop_id: int, date: dt.date | str, title: str | None = None
) -> WorkshopInfo:
    """A new workshop of the same client with the same settings and participants, no answers."""
    source = get_workshop(db, workshop_id)
    new = create_workshop(
        db, source.client, title or source.title, date,
        language=source.language, min_group_size=source.min_group_size,
        place=source.place, facilitator=source.facilitator, paper=source.paper,
    )
    with db.session() as session:
        people = session.scalars(
            select(Participant).where(Participant.workshop_id == workshop_id).order_by(Participant.position)
        )
        for person in people:
            session.add(Participant(
                workshop_id=new.id, name=person.name, function=person.function, position=person.position,
            ))
    return new
