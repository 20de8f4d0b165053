"""The client's trend: group, Sales and Marketing totals across workshops, over the stage bands.

One matplotlib figure for the screen and the PDF, readable in grey print: the three lines
differ in line style, marker and lightness and carry their names, not only a colour (the
series look the same as in the other charts, see ``workshop.charts.style``). A point is
missing where a workshop had no figure to show (nobody complete, or Sales or Marketing
below that workshop's minimum group size): privacy holds per workshop.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from workshop.charts.style import (
    BAND_FILLS,
    GROUP,
    INK,
    MARKETING,
    MUTED,
    PRINT,
    SALES,
    Context,
    Size,
    new_figure,
    wrap,
)
from workshop.follow_up import HistoryPoint
from workshop.vocabulary import format_date

# attribute of HistoryPoint, series style, line style, line width
LINES = (
    ("total", GROUP, "-", 2.6),
    ("sales", SALES, (0, (6, 3)), 1.9),
    ("marketing", MARKETING, (0, (1.5, 2)), 1.9),
)


def _date(point: HistoryPoint, lang: str) -> str:
    return format_date(point.date, lang)


def _spread(values: list[float], gap: float = 4.5) -> list[float]:
    """Label heights near ``values`` (same order) that stay at least ``gap`` apart."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: dict[int, float] = {}
    last: float | None = None
    for i in order:
        y = values[i] if last is None else max(values[i], last + gap)
        placed[i] = last = y
    overshoot = max(0.0, (last or 0) - 97)
    return [placed[i] - overshoot for i in range(len(values))]


def trend_chart(history: Sequence[HistoryPoint], lang: str, *, width: float = 8.0,
                height: float = 4.6) -> Figure:
    """Mean totals (20–100) per workshop, oldest left, with the stage bands behind them (print size)."""
    return sized_trend_chart(history, lang, PRINT, width=width, height=height)


def sized_trend_chart(history: Sequence[HistoryPoint], lang: str, size: Size, *, width: float = 8.0,
                      height: float = 4.6) -> Figure:
    """The trend chart at ``size``: the screen size draws it in the room's larger type."""
    font = size.font
    ctx = Context(lang)
    _ = ctx._
    fig = new_figure(width, height)
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot()
    n = len(history)
    xs = list(range(n))
    ax.set_xlim(-0.5, max(n - 1, 0) + 1.0)
    ax.set_ylim(20, 100)

    for stage, fill in zip(ctx.instrument.stages, BAND_FILLS, strict=True):
        ax.axhspan(stage.lower, stage.upper, color=fill, zorder=0, linewidth=0, alpha=0.55)
        ax.text(1.0, (stage.lower + stage.upper) / 2, " " + ctx.stage_name(stage.id),
                transform=ax.get_yaxis_transform(), ha="left", va="center", fontsize=font - 1, color=INK)
        if stage.lower > 20:
            ax.axhline(stage.lower, color=MUTED, linewidth=0.8, linestyle=(0, (2, 2)), zorder=1)

    handles = []
    hidden = False
    labels: dict[int, list[tuple[float, str, bool]]] = {}  # x → (value, text, bold)
    for attr, series, style, line_width in LINES:
        values = [getattr(p, attr) for p in history]
        hidden = hidden or (attr != "total" and any(
            p.complete and v is None for p, v in zip(history, values, strict=True)))
        points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        if not points:
            continue
        look: dict[str, Any] = dict(
            color=series.face if series is not GROUP else INK, linestyle=style, linewidth=line_width,
            marker=series.marker, markersize=series.size, markerfacecolor=series.face,
            markeredgecolor=series.edge, markeredgewidth=1.2)
        # Gaps stay gaps: a segment joins neighbours only, never across a hidden workshop.
        run: list[tuple[int, float]] = []
        for x, v in [*points, (None, None)]:
            if run and (x is None or x != run[-1][0] + 1):
                ax.plot([p[0] for p in run], [p[1] for p in run], zorder=3, **look)
                run = []
            if x is not None:
                run.append((x, v))
        for x, v in points:
            name = f"  {ctx.series_label(series)}" if x == n - 1 else ""
            labels.setdefault(x, []).append((v, ctx.number(v) + name, series is GROUP))
        handles.append(Line2D([], [], label=ctx.series_label(series), **look))
    for x, items in labels.items():
        for y, (_v, text, bold) in zip(_spread([v for v, *_ in items]), items, strict=True):
            ax.text(x + 0.08, y, text, ha="left", va="center", fontsize=font - 1, color=INK, zorder=4,
                    fontweight="bold" if bold else "normal",
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})

    ticks = [f"{_date(p, lang)}\n{wrap(p.title, round(24 * size.wrap))}" for p in history]
    ax.set_xticks(xs, ticks, fontsize=font - 1.5)
    ax.set_ylabel(_("Mean total (20–100)"), fontsize=font - 1)
    ax.tick_params(axis="y", labelsize=font - 1.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if handles:
        fig.legend(handles=handles, loc="outside upper center", fontsize=font - 1, frameon=False, ncols=3,
                   handlelength=3.2)
    else:
        ax.text(0.5, 0.5, _("No complete answers yet"), transform=ax.transAxes, ha="center", va="center",
                fontsize=font + 1, color=MUTED)
    if hidden:
        # Wrapped to the figure's width: at the room's type one line would run off both sides.
        per_line = int(width * 72 / ((font - 2) * 0.55))
        fig.supxlabel(wrap(_("A missing point: fewer Sales or Marketing participants than the minimum group size "
                             "answered everything in that workshop."), per_line, lines=3),
                      fontsize=font - 2, color=MUTED, style="italic")
    return fig
