"""The theme profile: the group's mean per theme, with Sales and Marketing where shown."""

from __future__ import annotations

from matplotlib.figure import Figure

from workshop.charts.style import (
    FONT,
    GRID,
    INK,
    MARKETING,
    MUTED,
    SALES,
    Context,
    footnote,
    new_figure,
    plain_axes,
    wrap,
)


def theme_profile(results, lang: str) -> Figure:
    ctx = Context(lang)
    _ = ctx._
    names = {t.id: t.name(lang) for t in ctx.instrument.themes}
    rows = [t for t in results.themes if t.mean is not None]
    height = 2.0 + 0.62 * max(len(rows), 1)
    fig = new_figure(8.0, height)
    ax = fig.add_axes((0.24, 1.05 / height, 0.66, 1 - 1.55 / height))
    plain_axes(ax)
    ax.set_xlim(1, 5)
    ax.set_ylim(max(len(rows), 1) - 0.4, -0.6)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel(_("Mean score per theme (1–5)"), fontsize=FONT - 1, color=MUTED)
    for x in (2, 3, 4):
        ax.axvline(x, color=GRID, linewidth=0.6, zorder=0)
    footnote(fig, ctx.instrument.themes_note(lang), width=125)
    if not rows:
        ax.set_yticks([])
        ax.text(3, 0, _("No answers yet"), ha="center", va="center", fontsize=FONT + 1, color=MUTED)
        return fig

    ys = list(range(len(rows)))
    means = [t.mean for t in rows]
    ax.barh(ys, [m - 1 for m in means], left=1, height=0.55, color="#e3e3e3", edgecolor=INK,
            linewidth=0.8, hatch="///", zorder=1)
    # Values in their own column right of the scale, clear of the markers.
    for y, mean in zip(ys, means, strict=True):
        ax.text(5.12, y, ctx.number(mean), ha="left", va="center", fontsize=FONT, color=INK,
                fontweight="bold", clip_on=False)
    ax.text(5.12, -0.95, _("Group"), ha="left", va="center", fontsize=FONT - 1, color=MUTED, clip_on=False)
    ax.set_yticks(ys)
    ax.set_yticklabels([wrap(names.get(t.id, t.id), 24) for t in rows], fontsize=FONT, color=INK)
    ax.tick_params(axis="y", length=0)

    handles, labels = [], []
    for series, attr in ((SALES, "sales_mean"), (MARKETING, "marketing_mean")):
        points = [(getattr(t, attr), y) for t, y in zip(rows, ys, strict=True) if getattr(t, attr) is not None]
        if not points:
            continue
        (line,) = ax.plot([p[0] for p in points], [p[1] - 0.02 for p in points], marker=series.marker,
                          markersize=series.size, linestyle="none", markerfacecolor=series.face,
                          markeredgecolor=series.edge, zorder=3)
        handles.append(line)
        labels.append(ctx.series_label(series))
    from matplotlib.patches import Patch

    handles.insert(0, Patch(facecolor="#e3e3e3", edgecolor=INK, hatch="///"))
    labels.insert(0, _("Group"))
    fig.legend(handles, labels, loc="upper center", ncol=len(handles), frameon=False, fontsize=FONT,
               bbox_to_anchor=(0.58, 1 - 0.05 / height))
    return fig
