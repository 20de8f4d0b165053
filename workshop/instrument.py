"""The questionnaire, stages, decision table, practices and funnel, loaded from resources/.

Content is data: every text lives in the JSON file in both languages. This module checks
that file thoroughly on load, so the rest of the app can trust what it gets.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from workshop.errors import WorkshopError
from workshop.i18n import N_
from workshop.paths import resources_dir

LANGUAGES = ("nl", "en")
STAGE_IDS = ("undefined", "defined", "aligned", "integrated")
MOVES = ("undefined-defined", "defined-aligned", "aligned-integrated")
# Easiest to hardest, as the integration checklist orders the work of the last move. The structural
# changes (one executive over both, Marketing split up) are neither activities nor processes: own group.
PRACTICE_GROUPS = ("activities", "processes", "structure", "culture")
OWNERS = ("marketing", "sales")
STATEMENT_IDS = tuple(f"q{n:02d}" for n in range(1, 21))
INSTRUMENT_FILE = "sales_marketing_alignment.json"


class InstrumentError(WorkshopError):
    """The instrument file is unusable, or an id asked of it does not exist."""


@dataclass(frozen=True)
class Text:
    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
        return getattr(self, lang)


@dataclass(frozen=True)
class ScaleLabel:
    value: int
    label: Text


@dataclass(frozen=True)
class Theme:
    id: str
    name: Text
    description: Text


@dataclass(frozen=True)
class Statement:
    id: str
    theme: str
    text: Text


@dataclass(frozen=True)
class Stage:
    id: str
    name: Text
    description: Text
    lower: int
    upper: int


@dataclass(frozen=True)
class Condition:
    id: str
    text: Text


@dataclass(frozen=True)
class DecisionRule:
    stage: str
    stay_if: tuple[Condition, ...]
    move_if: tuple[Condition, ...]
    stay_note: Text  # when staying at this stage is usually the right call


@dataclass(frozen=True)
class Practice:
    id: str
    move: str
    group: str | None
    title: Text
    description: Text

    @property
    def from_stage(self) -> str:
        return self.move.split("-", 1)[0]

    @property
    def to_stage(self) -> str:
        return self.move.split("-", 1)[1]


@dataclass(frozen=True)
class BuyingStage:
    id: str
    name: Text
    conventional_owner: str


@dataclass(frozen=True)
class SalesStep:
    id: str
    name: Text
    contribution: Text


@dataclass(frozen=True)
class Funnel:
    buying_stages: tuple[BuyingStage, ...]
    handoff_after: str
    sales_steps: tuple[SalesStep, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: Text
    source: Text
    themes_note: Text
    scale: tuple[ScaleLabel, ...]
    themes: tuple[Theme, ...]
    statements: tuple[Statement, ...]
    stages: tuple[Stage, ...]
    # Left out of the hash so the instrument stays hashable although it holds a dict.
    decision: dict[str, DecisionRule] = field(hash=False)
    practices: tuple[Practice, ...]
    funnel: Funnel

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statements)

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise InstrumentError(N_("Unknown stage {stage_id!r}; expected one of {items}."),
                              stage_id=stage_id, items=', '.join(STAGE_IDS))

    def statement(self, qid: str) -> Statement:
        for statement in self.statements:
            if statement.id == qid:
                return statement
        raise InstrumentError(N_("Unknown statement {qid!r}; expected q01 to q20."), qid=qid)

    def stage_for(self, total: float) -> Stage:
        """The stage whose band holds ``total``; only the top band includes its upper bound."""
        for stage in self.stages:
            if stage.lower <= total < stage.upper:
                return stage
        if total == self.stages[-1].upper:
            return self.stages[-1]
        raise ValueError(f"total {total} is outside {self.stages[0].lower}–{self.stages[-1].upper}")

    def practices_between(self, current: str, target: str) -> tuple[Practice, ...]:
        wanted = MOVES[STAGE_IDS.index(self.stage(current).id):STAGE_IDS.index(self.stage(target).id)]
        # The loader guarantees the file lists practices in move order, so filtering keeps it.
        return tuple(p for p in self.practices if p.move in wanted)

    def next_stage(self, stage_id: str) -> str | None:
        index = STAGE_IDS.index(self.stage(stage_id).id)
        return STAGE_IDS[index + 1] if index + 1 < len(STAGE_IDS) else None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_CHECKS: dict[type, tuple[str, Callable[[Any], bool]]] = {
    str: ("is empty", lambda v: isinstance(v, str) and bool(v.strip())),
    # bool is an int subclass; true/false in the file is a slip, not a number.
    int: ("must be a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    dict: ("must be an object", lambda v: isinstance(v, dict)),
    list: ("must be a non-empty list of objects",
           lambda v: isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)),
}


class _Reader:
    """Walks the parsed JSON, failing with the file name and the exact path of a problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, problem: str) -> NoReturn:
        raise InstrumentError(N_("{source}: {path} {problem}"), source=self.source, path=path, problem=problem)

    def get(self, obj: dict[str, Any], key: str, path: str, kind: type) -> Any:
        if key not in obj:
            self.fail(_join(path, key), "is missing")
        problem, valid = _CHECKS[kind]
        if not valid(obj[key]):
            self.fail(_join(path, key), problem)
        return obj[key]

    def text(self, obj: dict[str, Any], key: str, path: str) -> Text:
        value = self.get(obj, key, path, dict)
        return Text(*(self.get(value, lang, _join(path, key), str) for lang in LANGUAGES))

    def items(self, obj: dict[str, Any], key: str, path: str) -> list[tuple[str, dict]]:
        """A non-empty list of objects whose ids are unique in the list, each with its path."""
        where, seen = _join(path, key), set()
        out = [(f"{where}[{i}]", x) for i, x in enumerate(self.get(obj, key, path, list))]
        for item_path, item in out:
            if self.get(item, "id", item_path, str) in seen:
                self.fail(f"{item_path}.id", f"repeats the id {item['id']!r}")
            seen.add(item["id"])
        return out

    def expect_ids(self, items: list[tuple[str, dict]], expected: tuple[str, ...], where: str) -> None:
        missing = [e for e in expected if e not in {item["id"] for _, item in items}]
        if missing:
            self.fail(where, f"is missing {', '.join(missing)}")
        for (path, item), want in zip(items, expected, strict=False):
            if item["id"] != want:
                self.fail(f"{path}.id", f"is {item['id']!r} but {want!r} belongs here")
        if len(items) > len(expected):
            names = ", ".join(expected) if len(expected) < 6 else f"{expected[0]} to {expected[-1]}"
            self.fail(f"{items[len(expected)][0]}.id", f"is not one of {names}")


def _stages(data: dict[str, Any], r: _Reader) -> tuple[Stage, ...]:
    raw = r.items(data, "stages", "")
    r.expect_ids(raw, STAGE_IDS, "stages")
    stages = [Stage(s["id"], r.text(s, "name", p), r.text(s, "description", p),
                    r.get(s, "lower", p, int), r.get(s, "upper", p, int)) for p, s in raw]
    previous = 20  # the lowest possible total: twenty statements scored 1
    for i, stage in enumerate(stages):
        if stage.lower != previous:
            kind = "a gap" if stage.lower > previous else "an overlap"
            below = f"stages[{i - 1}].upper is {previous}" if i else "the lowest total is 20"
            r.fail(f"stages[{i}].lower", f"is {stage.lower} but {below}: {kind} in the bands")
        if stage.lower >= stage.upper:
            r.fail(f"stages[{i}]", f"has an empty band {stage.lower}–{stage.upper}")
        previous = stage.upper
    if previous != 100:
        r.fail(f"stages[{len(stages) - 1}].upper", f"is {previous} but the highest total is 100")
    return tuple(stages)


def _decision(data: dict[str, Any], r: _Reader) -> dict[str, DecisionRule]:
    table = r.get(data, "decision", "", dict)
    if set(table) != set(STAGE_IDS[:-1]):
        r.fail("decision", f"must have exactly the keys {', '.join(STAGE_IDS[:-1])}")
    decision: dict[str, DecisionRule] = {}
    seen: set[str] = set()
    for stage_id in STAGE_IDS[:-1]:
        where = f"decision.{stage_id}"
        rule, lists = r.get(table, stage_id, "decision", dict), []
        for key in ("stay_if", "move_if"):
            lists.append(tuple(Condition(c["id"], r.text(c, "text", p))
                               for p, c in r.items(rule, key, where)))
            # Ids key the checkboxes of the whole table, so they must not repeat anywhere.
            for c in lists[-1]:
                if c.id in seen:
                    r.fail(f"{where}.{key}", f"repeats the condition id {c.id!r}")
                seen.add(c.id)
        decision[stage_id] = DecisionRule(stage_id, lists[0], lists[1], r.text(rule, "stay_note", where))
    return decision


def _practices(data: dict[str, Any], r: _Reader) -> tuple[Practice, ...]:
    practices, last_rank = [], (0, 0)
    for p, x in r.items(data, "practices", ""):
        move, group = r.get(x, "move", p, str), x.get("group")
        if move not in MOVES:
            r.fail(f"{p}.move", f"is {move!r}; expected one of {', '.join(MOVES)}")
        if move == MOVES[-1] and group not in PRACTICE_GROUPS:
            r.fail(f"{p}.group", f"must be one of {', '.join(PRACTICE_GROUPS)} for {move}")
        if move != MOVES[-1] and group is not None:
            r.fail(f"{p}.group", f"must be null for {move}")
        # Checked here so that practices_between can simply keep the file's order.
        rank = (MOVES.index(move), PRACTICE_GROUPS.index(group) if group else 0)
        if rank < last_rank:
            r.fail(p, "is out of order: practices go by move, then by group")
        last_rank = rank
        practices.append(Practice(x["id"], move, group, r.text(x, "title", p),
                                  r.text(x, "description", p)))
    return tuple(practices)


def _funnel(data: dict[str, Any], r: _Reader) -> Funnel:
    raw = r.get(data, "funnel", "", dict)
    buying = []
    for p, b in r.items(raw, "buying_stages", "funnel"):
        owner = r.get(b, "conventional_owner", p, str)
        if owner not in OWNERS:
            r.fail(f"{p}.conventional_owner", f"is {owner!r}; expected marketing or sales")
        buying.append(BuyingStage(b["id"], r.text(b, "name", p), owner))
    handoff = r.get(raw, "handoff_after", "funnel", str)
    if handoff not in {b.id for b in buying}:
        r.fail("funnel.handoff_after", f"names the unknown buying stage {handoff!r}")
    steps = tuple(SalesStep(s["id"], r.text(s, "name", p), r.text(s, "contribution", p))
                  for p, s in r.items(raw, "sales_steps", "funnel"))
    return Funnel(tuple(buying), handoff, steps)


def _parse(data: Any, r: _Reader) -> Instrument:
    if not isinstance(data, dict):
        r.fail("the top level", "must be an object")
    scale = tuple(ScaleLabel(r.get(s, "value", f"scale[{i}]", int), r.text(s, "label", f"scale[{i}]"))
                  for i, s in enumerate(r.get(data, "scale", "", list)))
    if [s.value for s in scale] != [1, 2, 3, 4, 5]:
        r.fail("scale", "must have the values 1 to 5 in order")
    themes = tuple(Theme(t["id"], r.text(t, "name", p), r.text(t, "description", p))
                   for p, t in r.items(data, "themes", ""))
    raw = r.items(data, "statements", "")
    r.expect_ids(raw, STATEMENT_IDS, "statements")
    for p, s in raw:
        if r.get(s, "theme", p, str) not in {t.id for t in themes}:
            r.fail(f"{p}.theme", f"names the unknown theme {s['theme']!r}")
    return Instrument(
        id=r.get(data, "id", "", str), version=r.get(data, "version", "", str),
        title=r.text(data, "title", ""), source=r.text(data, "source", ""),
        themes_note=r.text(data, "themes_note", ""), scale=scale, themes=themes,
        statements=tuple(Statement(s["id"], s["theme"], r.text(s, "text", p)) for p, s in raw),
        stages=_stages(data, r), decision=_decision(data, r),
        practices=_practices(data, r), funnel=_funnel(data, r),
    )


def default_path() -> Path:
    return resources_dir() / "instruments" / INSTRUMENT_FILE


def load_instrument(path: str | Path | None = None) -> Instrument:
    """Read and check an instrument file; ``None`` means the one shipped with the app."""
    path = Path(path) if path is not None else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InstrumentError(N_("{name}: cannot be read ({value})"),
                              name=path.name, value=exc.strerror or exc) from exc
    except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
        raise InstrumentError(N_("{name}: is not valid JSON ({exc})"), name=path.name, exc=exc) from exc
    return _parse(data, _Reader(path.name))


@functools.cache
def default_instrument() -> Instrument:
    """The shipped instrument, read once: it cannot change while the app runs."""
    return load_instrument()
