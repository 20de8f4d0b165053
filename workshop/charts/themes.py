"""The theme profile: the group's mean per theme, with Sales and Marketing where shown."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from workshop.charts.style import (
    GRID,
    INK,
    MARKETING,
    MUTED,
    SALES,
    Chart,
    empty_text,
    plain_axes,
    wrap,
)

BAR_FILL = "#e3e3e3"
VALUE_X = 5.12  # the group's values stand in a column right of the scale


def theme_profile(results, lang: str) -> Figure:
    """Theme means as hatched bars, Sales and Marketing as markers; notes that the grouping is ours."""
    return ThemeChart(results, lang).fig


class ThemeChart(Chart):
    def height(self, results) -> float:
        return self.inches(2.0) + self.rows(0.62, 0.45) * max(len(self.key[0]), 1)

    def structure(self, results) -> tuple:
        rows = tuple(t.id for t in results.themes if t.mean is not None)
        sides = tuple(attr for attr in ("sales_mean", "marketing_mean")
                      if any(getattr(t, attr) is not None for t in results.themes))
        withheld = results.results.withheld is not None and results.results.withheld.group
        return rows, sides, withheld

    def shown(self, results) -> tuple:
        return tuple((t.id, *(None if v is None else round(v, 2) for v in (t.mean, t.sales_mean, t.marketing_mean)))
                     for t in results.themes)

    def build(self, results) -> None:
        rows, sides, _withheld = self.key
        fig, _ = self.fig, self._
        height = self.height(results)
        ax = self.ax = fig.add_axes((0.24, self.inches(1.05) / height, 0.66, 1 - self.inches(1.55) / height))
        plain_axes(ax, self.pt())
        ax.set_xlim(1, 5)
        ax.set_ylim(max(len(rows), 1) - 0.4, -0.6)
        ax.set_xticks([1, 2, 3, 4, 5])
        ax.set_xlabel(_("Mean score per theme (1–5)"), fontsize=self.pt(-1), color=MUTED)
        for x in (2, 3, 4):
            ax.axvline(x, color=GRID, linewidth=0.6, zorder=0)
        if self.size.notes:  # how the themes were grouped is for the report, not the room
            self.note(self.ctx.instrument.themes_note(self.ctx.lang), width=125)
        if not rows:
            ax.set_yticks([])
            ax.text(3, 0, empty_text(self.ctx, results, "No answers yet"), ha="center", va="center",
                    fontsize=self.pt(1), color=MUTED)
            return
        names = {t.id: t.name(self.ctx.lang) for t in self.ctx.instrument.themes}
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([wrap(names.get(t, t), self.chars(24), self.size.lines) for t in rows],
                           fontsize=self.pt(), color=INK)
        ax.tick_params(axis="y", length=0)
        self.bars = [ax.add_patch(Rectangle((1, y - 0.275), 0, 0.55, facecolor=BAR_FILL, edgecolor=INK,
                                            linewidth=0.8, hatch="///", zorder=1)) for y in range(len(rows))]
        self.values = [self.sprite(ax.text(VALUE_X, y, "", ha="left", va="center", fontsize=self.pt(), color=INK,
                                           fontweight="bold", clip_on=False), "value")
                       for y in range(len(rows))]
        ax.text(VALUE_X, -0.95, _("Group"), ha="left", va="center", fontsize=self.pt(-1), color=MUTED, clip_on=False)
        handles, labels = [Patch(facecolor=BAR_FILL, edgecolor=INK, hatch="///")], [_("Group")]
        self.points = {}
        for series, attr in ((SALES, "sales_mean"), (MARKETING, "marketing_mean")):
            if attr not in sides:
                continue
            line = self.points[attr] = ax.plot([], [], marker=series.marker, markersize=series.size,
                                               linestyle="none", markerfacecolor=series.face,
                                               markeredgecolor=series.edge, zorder=3)[0]
            handles.append(line)
            labels.append(self.ctx.series_label(series))
        self.dynamic += [*self.bars, *self.points.values()]
        fig.legend(handles, labels, loc="upper center", ncol=len(handles), frameon=False, fontsize=self.pt(),
                   bbox_to_anchor=(0.58, 1 - self.inches(0.05) / height))

    def refresh(self, results) -> None:
        rows = [t for t in results.themes if t.mean is not None]
        if not rows:
            return
        for bar, text, theme in zip(self.bars, self.values, rows, strict=True):
            bar.set_width(theme.mean - 1)
            text.set_text(self.ctx.number(theme.mean))
        for attr, line in self.points.items():
            points = [(getattr(t, attr), y) for y, t in enumerate(rows) if getattr(t, attr) is not None]
            line.set_data([p[0] for p in points], [p[1] for p in points])
