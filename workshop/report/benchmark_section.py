"""The facilitator report's benchmark: this client against the firm's other clients.

Printed only when the report is made with a benchmark (``workshop report --firm URL``, or
in the window after "Compare with the firm's clients" on Reveal); percentiles only, no
other client named.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from workshop.report.common import BuildContext, Para, flex, grid


def section(ctx: BuildContext) -> list:
    report = ctx.benchmark
    if report is None:
        return []
    from workshop.benchmark import MIN_PEERS

    _, f, s = ctx._, ctx.fmt, ctx.styles
    themes = {f"theme:{t.id}": t.name(f.lang) for t in ctx.data.instrument.themes}
    labels = {"total": _("Group total"), "sales": f.function("sales"), "marketing": f.function("marketing"), **themes}
    rows = []
    for m in report.measures:
        if m.value is None:
            where = _("no figure for this workshop (not scored yet, or the group is below its minimum size)")
        elif m.percentile is None:
            where = _("only {n} other clients have this figure; a comparison needs at least {min}").format(
                n=m.peers, min=MIN_PEERS)
        else:
            where = _("{p:.0f}th").format(p=m.percentile)
        rows.append([labels.get(m.id, m.id), "–" if m.value is None else f.number(m.value), str(m.peers), where])
    scope = _(" in {industry}").format(industry=report.industry) if report.industry else ""
    intro = _("Against {n} other clients' latest workshops{scope}. A percentile says which share of them scored "
              "lower; it is given from {min} clients on.").format(n=report.peers, scope=scope, min=MIN_PEERS)
    table = grid(ctx, [_("Measure"), _("This workshop"), _("Other clients"), _("Percentile")], rows,
                 [flex(ctx, 30 * mm, 28 * mm, 60 * mm), 30 * mm, 28 * mm, 60 * mm], numeric=(1, 2))
    return [KeepTogether([Para(_("Compared with the firm's other clients"), s.h2),
                          Para(intro, s.small), Spacer(1, 2 * mm), table])]
