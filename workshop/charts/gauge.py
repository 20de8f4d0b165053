"""The stage gauge: the 20–100 scale with its four bands and where the group stands."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from workshop.charts.style import (
    BAND_FILLS,
    FONT,
    GROUP,
    INK,
    MARKETING,
    MUTED,
    SALES,
    Context,
    Series,
    footnote,
    hidden_note,
    new_figure,
)


def stage_gauge(results, lang: str) -> Figure:  # results: workshop.results.WorkshopResults
    ctx = Context(lang)
    _ = ctx._
    r = results.results
    fig = new_figure(8.0, 2.6)
    ax = fig.add_axes((0.03, 0.2, 0.94, 0.72))
    ax.set_xlim(20, 100)
    ax.set_ylim(-1.35, 1.25)
    ax.axis("off")

    # The bands, named inside, with their bounds under the bar.
    for fill, stage in zip(BAND_FILLS, ctx.instrument.stages, strict=True):
        ax.add_patch(Rectangle((stage.lower, -0.25), stage.upper - stage.lower, 0.5,
                               facecolor=fill, edgecolor=INK, linewidth=0.8))
        ax.text((stage.lower + stage.upper) / 2, 0, ctx.stage_name(stage.id), ha="center",
                va="center", fontsize=FONT + 1, color=INK, fontweight="bold")
    for bound in [s.lower for s in ctx.instrument.stages] + [100]:
        ax.text(bound, -0.33, str(bound), ha="center", va="top", fontsize=FONT - 1, color=MUTED)

    if r.total is None:
        ax.text(60, 0.75, _("No complete answers yet"), ha="center", va="center",
                fontsize=FONT + 1, color=MUTED)
        return fig

    # Group above the bar; Sales and Marketing in their own lanes below, so labels never collide.
    _marker(ax, ctx, GROUP, r.total.mean, 0.42, above=True)
    hidden = []
    for series, lane in ((SALES, -0.78), (MARKETING, -1.12)):
        summary = r.by_function.get(series.key)
        if summary is None:
            hidden.append(series.key)
            continue
        _marker(ax, ctx, series, summary.mean, lane, above=False)
    if hidden:
        footnote(fig, hidden_note(ctx, hidden, results.workshop.min_group_size))
    return fig


def _marker(ax, ctx: Context, series: Series, value: float, y: float, above: bool) -> None:
    # A pointer to the bar that never runs through the band names: ticks on the bar's edges.
    if above:
        ax.plot([value, value], [0.1, y], color=INK, linewidth=1.4, zorder=2)
        ax.plot([value, value], [-0.25, -0.1], color=INK, linewidth=1.4, zorder=2)
    else:
        ax.plot([value, value], [y, -0.25], color=INK, linewidth=1.0, zorder=2, linestyle=":")
    ax.plot([value], [y], marker=series.marker, markersize=series.size + 3, markerfacecolor=series.face,
            markeredgecolor=series.edge, markeredgewidth=1.2, linestyle="none", zorder=3)
    label = f"{ctx.series_label(series)} {ctx.number(value)}"
    right = value < 75  # put the text where there is room
    ax.text(value + (1.6 if right else -1.6), y, label, ha="left" if right else "right", va="center",
            fontsize=FONT + 1, color=INK, fontweight="bold" if series is GROUP else "normal", zorder=4,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
