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
    Chart,
    Series,
    footnote,
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
    """A dot per complete participant, one row per function large enough to show."""
    return DistributionChart(results, lang).fig


class DistributionChart(Chart):
    def height(self, results) -> float:
        return 1.6 + 0.85 * max(len(self.key[0]), 1)

    def structure(self, results) -> tuple:
        rows, left_out = distribution_rows(results)
        return tuple(series.key for series, _ in rows), left_out

    def shown(self, results) -> tuple:
        return tuple((series.key, tuple(sorted(totals))) for series, totals in distribution_rows(results)[0])

    def build(self, results) -> None:
        keys, left_out = self.key
        fig, ctx, _ = self.fig, self.ctx, self._
        height = self.height(results)
        ax = self.ax = fig.add_axes((0.2, 0.9 / height, 0.77, 1 - 1.2 / height))
        plain_axes(ax)
        ax.set_xlim(20, 100)
        ax.set_ylim(len(keys) - 0.45 if keys else 0.55, -0.55)
        for fill, stage in zip(BAND_FILLS, ctx.instrument.stages, strict=True):
            ax.add_patch(Rectangle((stage.lower, -0.55), stage.upper - stage.lower, 0.14,
                                   facecolor=fill, edgecolor=INK, linewidth=0.5, zorder=1))
            ax.text((stage.lower + stage.upper) / 2, -0.48, ctx.stage_name(stage.id), ha="center",
                    va="center", fontsize=FONT - 2, color=INK, zorder=2)
        ax.set_xticks([20, 40, 60, 80, 100])
        ax.set_yticks([])
        ax.set_xlabel(_("Total score of each participant who answered every statement (20–100)"),
                      fontsize=FONT - 1, color=MUTED)
        for bound in (40, 60, 80):
            ax.axvline(bound, color=MUTED, linewidth=0.6, linestyle=":", zorder=0)
        if not keys:
            ax.text(60, 0.1, _("No group is large enough to show yet"), ha="center", va="center",
                    fontsize=FONT + 1, color=MUTED)
        self.rows = []
        for y, (series, _totals) in enumerate(distribution_rows(results)[0]):
            dots = ax.plot([], [], marker=series.marker, markersize=series.size - 1, linestyle="none",
                           markerfacecolor=series.face, markeredgecolor=series.edge, markeredgewidth=0.9,
                           zorder=3)[0]
            mean = ax.plot([], [], color=INK, linewidth=2.0, zorder=4)[0]
            label = self.sprite(ax.text(-0.02, y, "", transform=ax.get_yaxis_transform(), ha="right",
                                        va="center", fontsize=FONT - 0.5, color=INK), "row")
            self.rows.append((series, dots, mean, label))
            self.dynamic += [dots, mean]
        notes = [_("Vertical bar: mean of the row.")]
        if left_out:
            notes.append(_("{n} participant(s) from groups below the minimum of {m} are not shown.").format(
                n=left_out, m=results.workshop.min_group_size))
        footnote(fig, " ".join(notes))

    def refresh(self, results) -> None:
        for y, ((series, dots, mean_line, label), (_series, totals)) in enumerate(
                zip(self.rows, distribution_rows(results)[0], strict=True)):
            dots.set_data(*_stacked(totals, y))
            mean = sum(totals) / len(totals)
            mean_line.set_data([mean, mean], [y - 0.32, y + 0.32])
            # one fact a line: the Dutch "gemiddeld" made one line too wide for the label column
            facts = self._("n = {n}, mean {mean}").format(n=len(totals), mean=self.ctx.number(mean))
            label.set_text(f"{self.ctx.series_label(series)}\n" + facts.replace(", ", "\n", 1))


def _stacked(totals: list[int], y: float) -> tuple[list[int], list[float]]:
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
    return xs, ys
