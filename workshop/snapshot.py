"""A workshop as plain data keyed by UUIDs, its fingerprint, and writing it into a database.

Publishing and fetching both move such a snapshot between two databases (the laptop's
and the firm's). Rows are matched by UUID, never by id, so a republish updates what is
there: participants and commitments keep their rows (and the links of commitments
carried forward into later workshops), removed ones are deleted, new ones added.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from workshop.storage.models import (
    Answer,
    Client,
    Commitment,
    Decision,
    FunnelOwner,
    Participant,
    PracticeReview,
    Workshop,
    utcnow,
)

WORKSHOP_FIELDS = ("title", "place", "facilitator", "language", "paper", "min_group_size", "instrument_id",
                   "instrument_version", "revealed", "handoff_after")
COMMITMENT_FIELDS = ("what", "owner", "function", "success_measure", "status", "practice_id", "review_note",
                     "position")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="microseconds") if value else None


def take(session: Session, workshop: Workshop) -> dict[str, Any]:
    """Everything of one workshop, ordered by UUID and key so that equal content gives equal JSON."""
    wid = workshop.id
    people = session.scalars(select(Participant).where(Participant.workshop_id == wid)).all()
    answers: dict[int, list[list[Any]]] = {p.id: [] for p in people}
    rows = session.execute(
        select(Answer.participant_id, Answer.statement_id, Answer.score, Answer.source, Answer.answered_at)
        .join(Participant, Answer.participant_id == Participant.id)
        .where(Participant.workshop_id == wid)
    )
    for pid, qid, score, source, at in rows:
        answers[pid].append([qid, score, source, _time(at)])
    decision = session.get(Decision, wid)
    commitments = session.scalars(select(Commitment).where(Commitment.workshop_id == wid)).all()
    origins = {c.carried_from_id for c in commitments if c.carried_from_id is not None}
    origin_uuid = dict(session.execute(select(Commitment.id, Commitment.uuid).where(Commitment.id.in_(origins))).all()
                       ) if origins else {}
    client = workshop.client
    return {
        "uuid": workshop.uuid,
        "client": {"uuid": client.uuid, "name": client.name, "industry": client.industry, "size": client.size},
        "workshop": {
            **{name: getattr(workshop, name) for name in WORKSHOP_FIELDS},
            "date": _date(workshop.date), "next_review": _date(workshop.next_review),
        },
        "participants": sorted(
            ({"uuid": p.uuid, "name": p.name, "function": p.function, "position": p.position,
              "answers": sorted(answers[p.id])} for p in people),
            key=lambda row: row["uuid"],
        ),
        "decision": None if decision is None else {
            "current_stage": decision.current_stage, "choice": decision.choice, "target_stage": decision.target_stage,
            "ticked": list(decision.ticked or []), "note": decision.note,
        },
        "practices": sorted(
            [r.practice_id, r.status, r.note]
            for r in session.scalars(select(PracticeReview).where(PracticeReview.workshop_id == wid))
        ),
        "funnel": sorted(
            [f.stage_id, f.owner, f.note]
            for f in session.scalars(select(FunnelOwner).where(FunnelOwner.workshop_id == wid))
        ),
        "commitments": sorted(
            ({"uuid": c.uuid, **{name: getattr(c, name) for name in COMMITMENT_FIELDS},
              "due_date": _date(c.due_date), "carried_from": origin_uuid.get(c.carried_from_id)}
             for c in commitments),
            key=lambda row: row["uuid"],
        ),
    }


def fingerprint(snapshot: dict[str, Any]) -> str:
    """The hash of a workshop's content; the client's industry and size are not part of it."""
    content = {key: value for key, value in snapshot.items() if key != "client"}
    content["client"] = snapshot["client"]["uuid"]
    raw = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


def without_names(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot with the participants' names left out, also where one owns a commitment."""
    names = {p["name"].strip().casefold() for p in snapshot["participants"] if p["name"]}
    return {
        **snapshot,
        "participants": [{**p, "name": None} for p in snapshot["participants"]],
        "commitments": [
            {**c, "owner": "" if c["owner"].strip().casefold() in names else c["owner"]}
            for c in snapshot["commitments"]
        ],
    }


def _client(session: Session, data: dict[str, Any], adopt: bool) -> Client:
    """The same client here: by UUID, else by name (two laptops may each have made it);
    with ``adopt`` one found by name takes the snapshot's UUID (the firm's is the one)."""
    client = session.scalar(select(Client).where(Client.uuid == data["uuid"]))
    if client is None:
        client = session.scalar(select(Client).where(Client.name == data["name"]))
        if client is not None and adopt:
            client.uuid = data["uuid"]
    if client is None:
        client = Client(uuid=data["uuid"], name=data["name"])
        session.add(client)
    for key in ("industry", "size"):
        if data.get(key):
            setattr(client, key, data[key])
    return client


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def write(session: Session, snapshot: dict[str, Any], workshop: Workshop | None, *,
          adopt_client: bool = False) -> Workshop:
    """Make ``workshop`` (or a new one) hold exactly the snapshot; one flush, no commit."""
    fields = snapshot["workshop"]
    client = _client(session, snapshot["client"], adopt_client)
    if workshop is None:
        workshop = Workshop(uuid=snapshot["uuid"], client=client)
        session.add(workshop)
    workshop.client = client
    for name in WORKSHOP_FIELDS:
        setattr(workshop, name, fields[name])
    workshop.date = _parse_date(fields["date"])
    workshop.next_review = _parse_date(fields["next_review"])
    session.flush()
    wid = workshop.id

    people = {p.uuid: p for p in session.scalars(select(Participant).where(Participant.workshop_id == wid))}
    wanted = {row["uuid"] for row in snapshot["participants"]}
    for uuid, person in people.items():
        if uuid not in wanted:
            session.delete(person)
    for row in snapshot["participants"]:
        person = people.get(row["uuid"])
        if person is None:
            person = people[row["uuid"]] = Participant(uuid=row["uuid"], workshop_id=wid)
            session.add(person)
        person.name, person.function, person.position = row["name"], row["function"], row["position"]
    session.flush()
    ids = [people[row["uuid"]].id for row in snapshot["participants"]]
    # Answers carry no identity of their own: replace them all, in two statements.
    if ids:
        session.execute(delete(Answer).where(Answer.participant_id.in_(ids)))
    answers = [
        {"participant_id": people[row["uuid"]].id, "statement_id": qid, "score": score, "source": source,
         "answered_at": dt.datetime.fromisoformat(at) if at else utcnow()}
        for row in snapshot["participants"] for qid, score, source, at in row["answers"]
    ]
    if answers:
        session.execute(insert(Answer), answers)

    session.execute(delete(Decision).where(Decision.workshop_id == wid))
    if snapshot["decision"] is not None:
        session.add(Decision(workshop_id=wid, **snapshot["decision"]))
    session.execute(delete(PracticeReview).where(PracticeReview.workshop_id == wid))
    session.execute(delete(FunnelOwner).where(FunnelOwner.workshop_id == wid))
    for practice, status, note in snapshot["practices"]:
        session.add(PracticeReview(workshop_id=wid, practice_id=practice, status=status, note=note))
    for stage, owner, note in snapshot["funnel"]:
        session.add(FunnelOwner(workshop_id=wid, stage_id=stage, owner=owner, note=note))

    existing = {c.uuid: c for c in session.scalars(select(Commitment).where(Commitment.workshop_id == wid))}
    wanted = {row["uuid"] for row in snapshot["commitments"]}
    for uuid, commitment in existing.items():
        if uuid not in wanted:
            session.delete(commitment)
    origins = {row["carried_from"] for row in snapshot["commitments"] if row["carried_from"]}
    origin_id = dict(session.execute(select(Commitment.uuid, Commitment.id).where(Commitment.uuid.in_(origins))).all()
                     ) if origins else {}
    for row in snapshot["commitments"]:
        commitment = existing.get(row["uuid"])
        if commitment is None:
            commitment = Commitment(uuid=row["uuid"], workshop_id=wid)
            session.add(commitment)
        for name in COMMITMENT_FIELDS:
            setattr(commitment, name, row[name])
        commitment.due_date = _parse_date(row["due_date"])
        commitment.carried_from_id = origin_id.get(row["carried_from"])
    session.flush()
    return workshop
