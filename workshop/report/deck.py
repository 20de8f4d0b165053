"""The editable deck: a 16:9 PowerPoint file the consultant builds on in their own slides.

Titles, findings, tables and charts are native (editable in PowerPoint and LibreOffice
Impress): the mean totals and the trend are PowerPoint charts, the funnel is drawn from
shapes. No picture needs matplotlib, so the deck is quick to make. Texts come from the
instrument and the catalogue in the workshop's language; every figure comes from the
scoring results, which apply the privacy rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from workshop.errors import WorkshopError
from workshop.report.data import ReportData
from workshop.report.fmt import Fmt

WIDTH_IN, HEIGHT_IN = 13.333, 7.5  # 16:9
HOUSE_COLOUR = "1F4E79"
INK, ZEBRA = "1A1A1A", "F2F2F2"
LOGO_TOP, LOGO_WIDTH, LOGO_HEIGHT = 5.1, 3.0, 1.1  # inches: the title slide's band for the two logos


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
        from workshop.branding import on_paper, text_colour_on

        colour = brand.colour if brand and brand.colour else HOUSE_COLOUR
        self.colour = _rgb(colour)
        self.title_colour = _rgb(on_paper("#" + colour.lstrip("#")))  # a light colour is darkened for titles
        self.on_colour = _rgb(text_colour_on(colour))  # text on the firm's colour: whichever contrasts more
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
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, self.title_colour
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
        from pptx.oxml import parse_xml
        from pptx.util import Inches

        height = min(0.4 * (len(rows) + 1), HEIGHT_IN - top - 0.7)
        shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(0.6), Inches(top),
                                       Inches(sum(widths)), Inches(height))
        table = shape.table
        for i, width in enumerate(widths):
            table.columns[i].width = Inches(width)
        # The cells are written as XML in one go, as python-pptx would write them cell by cell (that took
        # most of a table slide's time). The header in the firm's colour; light grey stripes below, as on
        # paper (not the theme's blue).
        header_fill, header_ink = str(self.colour), str(self.on_colour)
        tbl = table._tbl
        for r, (tr, values) in enumerate(zip(tbl.tr_lst, [header, *rows], strict=True)):
            fill = header_fill if r == 0 else ZEBRA if r % 2 == 0 else "FFFFFF"
            ink = header_ink if r == 0 else INK
            cells = "".join(_cell_xml(value, round(size * 100), r == 0, ink, fill) for value in values)
            tbl.replace(tr, parse_xml(f'<a:tr {_A_NS} h="{tr.h}">{cells}</a:tr>'))
        return table

    def bar_chart(self, slide: Any, categories: list[str], values: list[float], name: str, *, top: float,
                  height: float) -> Any:
        """A native, editable bar chart of mean totals on the 20–100 scale, values printed on the bars."""
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE
        from pptx.util import Inches, Pt

        data = CategoryChartData(number_format="0.0")
        data.categories = categories
        data.add_series(name, values)
        frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.6), Inches(top),
                                       Inches(WIDTH_IN - 1.2), Inches(height), data)
        chart = frame.chart
        chart.has_legend = False
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 20, 100, 20
        axis.tick_labels.font.size = Pt(12)
        chart.category_axis.tick_labels.font.size = Pt(14)
        chart.category_axis.reverse_order = True  # the whole group on top, as in the report
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0.0", False
        plot.data_labels.font.size = Pt(13)
        plot.series[0].format.fill.solid()
        plot.series[0].format.fill.fore_color.rgb = self.colour
        return chart

    def line_chart(self, slide: Any, categories: list[str], series: list[tuple[str, list]]) -> Any:
        """A native line chart of mean totals per workshop: one named series per group, marked points."""
        from pptx.chart.data import CategoryChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
        from pptx.util import Inches, Pt

        data = CategoryChartData(number_format="0.0")
        data.categories = categories
        for name, values in series:
            data.add_series(name, values)
        frame = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, Inches(0.6), Inches(1.35),
                                       Inches(WIDTH_IN - 1.2), Inches(HEIGHT_IN - 2.1), data)
        chart = frame.chart
        chart.has_legend = True
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
        chart.legend.font.size = Pt(13)
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 20, 100, 20
        axis.tick_labels.font.size = Pt(12)
        chart.category_axis.tick_labels.font.size = Pt(12)
        markers = (XL_MARKER_STYLE.DIAMOND, XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE)
        for plot_series, marker in zip(chart.plots[0].series, markers, strict=False):
            plot_series.marker.style, plot_series.marker.size = marker, 10  # told apart by shape too
            plot_series.smooth = False
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0.0", False
        plot.data_labels.font.size = Pt(12)
        return chart


def _title_slide(deck: Deck) -> None:
    d, f = deck.data, deck.fmt
    w = d.workshop
    slide = deck.slide(f"{d.instrument.title(f.lang)} \u2014 {w.client}", height=1.6)
    deck.text(slide, w.title, 0.6, 2.2, WIDTH_IN - 1.2, 1.2, size=22 if len(w.title) <= 80 else 18)
    facts = [f.date(w.date), w.place, w.facilitator]
    deck.text(slide, "\n".join(x for x in facts if x), 0.6, 3.6, WIDTH_IN - 1.2, 1.3, size=16, grey=True)
    # The firm's logo and name at the bottom left, the client's logo at the right, as on the PDF covers.
    left = 0.6
    if deck.logo:
        left += _logo(slide, deck.logo, left, LOGO_TOP, align_right=False) + 0.3
    if deck.firm:
        deck.text(slide, deck.firm, left, LOGO_TOP + 0.25, WIDTH_IN / 2 - left, 0.6, size=18, bold=True)
    if d.texts is not None and d.texts.client_logo:
        _logo(slide, d.texts.client_logo, WIDTH_IN - 0.6, LOGO_TOP, align_right=True)


def _logo(slide: Any, data: bytes, x: float, top: float, *, align_right: bool) -> float:
    """A logo at most LOGO_WIDTH wide and LOGO_HEIGHT high, its left (or right) edge at ``x``; its width."""
    from PIL import Image
    from pptx.util import Inches

    with Image.open(BytesIO(data)) as picture:
        ratio = picture.width / picture.height
    height = min(LOGO_HEIGHT, LOGO_WIDTH / ratio)
    width = height * ratio
    left = x - width if align_right else x
    slide.shapes.add_picture(BytesIO(data), Inches(left), Inches(top), Inches(width), Inches(height))
    return width


def _stage_slide(deck: Deck) -> None:
    from workshop.report.sentences import nobody_sentence

    d, f, _ = deck.data, deck.fmt, deck.fmt._
    r = d.results
    slide = deck.slide(_("Where we stand"))
    if r.total is None or r.stage is None:  # a total always has its stage
        deck.text(slide, _plain(nobody_sentence(_Ctx(deck))), 0.6, 1.5, WIDTH_IN - 1.2, 1.0)
        return
    deck.text(slide, _plain(_("With a mean total of {mean} out of 100, the group is at the {stage} stage.").format(
        mean=f.number(r.total.mean), stage=f.stage(r.stage))), 0.6, 1.3, WIDTH_IN - 1.2, 0.8, size=20)
    deck.text(slide, d.instrument.stage(r.stage).description(f.lang), 0.6, 2.1, WIDTH_IN - 1.2, 1.3, size=14,
              grey=True)
    groups = [(_("Whole group"), r.total.mean)]
    groups += [(f.function(fn), s.mean) for fn, s in r.by_function.items() if s is not None]  # privacy: None hidden
    bands = "   ".join(f"{f.stage(st.id)} {st.lower}\u2013{st.upper}" for st in d.instrument.stages)
    deck.bar_chart(slide, [g for g, _v in groups], [round(v, 1) for _g, v in groups], _("Mean total"),
                   top=3.4, height=3.0)
    deck.text(slide, bands, 0.6, 6.45, WIDTH_IN - 1.2, 0.4, size=11, grey=True)


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
    from workshop.report.sentences import decision_sentence

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
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches, Pt

    d, f, _ = deck.data, deck.fmt, deck.fmt._
    view = d.funnel_view
    if view is None:
        return
    slide = deck.slide(_("The buying funnel"))
    rows = list(view.stages)
    top, step = 1.35, min(0.6, 5.3 / max(len(rows), 1))
    widest, narrowest = 7.0, 3.0
    fills = {"marketing": "D9D9D9", "sales": "A6A6A6", "shared": "F2F2F2"}
    for i, row in enumerate(rows):
        width = widest - (widest - narrowest) * i / max(len(rows) - 1, 1)
        left = 0.6 + (widest - width) / 2
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(top + i * step), Inches(width),
                                       Inches(step - 0.06))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fills.get(row.owner or "", "FFFFFF"))
        shape.line.color.rgb = _rgb("404040")
        frame = shape.text_frame
        frame.word_wrap = True
        run = frame.paragraphs[0].add_run()
        run.text = row.stage.name(f.lang)
        run.font.size, run.font.color.rgb = Pt(13), _rgb(INK)
        owner = f.owner(row.owner) if row.owner else "\u2013"
        deck.text(slide, owner, 0.6 + widest + 0.2, top + i * step + 0.08, 2.2, step - 0.1, size=13, bold=True)
        if row.stage.id == view.handoff_after and i < len(rows) - 1:
            y = top + (i + 1) * step - 0.03
            line = slide.shapes.add_connector(1, Inches(0.4), Inches(y), Inches(0.6 + widest + 0.1), Inches(y))
            line.line.color.rgb, line.line.width = _rgb(INK), Pt(2.5)
            line.line.dash_style = 4  # dashed: told apart by the line, not by colour
            deck.text(slide, "\u2193 " + _("Hand-off from Marketing to Sales"), 0.6 + widest + 2.4, y - 0.25,
                      3.0, 0.5, size=12)


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
    points = [p for p in d.history if p.total is not None]
    if len(points) < 2:
        return
    slide = deck.slide(_("Since the previous workshop"))
    series = [(_("Whole group"), [p.total for p in points])]
    for function, name in (("sales", _("Sales")), ("marketing", _("Marketing"))):
        values = [getattr(p, function) for p in points]  # None where the group was below the minimum
        if any(v is not None for v in values):
            series.append((name, values))
    deck.line_chart(slide, [f.date(p.date) for p in points], series)


_A_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def _cell_xml(value: str, size: int, bold: bool, ink: str, fill: str) -> str:
    """One table cell: a paragraph per line (a vertical tab breaks a line), each run in the given type."""
    props = f'<a:rPr sz="{size}" b="{1 if bold else 0}"><a:solidFill><a:srgbClr val="{ink}"/></a:solidFill></a:rPr>'
    paragraphs = []
    for line in value.split("\n"):
        parts = []
        for n, piece in enumerate(line.split("\v")):
            if n:
                parts.append("<a:br/>")
            if piece:
                text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", piece)
                text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                parts.append(f"<a:r>{props}<a:t>{text}</a:t></a:r>")
        paragraphs.append(f"<a:p>{''.join(parts)}</a:p>" if parts else "<a:p/>")
    return (f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{''.join(paragraphs)}</a:txBody>"
            f'<a:tcPr><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>')


class _Ctx:
    """Just what the client report's sentence helpers read from a build context."""

    def __init__(self, deck: Deck) -> None:
        self.data, self.fmt, self._ = deck.data, deck.fmt, deck.fmt._


def _plain(markup: str) -> str:
    text = re.sub(r"<[^>]+>", "", markup)
    if "&" not in text:  # the usual case: spare the import of the entity tables
        return text
    from html import unescape

    return unescape(text)


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
