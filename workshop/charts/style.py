"""What every chart shares: figure creation, the grey-safe look of each series, labels.

Charts are printed in grey as often as they are projected in colour, so a series is
never told apart by colour alone: each has its own marker shape, a clearly different
lightness and a text label next to it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workshop.i18n import N_, translator
from workshop.instrument import Instrument, default_instrument

INK = "#1a1a1a"
MUTED = "#5c5c5c"
GRID = "#d0d0d0"
# Lightest to darkest, so the bands read as a scale in grey print too.
BAND_FILLS = ("#f4f4f4", "#e3e3e3", "#cfcfcf", "#b8b8b8")
FONT = 10.0


@dataclass(frozen=True)
class Size:
    """How large a chart is drawn: for paper, or for a screen the room reads from afar.

    Every chart takes its type and row heights from one of these, so the projector gets
    projector type (a print chart shown on a projector was ~7 px across the room). A
    screen chart keeps the print layout's width and draws type ``font / 10`` times as
    large, with rows to match and labels wrapped shorter.
    """

    name: str
    width: float  # inches the chart is laid out for; on screen the width sets the resolution
    font: float  # base type size in points
    step: float  # points per step of the type scale (headings +1, notes -1 ...)
    margin: float  # factor on margins (legend, axis labels, notes), for the larger type
    wrap: float  # factor on characters per line of labels
    lines: int  # lines a long label may take
    notes: bool  # how the method works (e.g. how themes were grouped) is for print, not the room


PRINT = Size("print", 8.0, FONT, 1.0, 1.0, 1.0, 2, True)
# A 1280×720 projector gives a slide's chart about 1220 × 560 px. Laid out 12 inches wide
# that is ~100 dpi, so the smallest step (15 pt) is 21 px; rows are sized so that a page
# of the chart fits the height at that resolution (a chart the height squeezes shrinks its type).
SCREEN = Size("screen", 12.0, 16.0, 0.5, 1.3, 0.8, 2, False)
SIZES = {size.name: size for size in (PRINT, SCREEN)}


@dataclass(frozen=True)
class Series:
    key: str
    label: str  # English source, translated where drawn
    marker: str
    face: str
    edge: str
    size: float


GROUP = Series("group", N_("Group"), "D", INK, INK, 9.0)
SALES = Series("sales", N_("Sales"), "o", "#1f4e79", INK, 9.0)  # dark navy: dark grey in print
MARKETING = Series("marketing", N_("Marketing"), "s", "#f0b429", INK, 8.0)  # amber: light grey
LEADERSHIP = Series("leadership", N_("Leadership"), "^", "#7a7a7a", INK, 9.0)
OTHER = Series("other", N_("Other"), "v", "#ffffff", INK, 9.0)
POOLED = Series("pooled", N_("Other groups"), "P", "#ffffff", INK, 9.0)
EVERYONE = Series("everyone", N_("All participants"), "P", "#ffffff", INK, 9.0)
BY_FUNCTION = {s.key: s for s in (SALES, MARKETING, LEADERSHIP, OTHER)}


class Context:
    """The language-bound pieces a chart needs: gettext, the instrument, a few formats."""

    def __init__(self, lang: str, instrument: Instrument | None = None) -> None:
        self.lang = lang
        self._: Callable[[str], str] = translator(lang)
        self.instrument = instrument or default_instrument()

    def number(self, value: float, digits: int = 1) -> str:
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang == "nl" else text

    def signed(self, value: float, digits: int = 1) -> str:
        if round(value, digits) == 0:
            value = 0.0  # no "-0.0"
        text = f"{value:+.{digits}f}".replace("-", "\u2212")
        text = text.lstrip("+") if value == 0 else text
        return text.replace(".", ",") if self.lang == "nl" else text

    def stage_name(self, stage_id: str) -> str:
        return self.instrument.stage(stage_id).name(self.lang)

    def series_label(self, series: Series) -> str:
        return self._(series.label)


def new_figure(width: float, height: float) -> Figure:
    """A figure without pyplot (safe off the GUI thread); white, so it prints as it shows."""
    fig = Figure(figsize=(width, height), dpi=100, facecolor="white")
    return fig


def plain_axes(ax: Axes, labelsize: float = FONT) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(MUTED)
    ax.tick_params(colors=INK, labelsize=labelsize, length=3)


def wrap(text: str, width: int, lines: int = 2) -> str:
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(0, width - 1)].rstrip() + "\u2026"
    return "\n".join(parts)


def empty_message(fig: Figure, message: str) -> Figure:
    fig.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT + 2, color=MUTED)
    return fig


def empty_text(ctx: Context, results, default: str) -> str:
    """Why a chart is empty: the privacy rule's short reason when it withholds the figures."""
    from workshop.privacy import short_reason

    return short_reason(results.results, ctx.lang) or ctx._(default)


def footnote(fig: Figure, text: str, width: int = 120, fontsize: float = FONT - 1.5) -> None:
    fig.text(0.01, 0.01, wrap(text, width, 3), ha="left", va="bottom", fontsize=fontsize,
             color=MUTED, style="italic")


def hidden_note(ctx: Context, hidden: list[str], min_group: int) -> str:
    """A sentence saying which breakdowns stay hidden and why (no counts, no values)."""
    names = ", ".join(ctx._(BY_FUNCTION[f].label) for f in hidden)
    return ctx._("Not shown separately, so that no group smaller than {n} can be worked out: {names}.").format(
        n=min_group, names=names)


class Chart:
    """A chart that can follow new results in place, for a live screen.

    ``build`` draws what stays put and creates the moving artists; ``refresh`` gives
    those artists their values, both on the first draw and on every later update. Charts
    for print are simply built once. ``update`` returns False when the new results change
    the chart's structure (rows, hidden groups, legend): then build a new chart instead.

    ``dynamic`` artists move with the data; ``sprites`` are texts that only move or swap
    text, so a live screen may draw each distinct one once and copy its pixels after.
    """

    def __init__(self, results, lang: str, size: Size = PRINT) -> None:
        self.ctx = Context(lang)
        self._ = self.ctx._
        self.size = size
        self.width = size.width
        self.dynamic: list = []
        self.sprites: list = []
        self.key = self.structure(results)
        self.fig = new_figure(self.width, self.height(results))
        self.build(results)
        self.refresh(results)

    def pt(self, step: float = 0.0) -> float:
        """A type size: the base of this chart's size, ``step`` steps up or down."""
        return self.size.font + step * self.size.step

    def inches(self, value: float) -> float:
        """A margin designed for print, grown with the type."""
        return value * self.size.margin

    def rows(self, printed: float, screen: float) -> float:
        """Inches per row: rows hold a chart's own number of label lines, so each chart says."""
        return printed if self.size is PRINT else screen

    def chars(self, value: int) -> int:
        """Characters per label line designed for print, fewer for larger type."""
        return max(12, round(value * self.size.wrap))

    def note(self, text: str, width: int = 120) -> None:
        footnote(self.fig, text, self.chars(width), self.pt(-1.5))

    def height(self, results) -> float:
        raise NotImplementedError

    def structure(self, results) -> tuple:
        raise NotImplementedError

    def build(self, results) -> None:
        raise NotImplementedError

    def refresh(self, results) -> None:
        raise NotImplementedError

    def shown(self, results) -> tuple:
        """What the chart would show of ``results``, at the precision it is drawn with.

        Equal for two results means the picture is the same (a live screen skips redrawing).
        """
        raise NotImplementedError

    def update(self, results) -> bool:
        """Follow ``results`` in place."""
        if self.structure(results) != self.key:
            return False
        self.refresh(results)
        return True

    def sprite(self, text, style: str):
        text._sprite_style = style
        self.sprites.append(text)
        return text
