"""Statements with Sales' and Marketing's means side by side, largest disagreement first."""

from __future__ import annotations

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from workshop.charts.style import (
    GRID,
    GROUP,
    INK,
    MARKETING,
    MUTED,
    PRINT,
    SALES,
    Chart,
    Size,
    empty_text,
    hidden_note,
    wrap,
)

ROW = 0.46  # inches per statement
GAP_X = 5.35  # where the gap values stand, right of the scale


def statement_gaps(results, lang: str, limit: int | None = None, size: Size = PRINT) -> Figure:
    """Statements sorted by the absolute gap between Sales' and Marketing's means.

    A statement on which a side gave too few answers keeps only its group mean and comes
    after the compared ones; a side hidden everywhere does not appear at all.
    """
    return GapsChart(results, lang, limit, size).fig


def ordered(results, limit: int | None = None, start: int = 0) -> tuple[list, list, list]:
    """(rows in display order, those with a gap, those without); ``limit`` rows from ``start``."""
    statements = [s for s in results.results.statements if s.mean is not None]
    with_gap = sorted((s for s in statements if s.gap is not None), key=lambda s: (-abs(s.gap), s.id))
    rest = sorted((s for s in statements if s.gap is None), key=lambda s: s.id)
    rows = with_gap + rest
    rows = rows[start:]
    return (rows[:limit] if limit else rows), with_gap, rest


def page_count(results, per_page: int) -> int:
    """How many pages of ``per_page`` statements the chart takes (at least one)."""
    return max(1, -(-len(ordered(results)[0]) // per_page))


class GapsChart(Chart):
    def __init__(self, results, lang: str, limit: int | None = None, size: Size = PRINT, start: int = 0) -> None:
        self.limit, self.start = limit, start
        super().__init__(results, lang, size)

    def height(self, results) -> float:
        rows = max(len(ordered(results, self.limit, self.start)[0]), 3)
        return self.inches(1.5) + self.rows(ROW, 0.62) * rows

    def structure(self, results) -> tuple:
        rows, with_gap, rest = ordered(results, self.limit, self.start)
        sales = any(s.sales_mean is not None for s in rows)
        marketing = any(s.marketing_mean is not None for s in rows)
        withheld = results.results.withheld is not None and results.results.withheld.group
        return (len(rows), frozenset(s.id for s in with_gap), frozenset(s.id for s in rest), sales, marketing,
                withheld)

    def shown(self, results) -> tuple:
        # Two decimals of a 1–5 scale are finer than a pixel; gaps are printed with one.
        return tuple((s.id, *(None if v is None else round(v, 2) for v in (s.mean, s.sales_mean, s.marketing_mean)))
                     for s in ordered(results, self.limit, self.start)[0])

    def build(self, results) -> None:
        n, with_gap, rest, sales, marketing, _withheld = self.key
        fig, _ = self.fig, self._
        if not n:
            fig.text(0.5, 0.5, empty_text(self.ctx, results, "No answers yet"), ha="center", va="center",
                     fontsize=self.pt(2), color=MUTED)
            return
        height = self.height(results)
        bottom = self.inches(0.75) / height
        # On screen the gap column's heading is in larger type: a narrower scale leaves it room.
        width = 0.47 if self.size.notes else 0.45
        ax = self.ax = fig.add_axes((0.43, bottom, width, 1 - bottom - self.inches(0.55) / height))
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(MUTED)
        ax.tick_params(colors=INK, labelsize=self.pt(), length=3)
        ax.set_ylim(n - 0.4, -0.6)
        ax.set_xlim(0.8, 5.2)
        ax.set_xticks([1, 2, 3, 4, 5])
        ax.set_yticks([])
        ax.set_xlabel(_("Mean score (1 = strongly disagree, 5 = strongly agree)"), fontsize=self.pt(-1), color=MUTED)
        for x in (1, 2, 3, 4, 5):
            ax.axvline(x, color=GRID, linewidth=0.6, zorder=0)

        # One text per statement; refresh puts the shown ones on their rows.
        lang = self.ctx.lang
        self.labels = {}
        for s in self.ctx.instrument.statements:
            text = f"{s.id}  {wrap(s.text(lang), self.chars(46), self.size.lines)}"
            self.labels[s.id] = self.sprite(ax.text(-0.02, 0, text, transform=ax.get_yaxis_transform(),
                                                    ha="right", va="center", fontsize=self.pt(-1.5), color=INK),
                                            "label")
        self.gap_texts = [self.sprite(ax.text(GAP_X, y, "", ha="left", va="center", fontsize=self.pt(-1),
                                              color=INK, clip_on=False), "gap") for y in range(n)]
        self.bars = LineCollection([], colors=INK, linewidths=2.2, zorder=1)
        ax.add_collection(self.bars)
        self.points = {}
        for series in (SALES, MARKETING):
            self.points[series.key] = ax.plot([], [], marker=series.marker, markersize=series.size,
                                              linestyle="none", markerfacecolor=series.face,
                                              markeredgecolor=series.edge, zorder=3)[0]
        self.points["group"] = ax.plot([], [], marker=GROUP.marker, markersize=GROUP.size - 2, linestyle="none",
                                       markerfacecolor="white", markeredgecolor=INK, zorder=2)[0]
        self.dynamic += [self.bars, *self.points.values()]
        if with_gap:
            ax.text(GAP_X, -0.95, _("Gap"), ha="left", va="center", fontsize=self.pt(-1), color=MUTED,
                    clip_on=False, fontweight="bold")
        self._legend(height, sales, marketing, bool(rest))
        hidden = [key for key, shown in (("sales", sales), ("marketing", marketing)) if not shown]
        if hidden:
            self.note(hidden_note(self.ctx, hidden, results.workshop.min_group_size))
        else:
            notes = [_("Gap: Sales' mean minus Marketing's mean.")] if with_gap else []
            if rest:
                notes.append(_("Open diamond: group mean where a side gave too few answers to compare."))
            if notes:
                self.note(" ".join(notes))

    def refresh(self, results) -> None:
        if not self.key[0]:
            return
        rows = ordered(results, self.limit, self.start)[0]
        position = {s.id: y for y, s in enumerate(rows)}
        for qid, label in self.labels.items():
            label.set_visible(qid in position)
            label.set_y(position.get(qid, 0))
        segments, xs, ys = [], {"sales": [], "marketing": [], "group": []}, {"sales": [], "marketing": [], "group": []}
        for y, s in enumerate(rows):
            if s.gap is not None:
                segments.append([(s.sales_mean, y), (s.marketing_mean, y)])
                self.gap_texts[y].set_text(self.ctx.signed(s.gap))
            else:
                self.gap_texts[y].set_text("")
                xs["group"].append(s.mean)
                ys["group"].append(y)
            for key, value in (("sales", s.sales_mean), ("marketing", s.marketing_mean)):
                if value is not None:
                    xs[key].append(value)
                    ys[key].append(y)
        self.bars.set_segments(segments)
        for key, line in self.points.items():
            line.set_data(xs[key], ys[key])

    def _legend(self, height: float, sales: bool, marketing: bool, group_only: bool) -> None:
        handles, labels = [], []
        for series, shown in ((SALES, sales), (MARKETING, marketing)):
            if shown:
                handles.append(_handle(series))
                labels.append(self.ctx.series_label(series))
        if group_only:
            handles.append(_handle(GROUP, face="white"))
            labels.append(self._("Group mean"))
        if handles:
            self.fig.legend(handles, labels, loc="upper center", ncol=len(handles), frameon=False,
                            fontsize=self.pt(), bbox_to_anchor=(0.66, 1 - self.inches(0.05) / height))


def _handle(series, face: str | None = None) -> Line2D:
    return Line2D([], [], marker=series.marker, markersize=series.size, linestyle="none",
                  markerfacecolor=face or series.face, markeredgecolor=series.edge)
