"""What the three kinds of PDF share: the context they are built in and small building blocks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
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
    benchmark: Any = None  # workshop.benchmark.Benchmark, when the report compares with the firm

    @property
    def _(self) -> Callable[[str], str]:
        return self.fmt._


class Para(Paragraph):
    """A paragraph that remembers its line breaks for the last width it was wrapped to.

    Tables wrap each cell twice (to measure, then to draw) and handouts reuse the same
    paragraphs forty times at one width; breaking the lines once saves most of the work.
    """

    _wrapped: tuple | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        cached = self._wrapped
        if cached is not None and cached[0] == available_width:
            _, self.blPara, self.height, self._wrapWidths = cached
            self.width = available_width
            return available_width, self.height
        width, height = super().wrap(available_width, available_height)
        if hasattr(self, "blPara") and width == available_width:
            self._wrapped = (available_width, self.blPara, height, self._wrapWidths)
        return width, height


def esc(text: str | None) -> str:
    """User text made safe for reportlab's paragraph markup (line breaks kept)."""
    return escape(text or "").replace("\n", "<br/>")


def grid(ctx: BuildContext, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
         numeric: Sequence[int] = (), extra: Sequence[tuple] = (), zebra: bool = True) -> Table:
    """A table with a repeated bold header; strings become wrapped paragraphs."""
    s = ctx.styles

    def cell(value: object, column: int, head: bool = False) -> object:
        if not isinstance(value, str):
            return value
        if head:
            return Para(value, s.cell_head_num if column in numeric else s.cell_head)
        return Para(value, s.cell_num if column in numeric else s.cell)

    body = [[cell(v, i, head=True) for i, v in enumerate(header)]]
    body += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    table = Table(body, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(*extra, zebra=zebra, rows=len(body)))
    return table


def flex(ctx: BuildContext, *fixed: float) -> float:
    """The width left for the one flexible column of a table."""
    return ctx.width - sum(fixed)
