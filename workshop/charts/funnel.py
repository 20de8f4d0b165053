"""The buying-funnel picture: one matplotlib figure for the screen and the PDF.

Who owns each stage is told apart three ways, so the picture survives a grey printer:
a fill pattern (Marketing ///, Sales \\\\\\, shared xx, i.e. both), a written label beside
every stage, and only then a colour tint. The hand-off is a thick dashed line with a label.
"""

from __future__ import annotations

import textwrap

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from workshop.funnel import OWNER_LABELS, FunnelView
from workshop.i18n import translator

# Light tints of the series colours in workshop.charts.style keep black text readable; the
# hatch (drawn in a mid grey) carries the meaning.
STYLE = {
    "marketing": {"face": "#fbe6b8", "hatch": "///"},
    "sales": {"face": "#cfdcec", "hatch": "\\\\\\"},
    "shared": {"face": "#e6e6e6", "hatch": "xx"},
    None: {"face": "#ffffff", "hatch": ""},
}
HATCH_GREY = "#7a7a7a"
TOP_WIDTH, BOTTOM_WIDTH = 1.0, 0.5
ROW, GAP = 1.0, 0.12


def _width(i: int, n: int) -> float:
    return TOP_WIDTH - (TOP_WIDTH - BOTTOM_WIDTH) * i / n


def funnel_picture(funnel_data: FunnelView, lang: str, *, width: float = 8.0, height: float | None = None,
                   name_width: float = 20) -> Figure:
    """The funnel with each stage's owner and note, and the hand-off marked; a stage's name
    wraps at ``name_width`` characters (fewer where the picture is drawn in larger type)."""
    t = translator(lang)
    rows = funnel_data.stages
    n = len(rows)
    fig = Figure(figsize=(width, height or 0.62 * n + 1.5), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(-1.3, 1.75)  # room on the left for the hand-off label, also in Dutch
    ax.set_ylim(-n * ROW - 0.75, 0.1)  # room for the legend below the funnel

    for i, row in enumerate(rows):
        top, bottom = -i * ROW, -(i + 1) * ROW + GAP
        w1, w2 = _width(i, n) / 2, _width(i + 1, n) / 2
        corners = [(-w1, top), (w1, top), (w2, bottom), (-w2, bottom)]
        style = STYLE[row.owner]
        ax.add_patch(Polygon(corners, closed=True, facecolor=style["face"], hatch=style["hatch"],
                             edgecolor=HATCH_GREY, linewidth=0))
        ax.add_patch(Polygon(corners, closed=True, fill=False, edgecolor="#222222" if row.owner else "#888888",
                             linewidth=1.2, linestyle="-" if row.owner else (0, (4, 3))))
        middle = (top + bottom) / 2
        name = textwrap.fill(row.stage.name(lang), int(name_width))  # a long name must not reach the owner beside it
        ax.text(0, middle, name, ha="center", va="center", fontsize=10.5, color="#111111", linespacing=1.0,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none", "alpha": 0.92})
        if row.owner:
            label, colour, style_ = t(OWNER_LABELS[row.owner]), "#111111", "normal"
        else:
            label, colour, style_ = t("not agreed yet"), "#666666", "italic"
        ax.text(0.62, middle + (0.2 if row.note else 0), label, ha="left", va="center", fontsize=10.5,
                fontweight="bold" if row.owner else "normal", color=colour, style=style_)
        if row.note:
            lines = textwrap.wrap(row.note, width=44)
            note = "\n".join(lines[:2]) + (" …" if len(lines) > 2 else "")
            ax.text(0.62, middle - 0.1, note, ha="left", va="top", fontsize=8, color="#333333", linespacing=1.1)

    # The hand-off: after the stage it follows, across the funnel and labelled on the left.
    k = funnel_data.handoff_index
    y = -(k + 1) * ROW + GAP / 2
    half = _width(k + 1, n) / 2 + 0.08
    ax.add_line(Line2D([-half, half], [y, y], color="#000000", linewidth=2.6, linestyle=(0, (5, 2.5))))
    ax.annotate(t("Hand-off"), xy=(-half, y), xytext=(-1.27, y), ha="left", va="center", fontsize=10,
                fontweight="bold", arrowprops={"arrowstyle": "-|>", "color": "#000000", "linewidth": 1.4})

    handles: list[Artist] = [Patch(facecolor=STYLE[o]["face"], hatch=STYLE[o]["hatch"], edgecolor=HATCH_GREY,
                     label=t(OWNER_LABELS[o])) for o in ("marketing", "sales", "shared")]
    handles.append(Line2D([], [], color="#000000", linewidth=2.6, linestyle=(0, (5, 2.5)), label=t("Hand-off")))
    legend = ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=4,
                       frameon=False, fontsize=9.5, handlelength=2.6, handleheight=1.3)
    for patch in legend.get_patches():
        patch.set_edgecolor(HATCH_GREY)
    return fig
