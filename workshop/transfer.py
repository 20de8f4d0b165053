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
from workshop.db import Database
from workshop.errors import InputError
from workshop.instrument import default_instrument
from workshop.models import (
    COMMITMENT_STATUSES,
    DECISION_CHOICES,
    FUNCTIONS,
    FUNNEL_OWNERS,
    PRACTICE_STATUSES,
    SOURCES,
    Answer,
    Commitment,
    Decision,
    FunnelOwner,
    Participant,
    PracticeReview,
    Workshop,
)
from workshop.validation import parse_date, parse_language, parse_min_group, parse_paper
from workshop.workshops import get_client, load

FORMAT = "alignment-workshop"
FORMAT_VERSION = 1
MAX_BYTES = 50 * 1024 * 1024
STAGES = ("undefined", "defined", "aligned", "integrated")


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
            select(Participant).where(Participant.workshop_id == workshop_id).order_by(Participant.position, Participant.id)
        ).all()
        answers: dict[int, list[dict[str, Any]]] = {p.id: [] for p in people}
        for a in session.scalars(
            select(Answer).join(Participant).where(Participant.workshop_id == workshop_id).order_by(Answer.statement_id)
        ):
            answers[a.participant_id].append(
                {"statement": a.statement_id, "score": a.score, "source": a.source, "answered_at": _time(a.answered_at)}
            )
        decision = session.get(Decision, workshop_id)
        reviews = session.scalars(select(PracticeReview).where(PracticeReview.workshop_id == workshop_id).order_by(PracticeReview.id))
        funnel = session.scalars(select(FunnelOwner).where(FunnelOwner.workshop_id == workshop_id).order_by(FunnelOwner.id))
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
                }
                for c in commitments
            ],
        }


def export_workshop(db: Database, workshop_id: int, out: str | Path) -> Path:
    data = export_data(db, workshop_id)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "checksum": checksum(data),
        "data": data,
    }
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(out)  # never leave a half-written file under the real name
    except OSError as exc:
        raise InputError(f"{out}: cannot write the file ({exc.strerror}).") from None
    return out


class _Checker:
    """Collects every problem with its JSON path, e.g. ``participants[3].answers[0].score``."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "must be an object")
            return {}
        return value

    def list(self, value: Any, path: str, limit: int = 10000) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, "must be a list")
            return []
        if len(value) > limit:
            self.fail(path, f"has more than {limit} items")
            return []
        return value

    def text(self, value: Any, path: str, *, optional: bool = False, limit: int = 5000) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            self.fail(path, "must be text")
            return None
        if len(value) > limit:
            self.fail(path, f"is longer than {limit} characters")
            return None
        return value

    def choice(self, value: Any, path: str, allowed: tuple[str, ...], *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if value not in allowed:
            self.fail(path, f"must be one of {', '.join(allowed)}, not {value!r}")
            return None
        return value

    def parsed(self, parser: Any, value: Any, path: str, *, optional: bool = False) -> Any:
        if value is None and optional:
            return None
        try:
            return parser(value)
        except (InputError, TypeError, ValueError, AttributeError) as exc:
            self.fail(path, str(getattr(exc, "message", exc)))
            return None


def read_document(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{path.name}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror}).") from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not a workshop file (not UTF-8 text).") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path.name}: not a workshop file, or a damaged one (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise InputError(f"{path.name}: the file is nested too deeply to be a workshop file.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(f"{path.name}: not an Alignment Workshop file.")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(f"{path.name}: format_version is missing or not a number.")
    if version > FORMAT_VERSION:
        raise InputError(
            f"{path.name}: written by a newer version of the app (file format {version}); "
            f"this version reads format {FORMAT_VERSION}."
        )
    if version < 1:
        raise InputError(f"{path.name}: unknown file format {version}.")
    data = document.get("data")
    if document.get("checksum") != checksum(data):
        raise InputError(f"{path.name}: the checksum does not match; the file was changed or truncated.")
    return document


def import_workshop(db: Database, path: str | Path) -> int:
    """Create a new workshop from a workshop file; returns its id. All or nothing."""
    document = read_document(path)
    name = Path(path).name
    c = _Checker()
    data = c.obj(document["data"], "data")
    w = c.obj(data.get("workshop"), "workshop")
    known = set(default_instrument().statement_ids)
    practices = {p.id for p in default_instrument().practices}
    stages_ids = {s.id for s in default_instrument().funnel.buying_stages}
    fields = {
        "client": c.text(w.get("client"), "workshop.client", limit=200),
        "title": c.text(w.get("title"), "workshop.title", limit=200),
        "date": c.parsed(parse_date, w.get("date"), "workshop.date"),
        "place": c.text(w.get("place", ""), "workshop.place", limit=200),
        "facilitator": c.text(w.get("facilitator", ""), "workshop.facilitator", limit=200),
        "language": c.parsed(parse_language, w.get("language"), "workshop.language"),
        "paper": c.parsed(parse_paper, w.get("paper", "a4"), "workshop.paper"),
        "min_group_size": c.parsed(parse_min_group, w.get("min_group_size"), "workshop.min_group_size"),
        "instrument_id": c.text(w.get("instrument_id"), "workshop.instrument_id", limit=100),
        "instrument_version": c.text(w.get("instrument_version"), "workshop.instrument_version", limit=20),
        "revealed": bool(w.get("revealed", False)),
        "next_review": c.parsed(parse_date, w.get("next_review"), "workshop.next_review", optional=True),
        "handoff_after": c.choice(w.get("handoff_after"), "workshop.handoff_after", tuple(stages_ids), optional=True),
    }
    if not fields["client"] or not fields["title"]:
        c.fail("workshop", "client and title must not be empty")

    people = []
    seen: set[str] = set()
    for i, p in enumerate(c.list(data.get("participants", []), "participants")):
        path_ = f"participants[{i}]"
        p = c.obj(p, path_)
        person_name = c.text(p.get("name"), f"{path_}.name", optional=True, limit=200)
        if person_name:
            if person_name.lower() in seen:
                c.fail(f"{path_}.name", f"{person_name!r} appears twice")
            seen.add(person_name.lower())
        answers = []
        given: set[str] = set()
        for j, a in enumerate(c.list(p.get("answers", []), f"{path_}.answers", limit=100)):
            apath = f"{path_}.answers[{j}]"
            a = c.obj(a, apath)
            qid = c.choice(a.get("statement"), f"{apath}.statement", tuple(sorted(known)))
            if qid in given:
                c.fail(f"{apath}.statement", f"{qid} is answered twice")
            given.add(qid or "")
            score = a.get("score")
            if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
                c.fail(f"{apath}.score", f"{score!r} is not a whole number from 1 to 5")
            source = c.choice(a.get("source", "import"), f"{apath}.source", SOURCES)
            at = c.parsed(dt.datetime.fromisoformat, a.get("answered_at"), f"{apath}.answered_at", optional=True)
            answers.append((qid, score, source, at))
        position = p.get("position", i + 1)
        if isinstance(position, bool) or not isinstance(position, int):
            c.fail(f"{path_}.position", "must be a whole number")
        people.append((person_name or None, c.choice(p.get("function"), f"{path_}.function", FUNCTIONS), position, answers))

    decision = None
    if data.get("decision") is not None:
        d = c.obj(data["decision"], "decision")
        ticked = [c.text(t, f"decision.ticked[{k}]", limit=100) for k, t in enumerate(c.list(d.get("ticked", []), "decision.ticked", 100))]
        decision = Decision(
            current_stage=c.choice(d.get("current_stage"), "decision.current_stage", STAGES, optional=True),
            choice=c.choice(d.get("choice"), "decision.choice", DECISION_CHOICES, optional=True),
            target_stage=c.choice(d.get("target_stage"), "decision.target_stage", STAGES, optional=True),
            ticked=ticked, note=c.text(d.get("note", ""), "decision.note") or "",
        )
    reviews = []
    for i, r in enumerate(c.list(data.get("practices", []), "practices", 500)):
        r = c.obj(r, f"practices[{i}]")
        reviews.append(PracticeReview(
            practice_id=c.choice(r.get("practice"), f"practices[{i}].practice", tuple(sorted(practices))),
            status=c.choice(r.get("status"), f"practices[{i}].status", PRACTICE_STATUSES, optional=True),
            note=c.text(r.get("note", ""), f"practices[{i}].note") or "",
        ))
    funnel = []
    for i, f in enumerate(c.list(data.get("funnel", []), "funnel", 100)):
        f = c.obj(f, f"funnel[{i}]")
        funnel.append(FunnelOwner(
            stage_id=c.choice(f.get("stage"), f"funnel[{i}].stage", tuple(sorted(stages_ids))),
            owner=c.choice(f.get("owner"), f"funnel[{i}].owner", FUNNEL_OWNERS),
            note=c.text(f.get("note", ""), f"funnel[{i}].note") or "",
        ))
    commitments = []
    for i, m in enumerate(c.list(data.get("commitments", []), "commitments", 2000)):
        cp = f"commitments[{i}]"
        m = c.obj(m, cp)
        commitments.append(Commitment(
            what=c.text(m.get("what"), f"{cp}.what") or "",
            owner=c.text(m.get("owner", ""), f"{cp}.owner", limit=200) or "",
            function=c.choice(m.get("function"), f"{cp}.function", FUNCTIONS, optional=True),
            due_date=c.parsed(parse_date, m.get("due_date"), f"{cp}.due_date", optional=True),
            success_measure=c.text(m.get("success_measure", ""), f"{cp}.success_measure") or "",
            status=c.choice(m.get("status", "open"), f"{cp}.status", COMMITMENT_STATUSES) or "open",
            practice_id=c.choice(m.get("practice"), f"{cp}.practice", tuple(sorted(practices)), optional=True),
            review_note=c.text(m.get("review_note", ""), f"{cp}.review_note") or "",
            position=m.get("position", i + 1) if isinstance(m.get("position", i + 1), int) else i + 1,
        ))
    if c.problems:
        raise InputError(f"{name}: the workshop file has {len(c.problems)} problem(s); nothing was imported.", c.problems)

    with db.session() as session:
        client = get_client(session, fields.pop("client"))
        workshop = Workshop(client=client, **fields)
        session.add(workshop)
        session.flush()
        for person_name, function, position, answers in people:
            person = Participant(workshop_id=workshop.id, name=person_name, function=function, position=position)
            session.add(person)
            session.flush()
            for qid, score, source, at in answers:
                session.add(Answer(participant_id=person.id, statement_id=qid, score=score, source=source,
                                   **({"answered_at": at.replace(tzinfo=None)} if at else {})))
        if decision is not None:
            decision.workshop_id = workshop.id
            session.add(decision)
        for row in [*reviews, *funnel, *commitments]:
            row.workshop_id = workshop.id
            session.add(row)
        session.flush()
        return workshop.id
