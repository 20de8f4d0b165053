"""How the complete totals spread over the stage bands, per function large enough to show.

Privacy (``workshop.privacy``): the chart never draws a person. Each row shows how many
people have a total in each band, and a band holding fewer than the minimum group size
is merged with its neighbours, so every bin holds nobody or at least the minimum. A
function below the minimum never gets a row; the rest are pooled into one row when the
pool reaches the minimum, and left out otherwise. There is no "everyone" row beside the
function rows, because subtracting the rows from it would give the small group away.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from workshop.charts.style import (
    BAND_FILLS,
    BY_FUNCTION,
    EVERYONE,
    INK,
    MUTED,
    POOLED,
    Chart,
    Series,
    plain_axes,
)

SERIES = {**BY_FUNCTION, POOLED.key: POOLED, EVERYONE.key: EVERYONE}


def distribution_rows(results) -> tuple[list[tuple[Series, object]], int]:
    """The rows that may be shown (series, ``privacy.DistributionRow``), and how many
    complete participants are left out."""
    r = results.results
    rows = [(SERIES[row.key], row) for row in r.distribution]
    return rows, r.withheld.left_out if r.withheld is not None else 0


def _row_mean(results, key: str) -> float | None:
    """A row's mean: the function's own, or for the pool what the group leaves after the rows."""
    r = results.results
    if key in BY_FUNCTION:
        summary = r.by_function.get(key)
        return summary.mean if summary else None
    if r.total is None:
        return None
    shown = [s for s in r.by_function.values() if s is not None]
    rest = r.complete - sum(s.n for s in shown)
    return (r.total.mean * r.complete - sum(s.n * s.mean for s in shown)) / rest if rest else None


def totals_distribution(results, lang: str) -> Figure:
    """Counts per stage band, one row per function large enough to show."""
    return DistributionChart(results, lang).fig


class DistributionChart(Chart):
    def height(self, results) -> float:
        return self.inches(1.6) + self.rows(0.85, 0.75) * max(len(self.key[0]), 1)

    def structure(self, results) -> tuple:
        rows, left_out = distribution_rows(results)
        return tuple((series.key, row.bins) for series, row in rows), left_out

    def shown(self, results) -> tuple:
        return self.structure(results), tuple(
            None if m is None else round(m, 1) for m in (_row_mean(results, k) for k, _b in self.structure(results)[0]))

    def build(self, results) -> None:
        rows, left_out = self.key
        fig, ctx, _ = self.fig, self.ctx, self._
        height = self.height(results)
        left = 0.2 if self.size.notes else 0.27  # the row labels in larger type need more room
        ax = self.ax = fig.add_axes((left, self.inches(0.9) / height, 0.97 - left, 1 - self.inches(1.2) / height))
        plain_axes(ax, self.pt())
        ax.set_xlim(20, 100)
        ax.set_ylim(len(rows) - 0.45 if rows else 0.55, -0.55)
        for fill, stage in zip(BAND_FILLS, ctx.instrument.stages, strict=True):
            ax.add_patch(Rectangle((stage.lower, -0.55), stage.upper - stage.lower, 0.14,
                                   facecolor=fill, edgecolor=INK, linewidth=0.5, zorder=1))
            ax.text((stage.lower + stage.upper) / 2, -0.48, ctx.stage_name(stage.id), ha="center",
                    va="center", fontsize=self.pt(-2), color=INK, zorder=2)
        ax.set_xticks([20, 40, 60, 80, 100])
        ax.set_yticks([])
        ax.set_xlabel(_("Total scores of the participants who answered every statement (20–100)"),
                      fontsize=self.pt(-1), color=MUTED)
        if not rows:
            ax.text(60, 0.1, _("No group is large enough to show yet"), ha="center", va="center",
                    fontsize=self.pt(1), color=MUTED)
        self.labels = []
        for y, (key, bins) in enumerate(rows):
            series = SERIES[key]
            for b in bins:
                if not b.count:
                    continue
                ax.add_patch(Rectangle((b.low + 0.6, y - 0.3), b.high - b.low - 1.2, 0.6, facecolor=series.face,
                                       edgecolor=INK, linewidth=0.9, hatch="//" if series.face == "#ffffff" else None,
                                       zorder=3))
                ax.text((b.low + b.high) / 2, y, str(b.count), ha="center", va="center", fontsize=self.pt(1),
                        color=INK, fontweight="bold", zorder=4,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
            self.labels.append(self.sprite(ax.text(-0.02, y, "", transform=ax.get_yaxis_transform(), ha="right",
                                                   va="center", fontsize=self.pt(-0.5), color=INK), "row"))
        notes = [_("Number of people per band; bands with fewer than {m} people are merged with their "
                   "neighbours.").format(m=results.workshop.min_group_size)]
        if left_out:
            notes.append(_("Not shown: {n} from groups below the minimum of {m}.").format(
                n=left_out, m=results.workshop.min_group_size))
        self.note(" ".join(notes))

    def refresh(self, results) -> None:
        rows, _left_out = distribution_rows(results)
        for label, (series, row) in zip(self.labels, rows, strict=True):
            mean = _row_mean(results, series.key)
            lines = [self.ctx.series_label(series), self._("n = {n}").format(n=row.n)]
            if mean is not None:  # on a line of its own, so a Dutch label fits the margin
                lines.append(self._("mean {mean}").format(mean=self.ctx.number(mean)))
            label.set_text("\n".join(lines))
