"""Statements with Sales' and Marketing's means side by side, largest disagreement first."""

from __future__ import annotations

from matplotlib.figure import Figure

from workshop.charts.style import (
    FONT,
    GRID,
    GROUP,
    INK,
    MARKETING,
    MUTED,
    SALES,
    Context,
    empty_message,
    footnote,
    hidden_note,
    new_figure,
    plain_axes,
    wrap,
)

ROW = 0.46  # inches per statement


def statement_gaps(results, lang: str, limit: int | None = None) -> Figure:
    ctx = Context(lang)
    _ = ctx._
    statements = [s for s in results.results.statements if s.mean is not None]
    with_gap = sorted((s for s in statements if s.gap is not None), key=lambda s: (-abs(s.gap), s.id))
    # A statement whose breakdown is hidden keeps its group mean only, after the compared ones.
    rest = sorted((s for s in statements if s.gap is None), key=lambda s: s.id)
    rows = (with_gap + rest)[:limit] if limit else with_gap + rest
    height = 1.5 + ROW * max(len(rows), 3)
    fig = new_figure(8.0, height)
    if not rows:
        return empty_message(fig, _("No answers yet"))

    bottom = 0.75 / height
    ax = fig.add_axes((0.43, bottom, 0.47, 1 - bottom - 0.55 / height))
    plain_axes(ax)
    n = len(rows)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(0.8, 5.2)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xticklabels(["1", "2", "3", "4", "5"])
    ax.set_yticks(range(n))
    ax.set_yticklabels([f"{s.id}  {wrap(ctx.instrument.statement(s.id).text(lang), 46)}" for s in rows],
                       fontsize=FONT - 1.5, color=INK)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(_("Mean score (1 = strongly disagree, 5 = strongly agree)"), fontsize=FONT - 1, color=MUTED)
    for x in (1, 2, 3, 4, 5):
        ax.axvline(x, color=GRID, linewidth=0.6, zorder=0)

    shown = {"sales": False, "marketing": False}
    for y, s in enumerate(rows):
        if s.sales_mean is not None and s.marketing_mean is not None:
            ax.plot([s.sales_mean, s.marketing_mean], [y, y], color=INK, linewidth=2.2, zorder=1)
        for series, value in ((SALES, s.sales_mean), (MARKETING, s.marketing_mean)):
            if value is not None:
                shown[series.key] = True
                ax.plot([value], [y], marker=series.marker, markersize=series.size, linestyle="none",
                        markerfacecolor=series.face, markeredgecolor=series.edge, zorder=3)
        if s.gap is None:
            ax.plot([s.mean], [y], marker=GROUP.marker, markersize=GROUP.size - 2, linestyle="none",
                    markerfacecolor="white", markeredgecolor=INK, zorder=2)
        else:
            ax.text(5.35, y, ctx.signed(s.gap), ha="left", va="center", fontsize=FONT - 1, color=INK,
                    transform=ax.transData, clip_on=False)
    if with_gap:
        ax.text(5.35, -0.95, _("Gap"), ha="left", va="center", fontsize=FONT - 1, color=MUTED,
                clip_on=False, fontweight="bold")

    _legend(fig, ctx, shown, bool(rest), height)
    hidden = [k for k, v in shown.items() if not v]
    if hidden:
        footnote(fig, hidden_note(ctx, hidden, results.workshop.min_group_size))
    notes = [_("Gap: Sales' mean minus Marketing's mean.")] if with_gap else []
    if rest and not hidden:
        notes.append(_("Open diamond: group mean where a side gave too few answers to compare."))
    if notes and not hidden:
        footnote(fig, " ".join(notes))
    return fig


def _legend(fig: Figure, ctx: Context, shown: dict[str, bool], group_only: bool, height: float) -> None:
    handles, labels = [], []
    for series in (SALES, MARKETING):
        if shown[series.key]:
            handles.append(_handle(series))
            labels.append(ctx.series_label(series))
    if group_only:
        handles.append(_handle(GROUP, face="white"))
        labels.append(ctx._("Group mean"))
    if handles:
        fig.legend(handles, labels, loc="upper center", ncol=len(handles), frameon=False,
                   fontsize=FONT, bbox_to_anchor=(0.66, 1 - 0.05 / height))


def _handle(series, face: str | None = None):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker=series.marker, markersize=series.size, linestyle="none",
                  markerfacecolor=face or series.face, markeredgecolor=series.edge)

