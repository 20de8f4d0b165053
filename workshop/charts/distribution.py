"""How the complete totals spread, per function where the function is large enough.

Privacy: a function below the minimum group size never gets a row of its own. Such
functions are pooled into one "other groups" row when the pool itself reaches the
minimum, and left out otherwise. There is no "everyone" row beside the broken-out rows,
because subtracting the rows from it would reveal the small group's totals.
"""

from __future__ import annotations

from collections import Counter

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from workshop.charts.style import (
    BAND_FILLS,
    BY_FUNCTION,
    EVERYONE,
    FONT,
    INK,
    MUTED,
    POOLED,
    Context,
    Series,
    footnote,
    new_figure,
    plain_axes,
)
from workshop.scoring import FUNCTIONS

BIN = 2  # totals within two points share a column of dots


def distribution_rows(results) -> tuple[list[tuple[Series, list[int]]], int]:
    """The rows that may be shown, and how many complete participants are left out."""
    r = results.results
    minimum = results.workshop.min_group_size
    shown = [f for f in FUNCTIONS if r.by_function.get(f) is not None]
    rows = [(BY_FUNCTION[f], [t for g, t in r.totals if g == f]) for f in shown]
    pooled = [t for g, t in r.totals if g not in shown]
    left_out = 0
    if len(pooled) >= minimum:
        rows.append((POOLED if rows else EVERYONE, pooled))
    else:
        left_out = len(pooled)
    return rows, left_out


def totals_distribution(results, lang: str) -> Figure:
    ctx = Context(lang)
    _ = ctx._
    rows, left_out = distribution_rows(results)
    height = 1.6 + 0.85 * max(len(rows), 1)
    fig = new_figure(8.0, height)
    ax = fig.add_axes((0.2, 0.9 / height, 0.77, 1 - 1.2 / height))
    plain_axes(ax)
    ax.set_xlim(20, 100)
    ax.set_ylim(len(rows) - 0.45 if rows else 0.55, -0.55)
    for fill, stage in zip(BAND_FILLS, ctx.instrument.stages, strict=True):
        ax.add_patch(Rectangle((stage.lower, -0.55), stage.upper - stage.lower, 0.14,
                               facecolor=fill, edgecolor=INK, linewidth=0.5, zorder=1))
        ax.text((stage.lower + stage.upper) / 2, -0.48, ctx.stage_name(stage.id), ha="center",
                va="center", fontsize=FONT - 2, color=INK, zorder=2)
    ax.set_xticks([20, 40, 60, 80, 100])
    ax.set_xlabel(_("Total score of each participant who answered every statement (20–100)"),
                  fontsize=FONT - 1, color=MUTED)
    for bound in (40, 60, 80):
        ax.axvline(bound, color=MUTED, linewidth=0.6, linestyle=":", zorder=0)

    labels = []
    for y, (series, totals) in enumerate(rows):
        _dots(ax, series, totals, y)
        mean = sum(totals) / len(totals)
        ax.plot([mean, mean], [y - 0.32, y + 0.32], color=INK, linewidth=2.0, zorder=4)
        labels.append(f"{ctx.series_label(series)}\n" + _("n = {n}, mean {mean}").format(
            n=len(totals), mean=ctx.number(mean)))
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(labels, fontsize=FONT - 0.5, color=INK)
    ax.tick_params(axis="y", length=0)

    if not rows:
        ax.text(60, 0.1, _("No group is large enough to show yet"), ha="center", va="center",
                fontsize=FONT + 1, color=MUTED)
    notes = [_("Vertical bar: mean of the row.")]
    if left_out:
        notes.append(_("{n} participant(s) from groups below the minimum of {m} are not shown.").format(
            n=left_out, m=results.workshop.min_group_size))
    footnote(fig, " ".join(notes))
    return fig


def _dots(ax, series: Series, totals: list[int], y: float) -> None:
    """A dot per participant, stacked when totals fall in the same narrow bin."""
    counts: Counter[int] = Counter()
    xs, ys = [], []
    for total in sorted(totals):
        column = (total - 20) // BIN
        level = counts[column]
        counts[column] += 1
        xs.append(total)
        # Alternate above and below the row line so tall stacks stay within the row.
        offset = ((level + 1) // 2) * 0.13 * (1 if level % 2 else -1)
        ys.append(y + max(-0.36, min(0.36, offset)))
    ax.plot(xs, ys, marker=series.marker, markersize=series.size - 1, linestyle="none",
            markerfacecolor=series.face, markeredgecolor=series.edge, markeredgewidth=0.9, zorder=3,
            alpha=0.95)
