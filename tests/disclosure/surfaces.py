"""Every surface a workshop's results appear on, as plug-ins, and the numbers each prints.

A surface turns a stored workshop into what it publishes: a text (read from the PDF with
``pdftotext``, from the screen's widgets, from the deck's slides), and for the results
JSON and the charts also facts with a meaning (see ``facts``). ``register_surface`` adds
one; the deck registers itself once ``workshop report --kind deck`` exists.

The numbers check: every number a text prints must be one the results JSON publishes
(in any rounding the app uses, with a decimal point or comma), a difference or theme
average of those, a bin of the charts, the reader's own total on their own copy, or a
number every page prints anyway (counts, page numbers, band bounds, the year). So no
surface can print a figure the JSON withholds, and the JSON's facts are what is proved.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.disclosure.cases import Case
from tests.disclosure.facts import Bins, Fact, dots_fact, json_facts

NAMES = ("Ada", "Ben", "Cas", "Dee", "Eva", "Fay", "Gus", "Hal", "Ivo", "Jet", "Kim", "Lou")
DATE = "2026-03-07"
# Counts, page numbers, dates, the band bounds, the years in the source and the dates.
NEUTRAL = frozenset({*(str(n) for n in range(0, 41)), "60", "80", "100", "2026", "2025", "2006"})
_CLIENTS = itertools.count(1)
NUMBER = re.compile(r"(?<![\w.,])[+\-\u2212]?\d+(?:[.,]\d+)?(?!\w)")


@dataclass
class Published:
    surface: str
    text: str = ""
    facts: list[Fact] = field(default_factory=list)
    reader: int | None = None  # a personal copy: whose


@dataclass(frozen=True)
class Surface:
    name: str
    produce: Callable[[Any, int, Case, Path], list[Published]]
    every_case: bool = False  # cheap enough to run on every generated workshop
    qt: bool = False  # needs a QApplication (the screens): run from tests/ui only


SURFACES: dict[str, Surface] = {}


def register_surface(name: str, produce: Callable[[Any, int, Case, Path], list[Published]], *,
                     every_case: bool = False, qt: bool = False) -> None:
    SURFACES[name] = Surface(name, produce, every_case, qt)


def store(db: Any, case: Case, lang: str = "en") -> int:
    """The case as a stored workshop; participant k is called NAMES[k]."""
    from workshop.participants import add_participant, set_answers
    from workshop.workshops import create_workshop

    client = "Acme " + "".join(chr(97 + int(d)) for d in str(next(_CLIENTS)))  # no digits, no shared history
    workshop = create_workshop(db, client, "Offsite", DATE, language=lang, min_group_size=case.min_group)
    for k, person in enumerate(case.people):
        info, _changes = add_participant(db, workshop.id, NAMES[k], person.function)
        if person.answers:
            set_answers(db, info.id, dict(person.answers), "kiosk")
    return workshop.id


# -- the surfaces ------------------------------------------------------------------------
def results_json_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    from workshop.results_json import results_json

    data = results_json(db, workshop_id)
    # Its text is not read for numbers: its keys give each number a meaning (the facts).
    return [Published("results JSON", "", json_facts(case, data))]


def chart_rows_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    """What the spread chart draws: bins per row, or (before bins) a dot per person."""
    from workshop.results import compute

    return [Published("spread chart", "", chart_facts(case, compute(db, workshop_id)))]


def chart_facts(case: Case, computed: Any) -> list[Fact]:
    complete = case.complete

    def members(key: str, shown: set[str]) -> list[int]:
        if key in ("pooled", "everyone"):
            return [i for i in complete if key == "everyone" or case.people[i].function not in shown]
        return [i for i in complete if case.people[i].function == key]

    rows = getattr(computed.results, "distribution", None)
    if rows is not None:  # bins
        shown = {row.key for row in rows}
        return [Bins(frozenset(members(row.key, shown)), tuple((b.low, b.high, b.count) for b in row.bins),
                     f"spread chart row {row.key}") for row in rows]
    from workshop.charts.distribution import distribution_rows

    drawn, _left_out = distribution_rows(computed)
    shown = {series.key for series, _totals in drawn}
    return [dots_fact(case, members(series.key, shown), f"spread chart dots of {series.key}")
            for series, _totals in drawn]


def results_text_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    from workshop.results import results_text

    return [Published("results text", results_text(db, workshop_id))]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _report(db: Any, workshop_id: int, tmp: Path, kind: str, personal: bool = False) -> str:
    from workshop.report.build import make_report

    out = make_report(db, workshop_id, kind, tmp / f"{kind}{'-personal' if personal else ''}.pdf",
                      personal=personal)
    return pdf_text(out)


def facilitator_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    return [Published("facilitator report", _report(db, workshop_id, tmp, "facilitator"))]


def handouts_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    return [Published("handouts", _report(db, workshop_id, tmp, "handouts"))]


def personal_handouts_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    """Each participant's own copy, read by that participant."""
    text = _report(db, workshop_id, tmp, "handouts", personal=True)
    marks = [text.find(f"For {NAMES[k]}") for k in range(len(case.people))]
    out = []
    for k, start in enumerate(marks):
        assert start >= 0, f"no personal handout for {NAMES[k]}"
        end = marks[k + 1] if k + 1 < len(marks) else len(text)
        out.append(Published(f"personal handout of {NAMES[k]}", text[start:end], reader=k))
    return out


def questionnaires_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    return [Published("questionnaires", _report(db, workshop_id, tmp, "questionnaires"))]


def deck_surface(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
    """The editable deck's slide texts, table cells and the values of its native charts."""
    from pptx import Presentation

    from workshop.report.build import make_report

    out = make_report(db, workshop_id, "deck", tmp / "deck.pptx")
    texts = []
    for slide in Presentation(str(out)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart:  # native charts: every value shown
                for plot in shape.chart.plots:
                    texts += [str(c) for c in plot.categories]
                    texts += [f"{v:.1f}" for series in plot.series for v in series.values if v is not None]
    return [Published("deck", "\n".join(texts))]


def other_pdf(kind: str) -> Callable[[Any, int, Case, Path], list[Published]]:
    def produce(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
        return [Published(f"{kind} report", _report(db, workshop_id, tmp, kind))]
    return produce


register_surface("results JSON", results_json_surface, every_case=True)
register_surface("spread chart", chart_rows_surface, every_case=True)
register_surface("results text", results_text_surface, every_case=True)
register_surface("facilitator report", facilitator_surface)
register_surface("handouts", handouts_surface)
register_surface("personal handouts", personal_handouts_surface)
register_surface("questionnaires", questionnaires_surface)


def _register_new_kinds() -> None:
    """Kinds of printed result added later (the deck, a client report) join on their own."""
    from workshop.report.build import KINDS

    for kind in KINDS:
        if kind == "deck":
            register_surface("deck", deck_surface)
        elif kind not in ("facilitator", "handouts", "questionnaires"):
            register_surface(f"{kind} report", other_pdf(kind))


_register_new_kinds()


# -- the numbers check -------------------------------------------------------------------
def _numbers(value: Any) -> list[float | int]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int | float):
        return [value]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list | tuple):
        return [n for v in value for n in _numbers(v)]
    return []


def _forms(value: float | int) -> set[str]:
    if isinstance(value, int):
        return {str(abs(value))}
    return {f"{abs(value):.{d}f}" for d in (1, 2)}


def explained(case: Case, data: dict[str, Any], computed: Any | None = None, reader: int | None = None) -> set[str]:
    """Every number a surface may print for this workshop (normalised: no sign, decimal point)."""
    from workshop import scoring
    from workshop.instrument import default_instrument

    ok = set(NEUTRAL) | {str(data.get("instrument_version"))}
    for n in _numbers(data):
        ok |= _forms(n)
    means = [data["total"]["mean"]] if data.get("total") and data["total"].get("mean") is not None else []
    shown = {f: s for f, s in (data.get("by_function") or {}).items() if s and s.get("mean") is not None}
    means += [s["mean"] for s in shown.values()]
    for a in means:
        for b in means:
            ok |= _forms(float(a - b))
    if means and data.get("complete"):
        rest = data["complete"] - sum(s["n"] for s in shown.values())
        if rest:
            ok |= _forms((means[0] * data["complete"] - sum(s["n"] * s["mean"] for s in shown.values())) / rest)
    statements = [scoring.StatementSummary(**{k: s.get(k) for k in (
        "id", "n", "mean", "stdev", "sales_mean", "marketing_mean", "gap")}) for s in data.get("statements") or []]
    instrument = default_instrument()
    themes = scoring.theme_scores(statements, {s.id: s.theme for s in instrument.statements},
                                  [t.id for t in instrument.themes])
    for theme in themes:
        ok |= {f for v in (theme.mean, theme.sales_mean, theme.marketing_mean) if v is not None for f in _forms(v)}
    rows = getattr(getattr(computed, "results", None), "distribution", None) or ()
    for row in rows:
        ok |= {str(row.n), *(str(b.count) for b in row.bins), *(str(int(b.low)) for b in row.bins)}
    if reader is not None:
        own = case.people[reader]
        ok |= {str(own.total)} if own.total is not None else {str(len(own.answers))}
    return ok


def unexplained(published: Published, allowed: set[str]) -> list[str]:
    """Numbers of a text that are not allowed, each with a little context."""
    found = []
    for match in NUMBER.finditer(published.text):
        token = match.group().lstrip("+-\u2212").replace(",", ".")
        if token not in allowed and token.lstrip("0") not in allowed:
            context = published.text[max(0, match.start() - 40):match.end() + 20].replace("\n", " ")
            found.append(f"{published.surface} prints {match.group()}: …{context}…")
    return found

