"""Make one PDF: the facilitator report, the participant handouts or the paper questionnaires.

``make_report`` is the one entry point for the CLI and the GUI. It reads the workshop
once, draws each chart once, lays the pages out with reportlab and writes the file
atomically (a cancelled or failed run leaves no half-written PDF behind). Progress is
reported as a fraction with a short message; ``cancel`` is polled between pieces of work.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop import __version__
from workshop.errors import InputError, WorkshopError
from workshop.i18n import LANGUAGES, N_
from workshop.storage.db import Database

if TYPE_CHECKING:  # reportlab and the report's data load only when a report is made
    from workshop.report.data import ReportData

# "facilitator" is the older name of the client report, kept for scripts that use it.
KINDS = ("client", "facilitator", "handouts", "questionnaires", "deck")
PAPERS = ("a4", "letter")
KIND_TITLES = {
    "client": N_("Client report"),
    "facilitator": N_("Client report"),
    "handouts": N_("Participant handouts"),
    "questionnaires": N_("Questionnaires"),
}
Progress = Callable[[float, str], None]


class ReportCancelled(WorkshopError):
    """The user stopped the report; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Making the PDF was cancelled; no file was written.")


def _check_options(kind: str, paper: str | None, lang: str | None) -> None:
    if kind not in KINDS:
        raise InputError(N_("Unknown kind of report {kind!r}; choose {items}."), kind=kind, items=', '.join(KINDS))
    if paper is not None and paper not in PAPERS:
        raise InputError(N_("Unknown paper size {paper!r}; choose a4 or letter."), paper=paper)
    if lang is not None and lang not in LANGUAGES:
        raise InputError(N_("Unknown language {lang!r}; choose nl or en."), lang=lang)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one document is made.

    A document is a great many small objects that live until it is written, on top of the
    long-lived objects of matplotlib, reportlab and SQLAlchemy: the collector's passes over
    them took about a tenth of the time and freed next to nothing (peak memory is the same
    without them). Reference counting still frees everything else as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What is still alive (mostly modules imported for the document) would otherwise be
            # examined all at once by the next allocation; freezing and unfreezing moves it to the
            # oldest generation without a pass, where the next full collection frees any cycles.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@collector_paused()
def make_report(
    db: Database,
    workshop_id: int,
    kind: str,
    out: str | os.PathLike[str],
    *,
    personal: bool = False,
    paper: str | None = None,
    lang: str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    blank: int = 0,
    today: dt.date | None = None,
    benchmark: Any = None,
) -> Path:
    """Write the PDF of ``kind`` for a workshop to ``out`` and return its path.

    ``paper`` and ``lang`` default to the workshop's own; ``personal`` adds each
    participant's own score to their handout; ``blank`` adds empty questionnaires.
    """
    _check_options(kind, paper, lang)
    out = Path(out)
    if not out.parent.is_dir():
        raise InputError(N_("The folder {parent} does not exist."), parent=out.parent)

    def report(fraction: float, message: str) -> None:
        if progress:
            progress(min(max(fraction, 0.0), 1.0), message)

    def check() -> None:
        if cancel and cancel():
            raise ReportCancelled()

    report(0.0, "reading")
    from workshop.report.data import load_report_data

    data = load_report_data(db, workshop_id, with_earlier=kind in ("client", "facilitator", "deck"))
    if today is not None:
        data = replace(data, today=today)
    check()
    if kind == "deck":
        from workshop.report.deck import write_deck

        return write_deck(data, out, lang=lang or data.workshop.language, progress=report, check=check)
    return _build(data, kind, out, personal=personal, paper=paper, lang=lang, report=report, check=check,
                  blank=blank, benchmark=benchmark)


def make_split_handouts(
    db: Database,
    workshop_id: int,
    folder: str | os.PathLike[str],
    *,
    personal: bool = True,
    paper: str | None = None,
    lang: str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """One handout PDF per participant in ``folder``, named after the person (made safe for any disk)."""
    _check_options("handouts", paper, lang)
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"The folder {folder} does not exist.")
    from workshop.report.data import load_report_data
    from workshop.report.handout import participant_codes

    data = load_report_data(db, workshop_id, with_earlier=False)
    if today is not None:
        data = replace(data, today=today)
    codes = participant_codes(data.people)
    written: list[Path] = []
    used: set[str] = set()
    people = data.people
    for i, person in enumerate(people):
        if cancel and cancel():
            raise ReportCancelled()
        if progress:
            progress(i / max(len(people), 1), "handouts")
        name = safe_file_name(person.name or f"participant-{codes[person.id]}", used)
        out = folder / f"{name}.pdf"
        with collector_paused():
            _build(replace(data, people=[person]), "handouts", out, personal=personal, paper=paper, lang=lang,
                   report=lambda fraction, message: None, check=lambda: None, blank=0, codes=codes)
        written.append(out)
    if progress:
        progress(1.0, "done")
    return written


def safe_file_name(name: str, used: set[str]) -> str:
    """A file name from a person's name that every system accepts; unique within ``used``."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f\u200d\ufe0f]', "", text)
    text = re.sub(r"\s+", " ", text).strip(" .") or "participant"
    text = text[:80].rstrip(" .")
    if text.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                     *(f"LPT{i}" for i in range(1, 10))}:
        text = f"_{text}"
    candidate, n = text, 2
    while candidate.casefold() in used:
        candidate = f"{text} ({n})"
        n += 1
    used.add(candidate.casefold())
    return candidate


def _build(data: ReportData, kind: str, out: Path, *, personal: bool, paper: str | None, lang: str | None,
           report: Progress, check: Callable[[], None], blank: int, codes: dict[int, str] | None = None,
           benchmark: Any = None) -> Path:
    lang = lang or data.workshop.language
    paper = paper or data.workshop.paper or "a4"

    from workshop.report import facilitator, handout, questionnaire
    from workshop.report.chartset import ChartSet
    from workshop.report.common import BuildContext
    from workshop.report.fmt import Fmt
    from workshop.report.styles import NumberedCanvas, ReportDoc, make_styles

    fmt = Fmt(lang, data.instrument)
    _ = fmt._
    charts = ChartSet(data.computed, lang)
    if kind != "questionnaires" and data.results.total is not None:
        names = ["stage_gauge"] if kind == "handouts" else [
            "stage_gauge", "statement_gaps", "totals_distribution", "theme_profile"]
        done = iter(range(1, len(names) + 1))

        def prepared(_name: str) -> None:
            check()
            report(0.05 + 0.2 * next(done) / len(names), "charts")

        charts.prepare(names, prepared)
    w = data.workshop
    report_kind = kind in ("client", "facilitator")
    title = f"{_(KIND_TITLES[kind])}: {w.title}"
    brand = data.branding
    firm = brand.firm_name if brand is not None else ""
    header_left = " \u00b7 ".join(x for x in (firm, w.client, fmt.date(w.date)) if x)
    doc = ReportDoc(
        "", paper=paper, header_left=header_left, header_right=w.title,
        footer=_(KIND_TITLES[kind]), first_page_header=not report_kind,
        title=title, author=w.facilitator or w.client, subject=f"{data.instrument.title(lang)} \u2014 {w.client}",
        creator=f"Alignment Workshop {__version__}", keywords=[w.client, kind], lang=lang,
        initialFontName=make_styles().body.fontName,
    )
    from workshop.report.brand import accent

    ctx = BuildContext(data, fmt, make_styles(accent(brand), lang), charts, doc.width, doc.height,
                       personal=personal, check=check, codes=codes)
    people = max(len(data.people) + (blank if kind == "questionnaires" else 0), 1)
    expected_pages = {"handouts": people * (2 if len(data.commitments) > 8 else 1),
                      "questionnaires": people}.get(kind, 12)
    built = [0]

    def step(message: str) -> None:
        built[0] += 1
        report(0.25 + 0.1 * min(built[0] / max(people, 8), 1.0), "layout")

    ctx.step = step
    ctx.benchmark = benchmark
    if report_kind:
        story = facilitator.story(ctx)
    elif kind == "handouts":
        story = handout.story(ctx)
    else:
        story = questionnaire.story(ctx, blank=blank)

    def on_page(n: int) -> None:
        check()
        report(0.35 + 0.6 * min(n / expected_pages, 1.0), "pages")

    part = out.with_name(f".{out.name}.part")
    doc.filename = str(part)
    canvasmaker = partial(NumberedCanvas, on_page=on_page, footnote=brand.confidentiality if brand else "",
                          page_label=lambda n, total: _("Page {n} of {total}").format(n=n, total=total))
    try:
        doc.build(story, canvasmaker=canvasmaker)
        check()
        os.replace(part, out)
    except OSError as exc:
        raise WorkshopError(N_("The PDF could not be written to {out}: {value}."),
                            out=out, value=exc.strerror or exc) from exc
    finally:
        if part.exists():
            part.unlink()
    report(1.0, "done")
    return out
