"""What the three kinds of PDF share: the context they are built in and small building blocks."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape, unescape
from typing import Any, Protocol

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText

from workshop.report.chartset import ChartSet
from workshop.report.data import ReportData
from workshop.report.fmt import Fmt
from workshop.report.fonts import BOLD, string_width, with_fallback
from workshop.report.hyphenation import hyphenator, widest_piece
from workshop.report.styles import Styles, table_style

MIN_SCALE = 0.7  # a paragraph's type shrinks to 70 % at most to fit its widest word


class Styled(Protocol):
    """What a table needs of its context: the styles (a run sheet has no results to carry)."""

    @property
    def styles(self) -> Styles: ...


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
    codes: dict[int, str] | None = None  # participant codes, when only some participants are printed
    benchmark: Any = None  # workshop.benchmark.Benchmark, when the report compares with the firm

    @property
    def _(self) -> Callable[[str], str]:
        return self.fmt._


class Para(Paragraph):
    """A paragraph that never breaks a word and never runs out of its box.

    Characters the body font lacks (Chinese, emoji) are set in a fallback font. Lines break
    at spaces and hyphens only; a word wider than the column is hyphenated where its
    language allows (the styles carry the language), and if a syllable still does not fit,
    the paragraph's type shrinks (to 70 % at most); only a word that still does not fit is
    split, so nothing prints outside its cell. Line breaks are remembered for the last width: tables wrap each cell
    twice and handouts reuse the same paragraphs forty times at one width.
    """

    _wrapped: tuple | None = None

    def __init__(self, text: str, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        text = with_fallback(text or "")
        self._source = text
        self._base_style = style
        super().__init__(text, _unbreakable(style), *args, **kwargs)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        cached = self._wrapped
        if cached is not None and cached[0] == available_width:
            _, self.blPara, self.height, self._wrapWidths, self.style = cached
            self.width = available_width
            return available_width, self.height
        self._fit(available_width)
        width, height = super().wrap(available_width, available_height)
        if hasattr(self, "blPara") and width == available_width:
            self._wrapped = (available_width, self.blPara, height, self._wrapWidths, self.style)
        return width, height

    def _fit(self, width: float) -> None:
        style = _unbreakable(self._base_style)
        widest = _widest_word(self._source, style)
        if widest > width > 0:
            lang = _language(self._base_style)
            size = style.fontSize
            if lang:  # hyphenated at the language's syllables, the word may fit at full size
                hyphenated = widest_piece(_words(self._source), lang, size, width)
                # A syllable too wide even in smaller type: the word is split as before instead (a
                # hyphenated word's remainder is never split, so it would run out of the cell).
                widest, lang = (hyphenated, lang) if hyphenated * MIN_SCALE <= width else (widest, "")
            scale = max(width / widest, MIN_SCALE) if widest > width else 1.0
            style = _fitted(style, lang, scale, int(widest * scale > width), width)
        if style is not self.style:
            self.style = style
            self._setup(self._source, style, None, None, cleanBlockQuotedText)


def _hyphens_in_every_script() -> None:
    """Let reportlab break at a hyphen in any script, not only in Latin and Russian letters.

    Its check for a breakable word lists letter ranges by hand, so Greek, Georgian or
    Ukrainian compound names could not break at their own hyphens and ran out of the cell.
    """
    from reportlab.platypus import paragraph

    paragraph._hy_shy_letters_pat = re.compile(r"^(?:[-\xad]|[^\W\d_])+$")


_hyphens_in_every_script()


def _at_hyphens(word: str) -> list[tuple[str, str]]:
    """Where a word may break: after one of its own hyphens (latest first), never elsewhere."""
    return [(word[:i + 1], word[i + 1:]) for i in range(len(word) - 2, 0, -1) if word[i] == "-"]


@cache
def _unbreakable(style: ParagraphStyle) -> ParagraphStyle:
    if not style.splitLongWords and style.hyphenationLang is _at_hyphens:
        return style
    return ParagraphStyle(style.name, parent=style, splitLongWords=0, embeddedHyphenation=2,
                          hyphenationLang=_at_hyphens, hyphenationMinWordLength=3)


@cache
def _fitted(style: ParagraphStyle, lang: str, scale: float, split: int, width: float) -> ParagraphStyle:
    """``style`` for a column too narrow for one of its words: hyphenated (``lang``), smaller, or split."""
    size = style.fontSize * scale
    return ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size, leading=style.leading * scale,
                          splitLongWords=split, hyphenationLang=hyphenator(lang, size, width))


def _language(style: ParagraphStyle) -> str:
    """The document's language, carried by the styles as reportlab's ``hyphenationLang`` ("" for none)."""
    lang = getattr(style, "hyphenationLang", "")
    return lang if isinstance(lang, str) else ""


_TAGS = re.compile(r"<[^>]*>")


def _words(markup: str) -> list[str]:
    return unescape(_TAGS.sub(" ", markup.replace("<br/>", " "))).split()


def _widest_word(markup: str, style: ParagraphStyle) -> float:
    """The widest piece between spaces and hyphens, measured in the bold face (the worst case)."""
    return _widest_at(markup, style.fontSize)


@lru_cache(maxsize=4096)  # table cells repeat: the same numbers and labels in every row
def _widest_at(markup: str, size: float) -> float:
    # A piece keeps its hyphen at a line end; measuring each with one is a small overestimate.
    return max((string_width(piece + "-", BOLD, size) for word in _words(markup) for piece in word.split("-")),
               default=0.0) * 1.01


def shorten(text: str | None, limit: int) -> str:
    """At most ``limit`` characters, cut at a space with an ellipsis: a table cell never outgrows a page."""
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-") + "\u2026"


def esc(text: str | None) -> str:
    """User text made safe for reportlab's paragraph markup (line breaks kept)."""
    # html's escape, not xml.sax's: the same three characters, without importing urllib and http
    return escape(text or "", quote=False).replace("\n", "<br/>")


def grid(ctx: Styled, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
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
