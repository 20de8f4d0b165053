"""Checking the ``data`` part of a workshop file field by field before anything is written.

Every problem is collected with its JSON path (``participants[3].answers[0].score``), so
the user sees them all at once and the import stays all or nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from workshop.errors import InputError
from workshop.i18n import N_
from workshop.instrument import default_instrument
from workshop.storage.models import (
    DECISION_CHOICES,
    SOURCES,
    Commitment,
    Decision,
    FunnelOwner,
    PracticeReview,
)
from workshop.validation import parse_date, parse_language, parse_min_group, parse_paper, parse_start_time
from workshop.vocabulary import COMMITMENT_STATUSES, FUNCTIONS, FUNNEL_OWNERS, PRACTICE_STATUSES

STAGES = ("undefined", "defined", "aligned", "integrated")
AnswerRow = tuple[str | None, Any, str | None, dt.datetime | None]


@dataclass
class PersonRow:
    name: str | None
    function: str | None
    position: int
    answers: list[AnswerRow]


@dataclass
class CheckedData:
    workshop: dict[str, Any]
    people: list[PersonRow] = field(default_factory=list)
    decision: Decision | None = None
    rows: list[Any] = field(default_factory=list)  # practice reviews, funnel owners, commitments
    # Index among the commitments → origin of a carried-forward one, by content: the earlier
    # workshop's date and title (same client) and what was committed.
    carried_from: dict[int, tuple[dt.date, str, str]] = field(default_factory=dict)


class Checker:
    """Collects every problem with its path instead of stopping at the first."""

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
        if value and not value.strip():
            self.fail(path, "holds only spaces")
            return None
        return value

    def boolean(self, value: Any, path: str, default: bool) -> bool:
        # JSON's true and false only: "no" or 0 must not be read as a yes or a no.
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(path, f"must be true or false, not {value!r}")
            return default
        return value

    def choice(self, value: Any, path: str, allowed: tuple[str, ...], *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.fail(path, f"must be one of {', '.join(allowed)}, not {value!r}")
            return None
        return value

    def integer(self, value: Any, path: str, default: int) -> int:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "must be a whole number")
            return default
        if not -(2**31) <= value < 2**31:
            self.fail(path, "is far out of range")
            return default
        return value

    def parsed(self, parser: Any, value: Any, path: str, *, optional: bool = False) -> Any:
        if value is None and optional:
            return None
        try:
            return parser(value)
        except (InputError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            self.fail(path, str(getattr(exc, "message", exc)))
            return None


def check_data(data: Any, filename: str) -> CheckedData:
    c = Checker()
    data = c.obj(data, "data")
    checked = CheckedData(workshop=_workshop(c, c.obj(data.get("workshop"), "workshop")))
    checked.people = _people(c, data.get("participants", []))
    if data.get("decision") is not None:
        checked.decision = _decision(c, c.obj(data["decision"], "decision"))
    checked.rows = [*_practices(c, data), *_funnel(c, data), *_commitments(c, data, checked.carried_from)]
    if c.problems:
        raise InputError(
            N_("{filename}: the workshop file has {count} problem(s); nothing was imported."), c.problems,
            filename=filename, count=len(c.problems),
        )
    return checked


def _workshop(c: Checker, w: dict[str, Any]) -> dict[str, Any]:
    stage_ids = tuple(s.id for s in default_instrument().funnel.buying_stages)
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
        "revealed": c.boolean(w.get("revealed"), "workshop.revealed", False),
        "next_review": c.parsed(parse_date, w.get("next_review"), "workshop.next_review", optional=True),
        "handoff_after": c.choice(w.get("handoff_after"), "workshop.handoff_after", stage_ids, optional=True),
        # Files from before the start time existed simply have none.
        "start_time": c.parsed(parse_start_time, w.get("start_time") or None, "workshop.start_time", optional=True),
    }
    for name in ("client", "title"):
        # Only when the field itself passed: a wrong one is already named, once.
        if fields[name] is not None and not fields[name].strip():
            c.fail(f"workshop.{name}", "must not be empty")
    return fields


def _people(c: Checker, raw: Any) -> list[PersonRow]:
    known = tuple(default_instrument().statement_ids)
    people = []
    seen: set[str] = set()
    for i, p in enumerate(c.list(raw, "participants")):
        where = f"participants[{i}]"
        p = c.obj(p, where)
        name = c.text(p.get("name"), f"{where}.name", optional=True, limit=200)
        if name:
            if name.lower() in seen:
                c.fail(f"{where}.name", f"{name!r} appears twice")
            seen.add(name.lower())
        answers: list[AnswerRow] = []
        given: set[str] = set()
        for j, a in enumerate(c.list(p.get("answers", []), f"{where}.answers", limit=100)):
            at_path = f"{where}.answers[{j}]"
            a = c.obj(a, at_path)
            qid = c.choice(a.get("statement"), f"{at_path}.statement", known)
            if qid in given:
                c.fail(f"{at_path}.statement", f"{qid} is answered twice")
            given.add(qid or "")
            score = a.get("score")
            if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
                c.fail(f"{at_path}.score", f"{score!r} is not a whole number from 1 to 5")
            source = c.choice(a.get("source", "import"), f"{at_path}.source", SOURCES)
            at = c.parsed(dt.datetime.fromisoformat, a.get("answered_at"), f"{at_path}.answered_at", optional=True)
            answers.append((qid, score, source, at))
        function = c.choice(p.get("function"), f"{where}.function", FUNCTIONS)
        position = c.integer(p.get("position"), f"{where}.position", i + 1)
        people.append(PersonRow(name or None, function, position, answers))
    return people


def _decision(c: Checker, d: dict[str, Any]) -> Decision:
    ticked = [
        c.text(t, f"decision.ticked[{k}]", limit=100)
        for k, t in enumerate(c.list(d.get("ticked", []), "decision.ticked", 100))
    ]
    return Decision(
        current_stage=c.choice(d.get("current_stage"), "decision.current_stage", STAGES, optional=True),
        choice=c.choice(d.get("choice"), "decision.choice", DECISION_CHOICES, optional=True),
        target_stage=c.choice(d.get("target_stage"), "decision.target_stage", STAGES, optional=True),
        ticked=ticked,
        note=c.text(d.get("note", ""), "decision.note") or "",
    )


def _practices(c: Checker, data: dict[str, Any]) -> list[PracticeReview]:
    practices = tuple(p.id for p in default_instrument().practices)
    rows = []
    for i, r in enumerate(c.list(data.get("practices", []), "practices", 500)):
        where = f"practices[{i}]"
        r = c.obj(r, where)
        practice_id = c.choice(r.get("practice"), f"{where}.practice", practices)
        if practice_id is not None and any(row.practice_id == practice_id for row in rows):
            c.fail(f"{where}.practice", f"{practice_id} appears twice")
        rows.append(PracticeReview(
            practice_id=practice_id,
            status=c.choice(r.get("status"), f"{where}.status", PRACTICE_STATUSES, optional=True),
            note=c.text(r.get("note", ""), f"{where}.note") or "",
        ))
    return rows


def _funnel(c: Checker, data: dict[str, Any]) -> list[FunnelOwner]:
    stage_ids = tuple(s.id for s in default_instrument().funnel.buying_stages)
    rows = []
    for i, f in enumerate(c.list(data.get("funnel", []), "funnel", 100)):
        where = f"funnel[{i}]"
        f = c.obj(f, where)
        stage_id = c.choice(f.get("stage"), f"{where}.stage", stage_ids)
        if stage_id is not None and any(row.stage_id == stage_id for row in rows):
            c.fail(f"{where}.stage", f"{stage_id} appears twice")
        rows.append(FunnelOwner(
            stage_id=stage_id,
            owner=c.choice(f.get("owner"), f"{where}.owner", FUNNEL_OWNERS),
            note=c.text(f.get("note", ""), f"{where}.note") or "",
        ))
    return rows


def _commitments(c: Checker, data: dict[str, Any], carried: dict[int, tuple[dt.date, str, str]]) -> list[Commitment]:
    practices = tuple(p.id for p in default_instrument().practices)
    rows = []
    for i, m in enumerate(c.list(data.get("commitments", []), "commitments", 2000)):
        where = f"commitments[{i}]"
        m = c.obj(m, where)
        if m.get("carried_from") is not None:
            origin = c.obj(m["carried_from"], f"{where}.carried_from")
            date = c.parsed(parse_date, origin.get("workshop_date"), f"{where}.carried_from.workshop_date")
            title = c.text(origin.get("workshop_title"), f"{where}.carried_from.workshop_title", limit=200)
            what = c.text(origin.get("what"), f"{where}.carried_from.what")
            if date is not None and title is not None and what is not None:
                carried[len(rows)] = (date, title, what)
        rows.append(Commitment(
            what=c.text(m.get("what"), f"{where}.what") or "",
            owner=c.text(m.get("owner", ""), f"{where}.owner", limit=200) or "",
            function=c.choice(m.get("function"), f"{where}.function", FUNCTIONS, optional=True),
            due_date=c.parsed(parse_date, m.get("due_date"), f"{where}.due_date", optional=True),
            success_measure=c.text(m.get("success_measure", ""), f"{where}.success_measure") or "",
            status=c.choice(m.get("status", "open"), f"{where}.status", COMMITMENT_STATUSES) or "open",
            practice_id=c.choice(m.get("practice"), f"{where}.practice", practices, optional=True),
            review_note=c.text(m.get("review_note", ""), f"{where}.review_note") or "",
            position=c.integer(m.get("position"), f"{where}.position", i + 1),
        ))
    return rows
