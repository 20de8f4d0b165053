"""The facilitator's guide: what to say and watch for at each step, questions per statement,
the opening slide and short cases, loaded from resources/guide/ in both languages.

Like the instrument, the guide is data checked thoroughly on load, so the screens, the
run sheet and the report can trust it. It is for the facilitator; only the opening slide and
the statement questions are meant for the room.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from workshop.instrument import (
    STAGE_IDS,
    STATEMENT_IDS,
    Instrument,
    InstrumentError,
    Text,
    _Reader,
    default_instrument,
)
from workshop.paths import resources_dir

# The session steps in the order the facilitator runs them (ui.steps.STEPS has the same keys).
STEP_IDS = ("prepare", "score", "reveal", "decide", "plan", "funnel", "commit", "close")
# Steps only some workshops have ("Since last time" opens a follow-up, right after Prepare):
# guided like the others, but outside the common agenda.
FOLLOW_UP_STEP_IDS = ("since",)
GUIDE_FILE = "facilitator_guide.json"
MIN_QUESTIONS, MAX_QUESTIONS = 2, 3
MAX_STEP_MINUTES = 240
DEFAULT_START = time(9, 0)


class GuideError(InstrumentError):
    """The guide file is unusable."""


@dataclass(frozen=True)
class StepGuide:
    id: str
    minutes: int
    purpose: Text
    script: Text
    look_for: Text


@dataclass(frozen=True)
class Break:
    after: str
    minutes: int
    title: Text


@dataclass(frozen=True)
class Friction:
    id: str
    title: Text
    points: tuple[Text, ...]


@dataclass(frozen=True)
class Opening:
    title: Text
    stages: dict[str, Text]
    stay_note: Text
    friction: tuple[Friction, ...]

    def __hash__(self) -> int:  # the dict makes it unhashable otherwise; the title is enough
        return hash(self.title)


@dataclass(frozen=True)
class Case:
    id: str
    practices: tuple[str, ...]
    title: Text
    text: Text


@dataclass(frozen=True)
class AgendaItem:
    step: str | None  # None for the break
    title: Text | None  # only the break has its own title; steps are named by the interface
    start: datetime
    minutes: int

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Guide:
    version: str
    steps: tuple[StepGuide, ...]
    pause: Break
    questions: dict[str, tuple[Text, ...]]
    opening: Opening
    cases: tuple[Case, ...]
    handoff_prompts: tuple[Text, ...]  # the risks of the funnel's hand-off, as questions for the room
    follow_up_steps: tuple[StepGuide, ...] = ()  # FOLLOW_UP_STEP_IDS, not in the agenda

    def __hash__(self) -> int:
        return hash(self.version)

    @property
    def all_steps(self) -> tuple[StepGuide, ...]:
        """Every guided step: the common ones and those only a follow-up has."""
        return self.steps + self.follow_up_steps

    def step(self, step_id: str) -> StepGuide:
        for step in self.all_steps:
            if step.id == step_id:
                return step
        raise GuideError(f"Unknown step {step_id!r}; expected one of {', '.join(STEP_IDS + FOLLOW_UP_STEP_IDS)}.")

    def questions_for(self, qid: str) -> tuple[Text, ...]:
        if qid not in self.questions:
            raise GuideError(f"Unknown statement {qid!r}; expected q01 to q20.")
        return self.questions[qid]

    def cases_for(self, practice_id: str) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if practice_id in c.practices)

    def session_steps(self, follow_up: bool = False) -> tuple[StepGuide, ...]:
        """The steps of a session in their order: a follow-up opens on the review of last time's
        commitments, right after Prepare and before anyone scores."""
        if not follow_up:
            return self.steps
        ordered: list[StepGuide] = []
        for step in self.steps:
            ordered.append(step)
            if step.id == "prepare":
                ordered.extend(self.follow_up_steps)
        return tuple(ordered)

    @property
    def total_minutes(self) -> int:
        return self.session_minutes()

    def session_minutes(self, follow_up: bool = False) -> int:
        return sum(s.minutes for s in self.session_steps(follow_up)) + self.pause.minutes

    def agenda(self, day: date, start: time | None = None, *, follow_up: bool = False) -> tuple[AgendaItem, ...]:
        """The steps (and the break) with their clock times, from the workshop's date and start."""
        at = datetime.combine(day, start or DEFAULT_START)
        items = []
        for step in self.session_steps(follow_up):
            items.append(AgendaItem(step.id, None, at, step.minutes))
            at += timedelta(minutes=step.minutes)
            if step.id == self.pause.after:
                items.append(AgendaItem(None, self.pause.title, at, self.pause.minutes))
                at += timedelta(minutes=self.pause.minutes)
        return tuple(items)


def _minutes(r: _Reader, obj: dict[str, Any], key: str, path: str) -> int:
    value = r.get(obj, key, path, int)
    if not 1 <= value <= MAX_STEP_MINUTES:
        r.fail(f"{path}.{key}", f"is {value} but must lie between 1 and {MAX_STEP_MINUTES} minutes")
    return value


def _steps(data: dict[str, Any], r: _Reader, key: str = "steps", ids: tuple[str, ...] = STEP_IDS
           ) -> tuple[StepGuide, ...]:
    if key not in data and ids is FOLLOW_UP_STEP_IDS:
        return ()  # a guide file from before follow-ups had their own step
    raw = r.items(data, key, "")
    r.expect_ids(raw, ids, key)
    return tuple(StepGuide(s["id"], _minutes(r, s, "minutes", p), r.text(s, "purpose", p),
                           r.text(s, "script", p), r.text(s, "look_for", p)) for p, s in raw)


def _questions(data: dict[str, Any], r: _Reader) -> dict[str, tuple[Text, ...]]:
    table = r.get(data, "statements", "", dict)
    missing = [q for q in STATEMENT_IDS if q not in table]
    if missing:
        r.fail("statements", f"is missing {', '.join(missing)}")
    extra = sorted(set(table) - set(STATEMENT_IDS))
    if extra:
        r.fail(f"statements.{extra[0]}", "is not one of q01 to q20")
    out = {}
    for qid in STATEMENT_IDS:
        items = r.get(table, qid, "statements", list)
        if not MIN_QUESTIONS <= len(items) <= MAX_QUESTIONS:
            r.fail(f"statements.{qid}", f"has {len(items)} questions but needs {MIN_QUESTIONS} or {MAX_QUESTIONS}")
        out[qid] = tuple(Text(*(r.get(q, lang, f"statements.{qid}[{i}]", str) for lang in ("nl", "en")))
                         for i, q in enumerate(items))
    return out


def _opening(data: dict[str, Any], r: _Reader) -> Opening:
    raw = r.get(data, "opening", "", dict)
    stages = r.get(raw, "stages", "opening", dict)
    if list(stages) != list(STAGE_IDS):
        r.fail("opening.stages", f"must have exactly the keys {', '.join(STAGE_IDS)}, in that order")
    friction = []
    for p, f in r.items(raw, "friction", "opening"):
        points = tuple(Text(*(r.get(x, lang, f"{p}.points[{i}]", str) for lang in ("nl", "en")))
                       for i, x in enumerate(r.get(f, "points", p, list)))
        friction.append(Friction(f["id"], r.text(f, "title", p), points))
    return Opening(r.text(raw, "title", "opening"), {s: r.text(stages, s, "opening.stages") for s in STAGE_IDS},
                   r.text(raw, "stay_note", "opening"), tuple(friction))


def _cases(data: dict[str, Any], r: _Reader, instrument: Instrument) -> tuple[Case, ...]:
    known = {p.id for p in instrument.practices}
    cases = []
    for p, c in r.items(data, "cases", ""):
        practices = c.get("practices")
        if not isinstance(practices, list) or not practices or not all(isinstance(x, str) for x in practices):
            r.fail(f"{p}.practices", "must be a non-empty list of practice ids")
        for i, practice in enumerate(practices):
            if practice not in known:
                r.fail(f"{p}.practices[{i}]", f"names the unknown practice {practice!r}")
        cases.append(Case(c["id"], tuple(practices), r.text(c, "title", p), r.text(c, "text", p)))
    return tuple(cases)


def _parse(data: Any, r: _Reader, instrument: Instrument) -> Guide:
    if not isinstance(data, dict):
        r.fail("the top level", "must be an object")
    if r.get(data, "instrument", "", str) != instrument.id:
        r.fail("instrument", f"is {data['instrument']!r} but the instrument is {instrument.id!r}")
    steps = _steps(data, r)
    raw_break = r.get(data, "break", "", dict)
    if r.get(raw_break, "after", "break", str) not in STEP_IDS:
        r.fail("break.after", f"names the unknown step {raw_break['after']!r}")
    pause = Break(raw_break["after"], _minutes(r, raw_break, "minutes", "break"), r.text(raw_break, "title", "break"))
    handoff = tuple(Text(*(r.get(x, lang, f"handoff_prompts[{i}]", str) for lang in ("nl", "en")))
                    for i, x in enumerate(r.get(data, "handoff_prompts", "", list)))
    return Guide(r.get(data, "version", "", str), steps, pause, _questions(data, r), _opening(data, r),
                 _cases(data, r, instrument), handoff, _steps(data, r, "follow_up_steps", FOLLOW_UP_STEP_IDS))


def default_path() -> Path:
    return resources_dir() / "guide" / GUIDE_FILE


def load_guide(path: str | Path | None = None, instrument: Instrument | None = None) -> Guide:
    """Read and check a guide file; ``None`` means the one shipped with the app."""
    path = Path(path) if path is not None else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GuideError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise GuideError(f"{path.name}: is not valid JSON ({exc})") from exc
    reader = _Reader(path.name)
    try:
        return _parse(data, reader, instrument or default_instrument())
    except GuideError:
        raise
    except InstrumentError as exc:  # the shared reader raises the instrument's error type
        raise GuideError(exc.message) from exc


@functools.cache
def default_guide() -> Guide:
    """The shipped guide, read once."""
    return load_guide()
