"""The look of every printed page: paper, margins, type, tables, running header and footer.

Grey-safe by design: nothing is told apart by colour alone (tables use words, symbols
and bold; fills are light greys that survive a black-and-white printer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from workshop.report.fonts import BOLD, REGULAR, draw_runs, ellipsize, register_fonts, string_width

PAPERS = {"a4": A4, "letter": LETTER}
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5c5c5c")
ACCENT = colors.HexColor("#1f4e79")  # dark navy: reads as dark grey in print
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e6e6e6")
ZEBRA = colors.HexColor("#f5f5f5")
BOX = colors.HexColor("#333333")

MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_num: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_num: ParagraphStyle
    cell_head_center: ParagraphStyle
    big: ParagraphStyle
    big_label: ParagraphStyle


def make_styles(accent: colors.Color | None = None, lang: str = "") -> Styles:
    """The paragraph styles; ``accent`` (the firm's colour) colours titles and headings; ``lang`` (nl, en)
    says how a word too wide for its column is hyphenated."""
    register_fonts()
    accent = accent or ACCENT
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=14, textColor=INK, spaceAfter=6,
                          hyphenationLang=lang)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.8, leading=11.2, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=24, leading=30, spaceAfter=10,
                             textColor=accent),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=14, leading=19, spaceAfter=6),
        h1=ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=15, leading=20, spaceBefore=4,
                          spaceAfter=8, textColor=accent, keepWithNext=1),
        h2=ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8,
                          spaceAfter=4, keepWithNext=1),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11.5, spaceAfter=4),
        note=ParagraphStyle("note", parent=body, fontSize=8.5, leading=11.5, textColor=MUTED, spaceBefore=3,
                            spaceAfter=4),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_num=ParagraphStyle("cell_num", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD),
        cell_head_num=ParagraphStyle("cell_head_num", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
        cell_head_center=ParagraphStyle("cell_head_center", parent=cell, fontName=BOLD, alignment=TA_CENTER),
        big=ParagraphStyle("big", parent=body, fontName=BOLD, fontSize=20, leading=24, alignment=TA_CENTER,
                           spaceAfter=2),
        big_label=ParagraphStyle("big_label", parent=body, fontSize=9, leading=12, alignment=TA_CENTER,
                                 textColor=MUTED, spaceAfter=0),
    )


def table_style(*extra: tuple, header: bool = True, zebra: bool = True, rows: int = 0) -> TableStyle:
    """Header row in bold on light grey between firm rules, optional light zebra striping."""
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8.8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
        ]
    if zebra:
        commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2 if header else 1, rows, 2)]
    commands += list(extra)
    return TableStyle(commands)


class GroupStart(Flowable):
    """Marks where a handout or questionnaire begins, so its pages are numbered on their own."""

    def __init__(self, key: str, footer: str = "") -> None:
        super().__init__()
        self.key = key
        self.footer = footer
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._workshop_group = (self.key, self.footer)


class NumberedCanvas(Canvas):
    """Writes "page x of y" when the document is complete; counted per group if groups are marked."""

    def __init__(self, *args: Any, page_label: Callable[[int, int], str], on_page: Callable[[int], None]
                 | None = None, footnote: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._page_label = page_label
        self._on_page = on_page
        self._workshop_group: tuple[str, str] = ("", "")
        self.footnote = footnote  # the firm's confidentiality line, under the footer of every page

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        if self._on_page:
            self._on_page(len(self._pages))
        self._startPage()

    def save(self) -> None:
        counts: dict[str, int] = {}
        for page in self._pages:
            key = page["_workshop_group"][0]
            counts[key] = counts.get(key, 0) + 1
        seen: dict[str, int] = {}
        for page in self._pages:
            self.__dict__.update(page)
            key, footer = page["_workshop_group"]
            seen[key] = seen.get(key, 0) + 1
            self._footer(footer, self._page_label(seen[key], counts[key]))
            Canvas.showPage(self)
        Canvas.save(self)

    def _footer(self, left: str, right: str) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFillColor(MUTED)
        right_width = string_width(right, REGULAR, 8)
        draw_runs(self, width - MARGIN_X, MARGIN_BOTTOM - 10 * mm, right, REGULAR, 8, align="right")
        if left:  # a long name is shortened rather than run into the page number
            left = ellipsize(left, REGULAR, 8, width - 2 * MARGIN_X - right_width - 6 * mm)
            draw_runs(self, MARGIN_X, MARGIN_BOTTOM - 10 * mm, left, REGULAR, 8)
        if self.footnote:
            note = ellipsize(self.footnote, REGULAR, 6.5, width - 2 * MARGIN_X)
            draw_runs(self, width / 2, MARGIN_BOTTOM - 13.5 * mm, note, REGULAR, 6.5, align="centre")
        self.restoreState()


def header_line(canvas: Canvas, page_width: float, top: float, left: str, right: str) -> None:
    """The running header: left and right texts shortened with an ellipsis to share the line."""
    room = page_width - 2 * MARGIN_X - 8 * mm
    want_left, want_right = string_width(left, REGULAR, 8), string_width(right, REGULAR, 8)
    if want_left + want_right > room:  # each gets its share, and what one leaves goes to the other
        left_room = max(room / 2, room - want_right)
        right_room = max(room / 2, room - want_left)
        left = ellipsize(left, REGULAR, 8, left_room)
        right = ellipsize(right, REGULAR, 8, min(right_room, room - string_width(left, REGULAR, 8)))
    draw_runs(canvas, MARGIN_X, top, left, REGULAR, 8)
    draw_runs(canvas, page_width - MARGIN_X, top, right, REGULAR, 8, align="right")


class ReportDoc(BaseDocTemplate):
    """One paper size, a running header (client, date, title) and numbered pages."""

    def __init__(self, filename: str, *, paper: str, header_left: str, header_right: str,
                 footer: str, first_page_header: bool = True, **kwargs: Any) -> None:
        pagesize = PAPERS[paper]
        super().__init__(filename, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, pageCompression=1, **kwargs)
        self.header_left = header_left
        self.header_right = header_right
        self.footer = footer
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate("page", [frame], onPage=self._decorate)]
        if not first_page_header:
            templates.insert(0, PageTemplate("cover", [frame], onPage=self._cover, autoNextPageTemplate="page"))
        self.addPageTemplates(templates)

    def _cover(self, canvas: Canvas, doc: Any) -> None:
        canvas._workshop_group = ("", self.footer)

    def _decorate(self, canvas: Canvas, doc: Any) -> None:
        width, height = self.pagesize
        top = height - MARGIN_TOP + 8 * mm
        canvas.saveState()
        canvas.setFillColor(MUTED)
        header_line(canvas, width, top, self.header_left, self.header_right)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2.5 * mm, width - MARGIN_X, top - 2.5 * mm)
        canvas.restoreState()
        if not canvas._workshop_group[1]:
            canvas._workshop_group = (canvas._workshop_group[0], self.footer)
