"""The run sheet: one page for the facilitator with the agenda (clock times from the workshop's
date and start time) and, per step, its purpose and what to look for, from the guide.

It is the facilitator's own paper, not a client document: it holds no results and no names.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from workshop import __version__
from workshop.errors import InputError, WorkshopError
from workshop.guide import DEFAULT_START, default_guide
from workshop.i18n import LANGUAGES, N_
from workshop.storage.db import Database
from workshop.validation import parse_start_time
from workshop.workshops import get_workshop, previous_workshop

if TYPE_CHECKING:
    from workshop.report.styles import Styles

STEP_NAMES = {  # the same names as the steps in the window's sidebar
    "prepare": N_("Prepare"), "score": N_("Score"), "reveal": N_("Reveal"), "decide": N_("Decide"),
    "plan": N_("Plan"), "funnel": N_("Funnel"), "commit": N_("Commit"), "close": N_("Close"),
    "since": N_("Since last time"),
}


def start_of(start_time: str | None) -> dt.time:
    if not start_time:
        return DEFAULT_START
    hours, _, minutes = start_time.partition(":")
    return dt.time(int(hours), int(minutes))


@dataclass(frozen=True)
class _Sheet:
    """The context a run sheet's table is built in: styles only, no results."""

    styles: Styles


def make_run_sheet(db: Database, workshop_id: int, out: str | os.PathLike[str], *, lang: str | None = None,
                   paper: str | None = None, start: str | None = None) -> Path:
    """Write the one-page run sheet of a workshop to ``out`` and return its path; ``start`` ("HH:MM")
    overrides the workshop's own start time for this print only."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from workshop.report.common import Para, esc, grid
    from workshop.report.fmt import Fmt
    from workshop.report.styles import NumberedCanvas, ReportDoc, make_styles

    if lang is not None and lang not in LANGUAGES:
        raise InputError(N_("Unknown language {lang!r}; choose nl or en."), lang=lang)
    if paper is not None and paper not in ("a4", "letter"):
        raise InputError(N_("Unknown paper size {paper!r}; choose a4 or letter."), paper=paper)
    out = Path(out)
    if not out.parent.is_dir():
        raise InputError(N_("The folder {parent} does not exist."), parent=out.parent)
    w = get_workshop(db, workshop_id)
    lang, paper = lang or w.language, paper or w.paper or "a4"
    fmt, guide, s = Fmt(lang), default_guide(), make_styles(lang=lang)
    _ = fmt._
    given = parse_start_time(start) if start else w.start_time
    start_at = start_of(given)
    follow_up = previous_workshop(db, workshop_id, current=w) is not None
    if follow_up:  # one step more, and the sheet still has to be one page
        s = replace(s, cell=ParagraphStyle("cell-compact", parent=s.cell, fontSize=8.0, leading=9.8))
    agenda = guide.agenda(w.date, start_at, follow_up=follow_up)
    doc = ReportDoc("", paper=paper, header_left=f"{w.client} \u00b7 {fmt.date(w.date)}", header_right=w.title,
                    footer=_("Run sheet"), title=f"{_('Run sheet')}: {w.title}", author=w.facilitator or w.client,
                    creator=f"Alignment Workshop {__version__}", lang=lang,
                    initialFontName=s.body.fontName)
    clock = lambda moment: moment.strftime("%H:%M")  # noqa: E731
    where = " \u00b7 ".join(x for x in (fmt.date(w.date), w.place, w.facilitator) if x)
    story: list = [
        Para(esc(_("Run sheet")), s.h1),
        Para(esc(f"{w.client} \u2014 {w.title}"), s.body),
        Para(esc(where), s.small),
        Para(esc(_("From {start} to {end}, about {minutes} minutes including the break.").format(
            start=clock(agenda[0].start), end=clock(agenda[-1].end), minutes=guide.session_minutes(follow_up)))
            + ("" if given else " " + esc(_("No start time is set for this workshop; the times assume "
                                                     "{start}.").format(start=clock(agenda[0].start)))), s.small),
        Spacer(1, 3 * mm),
    ]
    rows = []
    for item in agenda:
        time_text = f"{clock(item.start)}\u2013{clock(item.end)}"
        if item.step is None:
            title = item.title(lang) if item.title is not None else ""
            rows.append([time_text, Para(f"<b>{esc(title)}</b>", s.cell), "", ""])
            continue
        step = guide.step(item.step)
        name = f"<b>{esc(_(STEP_NAMES[item.step]))}</b><br/>" + esc(_("{n} min").format(n=item.minutes))
        rows.append([time_text, Para(name, s.cell), step.purpose(lang), step.look_for(lang)])
    widths = [25 * mm, 27 * mm]
    rest = (doc.width - sum(widths)) / 2
    header = [_("Time"), _("Step"), _("Purpose"), _("What to look for")]
    story.append(grid(_Sheet(s), header, rows, [*widths, rest, rest]))
    story += [Spacer(1, 3 * mm), Para(esc(_("The script for each step and the questions per statement are "
                                                 "in the guide panel beside each step.")), s.note)]
    part = out.with_name(f".{out.name}.part")
    doc.filename = str(part)
    try:
        doc.build(story, canvasmaker=partial(
            NumberedCanvas, page_label=lambda n, total: _("Page {n} of {total}").format(n=n, total=total)))
        os.replace(part, out)
    except OSError as exc:
        raise WorkshopError(N_("The PDF could not be written to {out}: {value}."),
                            out=out, value=exc.strerror or exc) from exc
    finally:
        if part.exists():
            part.unlink()
    return out

