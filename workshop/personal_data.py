"""Requests about personal data: what we hold about one participant, deleting it, and
deleting a client with its whole history (also reachable as ``workshop.privacy``).

A person's answers are personal data. A named participant may have taken part in
several workshops of the same client (a baseline and follow-ups): by default, a request
covers every workshop of that client where a participant has the same name. Group
results are computed afresh from the answers that remain, so nothing of a deleted
person stays in them. Backups made earlier still hold the data until they are rotated
out; the interface says so (``backups_note``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from workshop import __version__
from workshop.changes import Changes
from workshop.errors import InputError, NotFoundError
from workshop.i18n import N_, _
from workshop.instrument import default_instrument
from workshop.storage.backup import KEEP
from workshop.storage.db import Database
from workshop.storage.models import Answer, Client, Commitment, Participant, Workshop
from workshop.workshops import load as load_workshop

FORMAT = "alignment-workshop-personal-data"
BACKUPS_NOTE = N_(
    "Backups made before now still contain this data until newer backups replace them (the app keeps its "
    "last {keep}). To remove it from them at once, use \"Delete older backups\" under File → Restore from "
    "backup. Copies you saved elsewhere yourself are not touched."
)
EVERYTHING = Changes(
    workshops=True, participants=True, answers=True, decision=True, practices=True, funnel=True, commitments=True
)


def backups_note() -> str:
    """The notice to show with every deletion: backups keep data until rotated out."""
    return _(BACKUPS_NOTE).format(keep=KEEP)


@dataclass(frozen=True)
class PersonRecord:
    """One participant row of the person: who they were in one workshop."""

    participant_id: int
    workshop_id: int
    client: str
    workshop_title: str
    workshop_date: dt.date
    name: str | None
    function: str
    answers: int


@dataclass(frozen=True)
class DeletionReport:
    records: list[PersonRecord]
    answers: int
    # Commitments whose owner text names the person: kept (they belong to the group's plan),
    # listed so the facilitator can edit them.
    named_in_commitments: list[str] = field(default_factory=list)
    changes: Changes = EVERYTHING


@dataclass(frozen=True)
class ClientOverview:
    id: int
    name: str
    workshops: int
    participants: int
    answers: int
    commitments: int


def _participant(session: Any, participant_id: int) -> Participant:
    person = session.get(Participant, participant_id)
    if person is None:
        raise NotFoundError(N_("There is no participant with id {participant_id}."), participant_id=participant_id)
    return person


def _same_person(session: Any, person: Participant, across_client: bool) -> list[Participant]:
    """The participant and, for a named one, namesakes in the client's other workshops."""
    if not across_client or person.name is None:
        return [person]
    client_id = session.scalar(select(Workshop.client_id).where(Workshop.id == person.workshop_id))
    rows = session.scalars(
        select(Participant)
        .join(Workshop, Workshop.id == Participant.workshop_id)
        .where(Workshop.client_id == client_id, func.lower(Participant.name) == person.name.lower())
        .order_by(Workshop.date, Workshop.id)
    ).all()
    return list(rows) or [person]


def _record(session: Any, person: Participant) -> PersonRecord:
    workshop = session.get(Workshop, person.workshop_id)
    count = session.scalar(select(func.count(Answer.id)).where(Answer.participant_id == person.id)) or 0
    return PersonRecord(
        participant_id=person.id, workshop_id=workshop.id, client=workshop.client.name,
        workshop_title=workshop.title, workshop_date=workshop.date, name=person.name,
        function=person.function, answers=count,
    )


def _naming_commitments(session: Any, workshop_ids: list[int], name: str | None) -> list[Commitment]:
    if not name:
        return []
    return list(session.scalars(
        select(Commitment)
        .where(Commitment.workshop_id.in_(workshop_ids), func.lower(Commitment.owner).contains(name.lower()))
        .order_by(Commitment.workshop_id, Commitment.position, Commitment.id)
    ))


def find_person(db: Database, participant_id: int, *, across_client: bool = True) -> list[PersonRecord]:
    """Every participant row a request about this participant covers, oldest workshop first."""
    with db.session() as session:
        person = _participant(session, participant_id)
        return [_record(session, p) for p in _same_person(session, person, across_client)]


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def participant_data(db: Database, participant_id: int, *, across_client: bool = True) -> dict[str, Any]:
    """Everything stored about one participant, as plain JSON-ready data."""
    instrument = default_instrument()
    with db.session() as session:
        person = _participant(session, participant_id)
        rows = _same_person(session, person, across_client)
        records = []
        for p in rows:
            workshop = session.get(Workshop, p.workshop_id)
            lang = workshop.language
            answers = session.scalars(
                select(Answer).where(Answer.participant_id == p.id).order_by(Answer.statement_id)
            )
            records.append({
                "client": workshop.client.name,
                "workshop": {
                    "title": workshop.title, "date": workshop.date.isoformat(), "place": workshop.place,
                    "facilitator": workshop.facilitator, "language": lang,
                },
                "name": p.name,
                "function": p.function,
                "position": p.position,
                "added_at": _time(p.created_at),
                "answers": [
                    {
                        "statement": a.statement_id,
                        "text": _statement_text(instrument, a.statement_id, lang),
                        "score": a.score, "source": a.source, "answered_at": _time(a.answered_at),
                    }
                    for a in answers
                ],
                "commitments_naming_them": [
                    {"what": c.what, "owner": c.owner, "due_date": c.due_date.isoformat() if c.due_date else None,
                     "status": c.status}
                    for c in _naming_commitments(session, [p.workshop_id], p.name)
                ],
            })
        return {
            "format": FORMAT,
            "format_version": 1,
            "app_version": __version__,
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "name": person.name,
            "records": records,
            "note": "Scores are 1 (strongly disagree) to 5 (strongly agree). Group results contain these "
            "answers only as part of the group's averages; groups smaller than the workshop's minimum group "
            "size are never shown, nor anything that would let one person's answers be worked out.",
        }


def _statement_text(instrument: Any, qid: str, lang: str) -> str | None:
    try:
        return instrument.statement(qid).text(lang)
    except (KeyError, ValueError, LookupError):
        return None


def export_participant_data(
    db: Database, participant_id: int, out: str | os.PathLike[str], *, across_client: bool = True
) -> Path:
    """Write :func:`participant_data` as a UTF-8 JSON file (complete or not at all)."""
    data = participant_data(db, participant_id, across_client=across_client)
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(N_("{out}: cannot write the file ({strerror})."), out=out, strerror=exc.strerror) from None
    return out


def delete_participant_data(db: Database, participant_id: int, *, across_client: bool = True) -> DeletionReport:
    """Delete the participant (and namesakes in the client's workshops) with all answers,
    in one transaction. Not undoable: the point is that the data is gone."""
    with db.session() as session:
        person = _participant(session, participant_id)
        rows = _same_person(session, person, across_client)
        records = [_record(session, p) for p in rows]
        named = [
            c.what for c in _naming_commitments(session, sorted({p.workshop_id for p in rows}), person.name)
        ]
        for p in rows:
            session.delete(p)  # answers go with them (ON DELETE CASCADE)
        session.flush()
    return DeletionReport(
        records=records, answers=sum(r.answers for r in records), named_in_commitments=named,
        changes=Changes(workshop_id=records[0].workshop_id if len(records) == 1 else None,
                        participants=True, answers=True),
    )


def find_participant(db: Database, workshop_id: int, name: str) -> int:
    """The id of a workshop's participant by name (any case) or ``#<id>``."""
    text = name.strip()
    with db.session() as session:
        load_workshop(session, workshop_id)
        if text.startswith("#") and text[1:].isdigit():
            person = session.get(Participant, int(text[1:]))
            if person is not None and person.workshop_id == workshop_id:
                return person.id
            raise NotFoundError(N_("Workshop {workshop_id} has no participant {text}."),
                                workshop_id=workshop_id, text=text)
        pid = session.scalar(
            select(Participant.id).where(
                Participant.workshop_id == workshop_id, func.lower(Participant.name) == text.lower()
            )
        )
        if pid is None:
            raise NotFoundError(N_("Workshop {workshop_id} has no participant called {text!r}."),
                                workshop_id=workshop_id, text=text)
        return pid


def _overview(session: Any, client: Client) -> ClientOverview:
    workshop_ids = select(Workshop.id).where(Workshop.client_id == client.id)
    participant_ids = select(Participant.id).where(Participant.workshop_id.in_(workshop_ids))
    return ClientOverview(
        id=client.id, name=client.name,
        workshops=session.scalar(select(func.count()).select_from(Workshop).where(Workshop.client_id == client.id)),
        participants=session.scalar(
            select(func.count()).select_from(Participant).where(Participant.workshop_id.in_(workshop_ids))
        ),
        answers=session.scalar(
            select(func.count()).select_from(Answer).where(Answer.participant_id.in_(participant_ids))
        ),
        commitments=session.scalar(
            select(func.count()).select_from(Commitment).where(Commitment.workshop_id.in_(workshop_ids))
        ),
    )


def list_clients(db: Database) -> list[ClientOverview]:
    with db.session() as session:
        return [_overview(session, c) for c in session.scalars(select(Client).order_by(func.lower(Client.name)))]


def find_client(db: Database, name_or_id: str | int) -> ClientOverview:
    """A client by id or by exact name (any case)."""
    with db.session() as session:
        client = None
        if isinstance(name_or_id, int) or str(name_or_id).strip().isdigit():
            client = session.get(Client, int(name_or_id))
        if client is None:
            client = session.scalar(
                select(Client).where(func.lower(Client.name) == str(name_or_id).strip().lower())
            )
        if client is None:
            raise NotFoundError(N_("There is no client {name_or_id!r}."), name_or_id=name_or_id)
        return _overview(session, client)


def delete_client(db: Database, client_id: int) -> tuple[ClientOverview, Changes]:
    """Delete a client with every workshop, participant, answer, decision, review, funnel
    map and commitment of theirs, in one transaction; returns what was deleted."""
    with db.session() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFoundError(N_("There is no client with id {client_id}."), client_id=client_id)
        overview = _overview(session, client)
        session.delete(client)  # everything below goes with it (ON DELETE CASCADE)
        session.flush()
    return overview, EVERYTHING
