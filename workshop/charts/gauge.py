"""The stage gauge: the 20–100 scale with its four bands and where the group stands."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from workshop.charts.style import (
    BAND_FILLS,
    GROUP,
    INK,
    MARKETING,
    MUTED,
    SALES,
    Chart,
    Series,
    empty_text,
    hidden_note,
)

LANES = {GROUP.key: 0.42, SALES.key: -0.78, MARKETING.key: -1.12}


def stage_gauge(results, lang: str) -> Figure:  # results: workshop.results.WorkshopResults
    """The four bands named, with markers for the group, Sales and Marketing (those shown)."""
    return GaugeChart(results, lang).fig


class GaugeChart(Chart):
    def height(self, results) -> float:
        return self.inches(2.1)

    def structure(self, results) -> tuple:
        r = results.results
        if r.total is None:  # empty, or withheld (then the chart says why)
            return (None, bool(r.withheld is not None and r.withheld.group))
        return tuple(s.key for s in self._series(results))

    def shown(self, results) -> tuple:
        r = results.results
        if r.total is None:
            return ()
        return (round(r.total.mean, 1),) + tuple(
            round(r.by_function[s.key].mean, 1) for s in self._series(results) if s is not GROUP)

    def _series(self, results) -> list[Series]:
        r = results.results
        return [GROUP] + [s for s in (SALES, MARKETING) if r.by_function.get(s.key) is not None]

    def build(self, results) -> None:
        ctx, fig = self.ctx, self.fig
        ax = self.ax = fig.add_axes((0.03, 0.16, 0.94, 0.82))
        ax.set_xlim(20, 100)
        ax.set_ylim(-1.3, 0.7)
        ax.axis("off")
        # The bands, named inside, with their bounds under the bar.
        for fill, stage in zip(BAND_FILLS, ctx.instrument.stages, strict=True):
            ax.add_patch(Rectangle((stage.lower, -0.25), stage.upper - stage.lower, 0.5,
                                   facecolor=fill, edgecolor=INK, linewidth=0.8))
            ax.text((stage.lower + stage.upper) / 2, 0, ctx.stage_name(stage.id), ha="center",
                    va="center", fontsize=self.pt(1), color=INK, fontweight="bold")
        for bound in [s.lower for s in ctx.instrument.stages] + [100]:
            ax.text(bound, -0.33, str(bound), ha="center", va="top", fontsize=self.pt(-1), color=MUTED)
        if self.key[0] is None:
            ax.text(60, 0.5, empty_text(ctx, results, "No complete answers yet"), ha="center", va="center",
                    fontsize=self.pt(1), color=MUTED)
            return
        hidden = [s.key for s in (SALES, MARKETING) if s.key not in self.key]
        if hidden:
            self.note(hidden_note(ctx, hidden, results.workshop.min_group_size))
        # Group above the bar; Sales and Marketing in lanes below, so labels never collide.
        # Pointers reach the bar's edges but never run through the band names.
        self.pointers = {}
        for series in self._series(results):
            y = LANES[series.key]
            if series is GROUP:
                stems = [ax.plot([], [], color=INK, linewidth=1.4, zorder=2)[0] for _ in range(2)]
            else:
                stems = [ax.plot([], [], color=INK, linewidth=1.0, zorder=2, linestyle=":")[0]]
            mark = ax.plot([], [], marker=series.marker, markersize=series.size + 3, markerfacecolor=series.face,
                           markeredgecolor=series.edge, markeredgewidth=1.2, linestyle="none", zorder=3)[0]
            label = ax.text(0, y, "", va="center", fontsize=self.pt(1), color=INK, zorder=4,
                            fontweight="bold" if series is GROUP else "normal",
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
            self.pointers[series.key] = (series, y, stems, mark, label)
            self.dynamic += [*stems, mark, label]

    def refresh(self, results) -> None:
        if self.key[0] is None:
            return
        r = results.results
        for key, (series, y, stems, mark, label) in self.pointers.items():
            value = r.total.mean if key == GROUP.key else r.by_function[key].mean
            if series is GROUP:
                stems[0].set_data([value, value], [0.1, y])
                stems[1].set_data([value, value], [-0.25, -0.1])
            else:
                stems[0].set_data([value, value], [y, -0.25])
            mark.set_data([value], [y])
            right = value < 75  # the text goes where there is room
            label.set_text(f"{self.ctx.series_label(series)} {self.ctx.number(value)}")
            label.set_x(value + (1.6 if right else -1.6))
            label.set_horizontalalignment("left" if right else "right")
