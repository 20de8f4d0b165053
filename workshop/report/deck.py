"""The editable deck: a 16:9 PowerPoint file the consultant builds on in their own slides.

Titles, findings and tables are native text and tables (editable in PowerPoint and
LibreOffice Impress); charts are the report's own matplotlib figures as high-resolution
PNG pictures. Texts come from the instrument and the catalogue in the workshop's language;
every figure comes from the scoring results, which apply the privacy rule.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from workshop.errors import WorkshopError
from workshop.report.data import ReportData
from workshop.report.fmt import Fmt

CHART_DPI = 200
WIDTH_IN, HEIGHT_IN = 13.333, 7.5  # 16:9
HOUSE_COLOUR = "1F4E79"


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class Deck:
    """A thin layer over python-pptx: one blank-layout slide per call, our own title and footer."""

    def __init__(self, data: ReportData, fmt: Fmt) -> None:
        from pptx import Presentation
        from pptx.util import Inches

        self.data, self.fmt = data, fmt
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
        brand = data.branding
        self.colour = _rgb(brand.colour if brand and brand.colour else HOUSE_COLOUR)
        self.firm = brand.firm_name if brand else ""
        self.footnote = brand.confidentiality if brand else ""
        self.logo = brand.logo if brand and brand.logo else None

    def slide(self, title: str, height: float = 0.9) -> Any:
        from pptx.util import Inches, Pt

        slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])  # blank: every shape is ours
        box = slide.shapes.add_textbox(Inches(0.6), Inches(0.35), Inches(WIDTH_IN - 1.2), Inches(height))
        box.name = "Title"
        frame = box.text_frame
        frame.word_wrap = True
        run = frame.paragraphs[0].add_run()
        run.text = title
        # A long client name must not run into what follows: smaller type, never a cut title.
        size = 28 if len(title) <= 60 else 24 if len(title) <= 100 else 20
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, self.colour
        footer = " \u00b7 ".join(x for x in (self.firm, self.data.workshop.client, self.fmt.date(
            self.data.workshop.date), self.footnote) if x)
        self.text(slide, footer, 0.6, HEIGHT_IN - 0.45, WIDTH_IN - 1.2, 0.3, size=10, grey=True)
        return slide

    def text(self, slide: Any, text: str, left: float, top: float, width: float, height: float, *,
             size: float = 18, bold: bool = False, grey: bool = False) -> Any:
        from pptx.dml.color import RGBColor
        from pptx.util import Inches, Pt

        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size, run.font.bold = Pt(size), bold
            if grey:
                run.font.color.rgb = RGBColor(0x5C, 0x5C, 0x5C)
        return box

    def table(self, slide: Any, header: list[str], rows: list[list[str]], widths: list[float], *,
              top: float = 1.4, size: float = 12) -> Any:
        from pptx.util import Inches, Pt

        height = min(0.4 * (len(rows) + 1), HEIGHT_IN - top - 0.7)
        shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(0.6), Inches(top),
                                       Inches(sum(widths)), Inches(height))
        table = shape.table
        for i, width in enumerate(widths):
            table.columns[i].width = Inches(width)
        for r, values in enumerate([header, *rows]):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.text = value
                for paragraph in cell.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(size)
                        run.font.bold = r == 0
        return table

    def picture(self, slide: Any, figure: Any, top: float = 1.35, max_height: float | None = None) -> Any:
        from pptx.util import Inches

        buffer = BytesIO()
        figure.savefig(buffer, format="png", dpi=CHART_DPI, facecolor="white")
        buffer.seek(0)
        room_h = max_height or HEIGHT_IN - top - 0.6
        fig_w, fig_h = figure.get_size_inches()
        scale = min((WIDTH_IN - 1.2) / fig_w, room_h / fig_h)
        left = (WIDTH_IN - fig_w * scale) / 2
        return slide.shapes.add_picture(buffer, Inches(left), Inches(top), Inches(fig_w * scale),
                                        Inches(fig_h * scale))


def _title_slide(deck: Deck) -> None:
    from pptx.util import Inches

    d, f = deck.data, deck.fmt
    w = d.workshop
    slide = deck.slide(f"{d.instrument.title(f.lang)} \u2014 {w.client}", height=1.6)
    deck.text(slide, w.title, 0.6, 2.2, WIDTH_IN - 1.2, 1.2, size=22 if len(w.title) <= 80 else 18)
    facts = [f.date(w.date), w.place, w.facilitator]
    deck.text(slide, "\n".join(x for x in facts if x), 0.6, 3.6, WIDTH_IN - 1.2, 1.3, size=16, grey=True)
    if deck.logo:
        slide.shapes.add_picture(BytesIO(deck.logo), Inches(WIDTH_IN - 3.1), Inches(4.9), height=Inches(1.2))
    if deck.firm:
        deck.text(slide, deck.firm, 0.6, 5.6, 6.0, 0.6, size=18, bold=True)


def _stage_slide(deck: Deck) -> None:
    from workshop.report.client import nobody_sentence

    d, f, _ = deck.data, deck.fmt, deck.fmt._
    r = d.results
    slide = deck.slide(_("Where we stand"))
    if r.total is None:
        deck.text(slide, _plain(nobody_sentence(_Ctx(deck))), 0.6, 1.5, WIDTH_IN - 1.2, 1.0)
        return
    deck.text(slide, _plain(_("With a mean total of {mean} out of 100, the group is at the stage {stage}.").format(
        mean=f.number(r.total.mean), stage=f.stage(r.stage))), 0.6, 1.3, WIDTH_IN - 1.2, 0.8, size=20)
    deck.text(slide, d.instrument.stage(r.stage).description(f.lang), 0.6, 2.1, WIDTH_IN - 1.2, 1.3, size=14,
              grey=True)
    from workshop.charts import stage_gauge

    deck.picture(slide, stage_gauge(d.computed, f.lang), top=3.5, max_height=3.2)


def _side_by_side_slide(deck: Deck) -> None:
    d, f, _ = deck.data, deck.fmt, deck.fmt._
    r = d.results
    if r.total is None:
        return
    slide = deck.slide(_("Sales and Marketing side by side"))
    rows = [[_("Whole group"), str(r.complete), f.number(r.total.mean), f.stage(r.stage)]]
    hidden = []
    for function in ("sales", "marketing", "leadership", "other"):
        summary = r.by_function.get(function)
        if summary is not None:
            rows.append([f.function(function), str(summary.n), f.number(summary.mean), f.stage(summary.stage)])
        elif any(p.function == function for p in d.people):
            hidden.append(f.function(function))
    deck.table(slide, [_("Group"), _("Complete"), _("Mean total"), _("Stage")], rows, [4.5, 2.0, 2.5, 3.1])
    if hidden:
        deck.text(slide, _("Not broken down, because fewer than {n} of them answered every statement: {names}.")
                  .format(n=d.workshop.min_group_size, names=", ".join(hidden)), 0.6, 5.6, WIDTH_IN - 1.2, 0.8,
                  size=12, grey=True)


def _statements_slide(deck: Deck, title: str, items: list, value: Callable[[Any], str], head: str) -> None:
    d, f, _ = deck.data, deck.fmt, deck.fmt._
    if not items:
        return
    slide = deck.slide(title)
    rows = [[st.id, d.instrument.statement(st.id).text(f.lang), value(st)] for st in items]
    deck.table(slide, ["#", _("Statement"), head], rows, [0.9, 9.3, 1.9], size=14)


def _decision_slide(deck: Deck) -> None:
    from workshop.report.client import decision_sentence

    d, _ = deck.data, deck.fmt._
    slide = deck.slide(_("Decision and target"))
    deck.text(slide, _plain(decision_sentence(_Ctx(deck))), 0.6, 1.4, WIDTH_IN - 1.2, 1.0, size=20)
    if d.decision and d.decision.note:
        deck.text(slide, d.decision.note, 0.6, 2.6, WIDTH_IN - 1.2, 2.5, size=14, grey=True)


def _practices_slide(deck: Deck) -> None:
    d, f, _ = deck.data, deck.fmt, deck.fmt._
    if not d.reviews:
        return
    titles = {p.id: p.title(f.lang) for p in d.instrument.practices}
    slide = deck.slide(_("Practice review"))
    rows = [[titles.get(r.practice_id, r.practice_id), f.practice_status(r.status), r.note[:160]]
            for r in d.reviews[:10]]
    deck.table(slide, [_("Practice"), _("Status"), _("Note")], rows, [5.0, 2.0, 5.1], size=12)


def _funnel_slide(deck: Deck) -> None:
    d, f, _ = deck.data, deck.fmt, deck.fmt._
    if d.funnel_view is None:
        return
    from workshop.charts.funnel import funnel_picture

    slide = deck.slide(_("The buying funnel"))
    deck.picture(slide, funnel_picture(d.funnel_view, f.lang))


def _commitments_slide(deck: Deck) -> None:
    d, f, _ = deck.data, deck.fmt, deck.fmt._
    if not d.commitments:
        return
    per_slide = 7
    for start in range(0, len(d.commitments), per_slide):
        slide = deck.slide(_("Commitments"))
        rows = []
        for i, c in enumerate(d.commitments[start:start + per_slide], start=start + 1):
            state = _plain(f.commitment_state(c.status, c.due_date, d.today))
            rows.append([str(i), _short(c.what, 160), c.owner or "\u2013", f.date(c.due_date), state])
        deck.table(slide, ["#", _("What we will do"), _("Owner"), _("Due"), _("Status")], rows,
                   [0.6, 6.2, 2.4, 1.8, 1.1], size=11)


def _trend_slide(deck: Deck) -> None:
    d, f, _ = deck.data, deck.fmt, deck.fmt._
    if len(d.history) < 2:
        return
    from workshop.charts.trend import trend_chart

    slide = deck.slide(_("Since the previous workshop"))
    deck.picture(slide, trend_chart(d.history, f.lang))


class _Ctx:
    """Just what the client report's sentence helpers read from a build context."""

    def __init__(self, deck: Deck) -> None:
        self.data, self.fmt, self._ = deck.data, deck.fmt, deck.fmt._


def _plain(markup: str) -> str:
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", markup))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "\u2026"


def write_deck(data: ReportData, out: str | os.PathLike[str], *, lang: str,
               progress: Callable[[float, str], None] | None = None,
               check: Callable[[], None] | None = None) -> Path:
    """Write the deck for ``data`` to ``out`` (atomically) and return its path."""
    out = Path(out)
    fmt = Fmt(lang, data.instrument)
    _ = fmt._
    deck = Deck(data, fmt)
    d = data
    steps: list[Callable[[], None]] = [
        lambda: _title_slide(deck), lambda: _stage_slide(deck), lambda: _side_by_side_slide(deck),
        lambda: _statements_slide(deck, _("Where Sales and Marketing differ most"),
                                  [s for s in d.computed.largest_gaps if s.gap is not None],
                                  lambda s: fmt.signed(s.gap, 1), _("Gap")),
        lambda: _statements_slide(deck, _("Where the group scores lowest"),
                                  d.computed.lowest if d.results.total is not None else [],
                                  lambda s: fmt.number(s.mean, 1), _("Mean")),
        lambda: _decision_slide(deck), lambda: _practices_slide(deck), lambda: _funnel_slide(deck),
        lambda: _commitments_slide(deck), lambda: _trend_slide(deck),
    ]
    for i, step in enumerate(steps):
        if check:
            check()
        step()
        if progress:
            progress((i + 1) / (len(steps) + 1), "slides")
    core = deck.prs.core_properties
    core.title = f"{data.instrument.title(lang)} \u2014 {data.workshop.client}"
    core.author = deck.firm or data.workshop.facilitator or data.workshop.client
    part = out.with_name(f".{out.name}.part")
    try:
        deck.prs.save(str(part))
        os.replace(part, out)
    except OSError as exc:
        raise WorkshopError(f"The deck could not be written to {out}: {exc.strerror or exc}.") from exc
    finally:
        if part.exists():
            part.unlink()
    if progress:
        progress(1.0, "done")
    return out
