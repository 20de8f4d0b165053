"""The report's appendix of discussion questions: each statement with the guide's questions,
so the client can keep talking after the workshop."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer

from workshop.guide import default_guide
from workshop.report.common import BuildContext, Para, esc, grid


def questions_appendix(ctx: BuildContext) -> list:
    _, s, d, lang = ctx._, ctx.styles, ctx.data, ctx.fmt.lang
    guide = default_guide()
    rows = []
    for statement in d.instrument.statements:
        asks = "<br/>".join(f"\u2022 {esc(q(lang))}" for q in guide.questions_for(statement.id))
        rows.append([statement.id, esc(statement.text(lang)), asks])
    return [
        CondPageBreak(80 * mm), Spacer(1, 4 * mm),
        Para(_("Questions for the discussion"), s.h1),
        Para(_("Two or three questions per statement, to keep the conversation going after the "
                    "workshop."), s.small),
        grid(ctx, ["#", _("Statement"), _("Questions")], rows,
             [10 * mm, (ctx.width - 10 * mm) * 0.42, (ctx.width - 10 * mm) * 0.58]),
    ]
