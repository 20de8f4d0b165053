"""What the three kinds of PDF share: the context they are built in and small building blocks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Table

from workshop.report.chartset import ChartSet
from workshop.report.data import ReportData
from workshop.report.fmt import Fmt
from workshop.report.styles import Styles, table_style


@dataclass
class BuildContext:
    data: ReportData
    fmt: Fmt
    styles: Styles
    charts: ChartSet
    width: float  # of the text frame, in points
    height: float
    personal: bool = False
    check: Callable[[], None] = lambda: None  # raises when the user cancelled
    step: Callable[[str], None] = lambda message: None  # progress while the story is built

    @property
    def _(self) -> Callable[[str], str]:
        return self.fmt._


def esc(text: str | None) -> str:
    """User text made safe for reportlab's paragraph markup (line breaks kept)."""
    return escape(text or "").replace("\n", "<br/>")


def para(text: str, style) -> Paragraph:  # noqa: ANN001 - ParagraphStyle
    return Paragraph(text, style)


def grid(ctx: BuildContext, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
         numeric: Sequence[int] = (), extra: Sequence[tuple] = (), zebra: bool = True) -> Table:
    """A table with a repeated bold header; strings become wrapped paragraphs."""
    s = ctx.styles

    def cell(value: object, column: int, head: bool = False) -> object:
        if not isinstance(value, str):
            return value
        if head:
            return Paragraph(value, s.cell_head_num if column in numeric else s.cell_head)
        return Paragraph(value, s.cell_num if column in numeric else s.cell)

    body = [[cell(v, i, head=True) for i, v in enumerate(header)]]
    body += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    table = Table(body, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(*extra, zebra=zebra, rows=len(body)))
    return table


def flex(ctx: BuildContext, *fixed: float) -> float:
    """The width left for the one flexible column of a table."""
    return ctx.width - sum(fixed)
