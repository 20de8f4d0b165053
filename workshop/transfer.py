"""The workshop file: one JSON document with everything of a workshop.

Format (``format_version`` 1), documented in the README::

    {"format": "alignment-workshop", "format_version": 1, "app_version": "...",
     "exported_at": "...", "checksum": "sha256:<hex of the canonical data>", "data": {...}}

Import checks the checksum and every field before writing anything, and writes the new
workshop in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workshop import __version__
from workshop.errors import InputError
from workshop.i18n import N_
from workshop.input_files import read_capped
from workshop.storage.db import Database
from workshop.storage.models import (
    Answer,
    Commitment,
    Decision,
    FunnelOwner,
    Participant,
    PracticeReview,
    Workshop,
)
from workshop.transfer_checks import check_data
from workshop.workshops import get_client, load

FORMAT = "alignment-workshop"
FORMAT_VERSION = 1
MAX_BYTES = 50 * 1024 * 1024


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def checksum(data: Any) -> str:
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def export_data(db: Database, workshop_id: int) -> dict[str, Any]:
    with db.session() as session:
        w = load(session, workshop_id)
        people = session.scalars(
            select(Participant)
            .where(Participant.workshop_id == workshop_id)
            .order_by(Participant.position, Participant.id)
        ).all()
        answers: dict[int, list[dict[str, Any]]] = {p.id: [] for p in people}
        for a in session.scalars(
            select(Answer).join(Participant).where(Participant.workshop_id == workshop_id).order_by(Answer.statement_id)
        ):
            answers[a.participant_id].append(
                {"statement": a.statement_id, "score": a.score, "source": a.source, "answered_at": _time(a.answered_at)}
            )
        decision = session.get(Decision, workshop_id)
        reviews = session.scalars(
            select(PracticeReview).where(PracticeReview.workshop_id == workshop_id).order_by(PracticeReview.id)
        )
        funnel = session.scalars(
            select(FunnelOwner).where(FunnelOwner.workshop_id == workshop_id).order_by(FunnelOwner.id)
        )
        commitments = session.scalars(
            select(Commitment).where(Commitment.workshop_id == workshop_id).order_by(Commitment.position, Commitment.id)
        )
        return {
            "workshop": {
                "client": w.client.name, "title": w.title, "date": _date(w.date), "place": w.place,
                "facilitator": w.facilitator, "language": w.language, "paper": w.paper,
                "min_group_size": w.min_group_size, "instrument_id": w.instrument_id,
                "instrument_version": w.instrument_version, "revealed": w.revealed,
                "next_review": _date(w.next_review), "handoff_after": w.handoff_after,
                "start_time": w.start_time,
            },
            "participants": [
                {"name": p.name, "function": p.function, "position": p.position, "answers": answers[p.id]}
                for p in people
            ],
            "decision": None if decision is None else {
                "current_stage": decision.current_stage, "choice": decision.choice,
                "target_stage": decision.target_stage, "ticked": list(decision.ticked or []), "note": decision.note,
            },
            "practices": [{"practice": r.practice_id, "status": r.status, "note": r.note} for r in reviews],
            "funnel": [{"stage": f.stage_id, "owner": f.owner, "note": f.note} for f in funnel],
            "commitments": [
                {
                    "what": c.what, "owner": c.owner, "function": c.function, "due_date": _date(c.due_date),
                    "success_measure": c.success_measure, "status": c.status, "practice": c.practice_id,
                    "review_note": c.review_note, "position": c.position,
                    "carried_from": _origin(session, c.carried_from_id),
                }
                for c in commitments
            ],
        }


def _origin(session: Any, commitment_id: int | None) -> dict[str, Any] | None:
    """Where a carried-forward commitment came from, by content (ids differ between databases)."""
    origin = session.get(Commitment, commitment_id) if commitment_id is not None else None
    if origin is None:
        return None
    workshop = session.get(Workshop, origin.workshop_id)
    return {"workshop_date": _date(workshop.date), "workshop_title": workshop.title, "what": origin.what}


def export_workshop(db: Database, workshop_id: int, out: str | Path) -> Path:
    data = export_data(db, workshop_id)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "checksum": checksum(data),
        "data": data,
    }
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(out)  # never leave a half-written file under the real name
    except OSError as exc:
        raise InputError(N_("{out}: cannot write the file ({strerror})."), out=out, strerror=exc.strerror) from None
    return out


def read_document(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    raw = read_capped(path, MAX_BYTES)
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(N_("{name}: not a workshop file (not UTF-8 text)."), name=path.name) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            N_("{name}: not a workshop file, or a damaged one (line {lineno}, column {colno}: {msg})."),
            name=path.name, lineno=exc.lineno, colno=exc.colno, msg=exc.msg
        ) from None
    except RecursionError:
        raise InputError(N_("{name}: the file is nested too deeply to be a workshop file."), name=path.name) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(N_("{name}: not an Alignment Workshop file."), name=path.name)
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(N_("{name}: format_version is missing or not a number."), name=path.name)
    if version > FORMAT_VERSION:
        raise InputError(
            N_("{name}: written by a newer version of the app (file format {version}); this version reads "
               "format {FORMAT_VERSION}."), name=path.name, version=version, FORMAT_VERSION=FORMAT_VERSION
        )
    if version < 1:
        raise InputError(N_("{name}: unknown file format {version}."), name=path.name, version=version)
    data = document.get("data")
    try:
        expected = checksum(data)
    except (UnicodeEncodeError, RecursionError):  # a lone surrogate ("\ud800") or absurd nesting
        raise InputError(N_("{name}: not a workshop file, or a damaged one (it holds invalid text)."),
                         name=path.name) from None
    if document.get("checksum") != expected:
        raise InputError(N_("{name}: the checksum does not match; the file was changed or truncated."), name=path.name)
    return document


def import_workshop(db: Database, path: str | Path) -> int:
    """Create a new workshop from a workshop file; returns its id. All or nothing."""
    document = read_document(path)
    return restore_from_data(db, document["data"], Path(path).name)


def restore_from_data(db: Database, data: Any, name: str = "workshop data") -> int:
    """Create a workshop from ``export_data`` output (a file's data, or an undo snapshot)."""
    checked = check_data(data, name)
    fields = dict(checked.workshop)
    with db.session() as session:
        workshop = Workshop(client=get_client(session, fields.pop("client").strip()), **fields)
        session.add(workshop)
        session.flush()
        for row in checked.people:
            person = Participant(workshop_id=workshop.id, name=row.name, function=row.function, position=row.position)
            session.add(person)
            session.flush()
            for qid, score, source, at in row.answers:
                answer = Answer(participant_id=person.id, statement_id=qid, score=score, source=source)
                if at is not None:
                    answer.answered_at = at.replace(tzinfo=None)
                session.add(answer)
        if checked.decision is not None:
            checked.decision.workshop_id = workshop.id
            session.add(checked.decision)
        for row in checked.rows:
            row.workshop_id = workshop.id
            session.add(row)
        session.flush()
        _relink_carried(session, workshop, [r for r in checked.rows if isinstance(r, Commitment)], checked)
        return workshop.id


def _relink_carried(session: Any, workshop: Workshop, commitments: list[Commitment], checked: Any) -> None:
    """Link carried-forward commitments to their origin when that workshop of the client is here too."""
    for index, (date, title, what) in checked.carried_from.items():
        commitments[index].carried_from_id = session.scalar(
            select(Commitment.id).join(Workshop, Commitment.workshop_id == Workshop.id).where(
                Workshop.client_id == workshop.client_id, Workshop.id != workshop.id, Workshop.date == date,
                Workshop.title == title, Commitment.what == what,
            ).order_by(Commitment.id).limit(1)
        )
    session.flush()
