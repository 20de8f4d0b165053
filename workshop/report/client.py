"""The client report's own pages: the executive summary, the action plan and the appendix.

The rest of the report (charts, statements, practices, funnel, method) is shared with the
facilitator's sections in ``facilitator.py``. Every figure printed here comes from the
scoring results (which apply the privacy rule) or from ``workshop.privacy``.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from workshop.privacy import answer_distribution
from workshop.report.common import BuildContext, Para, esc, flex, grid, shorten
from workshop.report.sentences import decision_sentence, nobody_sentence
from workshop.report.styles import INK, ZEBRA


def executive_summary(ctx: BuildContext) -> list:
    """One page: stage, the three findings the app computes, the decision, the consultant's words."""
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    r = d.results
    out: list = [Para(_("Executive summary"), s.h1)]
    if r.total is None:
        out.append(Para(nobody_sentence(ctx), s.body))
    else:
        out.append(Para(_("With a mean total of {mean} out of 100, the group is at the {stage} stage.").format(
            mean=f"<b>{f.number(r.total.mean)}</b>", stage=f"<b>{f.stage(r.stage)}</b>"), s.body))
    findings: list[str] = []
    gaps = [st for st in d.computed.largest_gaps if st.gap is not None]
    if gaps:
        findings.append(_("Sales and Marketing disagree most on: {items}.").format(items="; ".join(
            f"{esc(d.instrument.statement(st.id).text(f.lang))} ({_('gap')} {f.signed(st.gap, 1)})" for st in gaps)))
    if d.computed.lowest and r.total is not None:
        findings.append(_("The group scores lowest on: {items}.").format(items="; ".join(
            f"{esc(d.instrument.statement(st.id).text(f.lang))} ({f.number(st.mean, 1)})"
            for st in d.computed.lowest)))
    findings.append(decision_sentence(ctx))
    out.append(Para(_("What stands out"), s.h2))
    for i, text in enumerate(findings, start=1):
        out.append(Para(f"<b>{i}.</b> {text}", s.body))
    summary = d.texts.summary if d.texts else ""
    if summary:
        box = grid(ctx, [_("The consultant's summary")], [[esc(shorten(summary, 3000))]], [ctx.width], zebra=False,
                   extra=[("BOX", (0, 0), (-1, -1), 0.6, INK), ("BACKGROUND", (0, 1), (-1, -1), ZEBRA)])
        out += [Spacer(1, 3 * mm), box]
    out.append(PageBreak())
    return out


def action_plan(ctx: BuildContext) -> list:
    """The commitments as a plan: what, owner, due, status (overdue marked), success measure, practice."""
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    out: list = [CondPageBreak(60 * mm), Spacer(1, 6 * mm), Para(_("Action plan"), s.h1)]
    if not d.commitments:
        return out + [Para(_("No commitments were recorded."), s.body)]
    titles = {p.id: p.title(f.lang) for p in d.instrument.practices}
    rows = []
    for i, c in enumerate(d.commitments, start=1):
        owner = esc(shorten(c.owner, 120)) or "\u2013"
        if c.function:
            owner += f"<br/><font size=7.8 color='#5c5c5c'>{f.function(c.function)}</font>"
        what = f"<b>{esc(shorten(c.what, 700))}</b>"
        if c.practice_id in titles:
            what += f"<br/><font size=7.8 color='#5c5c5c'>{_('Practice')}: {esc(titles[c.practice_id])}</font>"
        rows.append([str(i), what, owner, f.date(c.due_date), f.commitment_state(c.status, c.due_date, d.today),
                     esc(shorten(c.success_measure, 500)) or "\u2013"])
    widths = [7 * mm, 0, 30 * mm, 22 * mm, 20 * mm, 42 * mm]
    widths[1] = flex(ctx, *widths)
    out.append(grid(ctx, ["#", _("What we will do"), _("Owner"), _("Due"), _("Status"), _("Success measure")],
                    rows, widths))
    out.append(Para(_("\u26a0 Overdue: still open after its due date ({today}).").format(today=f.date(d.today)),
                    s.note))
    return out


def appendix(ctx: BuildContext) -> list:
    """The answer distribution per statement (privacy rule applied) and which statements form each theme."""
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    min_group = d.workshop.min_group_size
    out: list = [PageBreak(), Para(_("Appendix: how the answers are spread"), s.h1),
                 Para(_("How many of those who answered every statement gave each score (1 = strongly disagree, "
                        "5 = strongly agree). A statement is left out when fewer than {n} answered it or when "
                        "some score was given by fewer than {n} people, so that nobody's answer can be picked "
                        "out.").format(
                            n=min_group), s.small)]
    rows = []
    ids = d.instrument.statement_ids
    complete = [p for p in d.people if p.total(ids) is not None]  # the privacy rule counts only these
    for st in d.instrument.statements:
        scores = [p.answers[st.id] for p in complete]
        counts = answer_distribution(scores, min_group)
        cells = [str(c) for c in counts] if counts is not None else ["\u2013"] * 5
        rows.append([st.id, esc(st.text(f.lang)), *cells])
    widths = [10 * mm, 0] + [11 * mm] * 5
    widths[1] = flex(ctx, *widths)
    out.append(grid(ctx, ["#", _("Statement"), "1", "2", "3", "4", "5"], rows, widths, numeric=(2, 3, 4, 5, 6)))
    theme_rows = []
    for theme in d.instrument.themes:
        members = [st.id for st in d.instrument.statements if st.theme == theme.id]
        theme_rows.append([f"<b>{esc(theme.name(f.lang))}</b>", ", ".join(members)])
    out.append(KeepTogether([Spacer(1, 6 * mm), Para(_("Which statements form each theme"), s.h2),
                             grid(ctx, [_("Theme"), _("Statements")], theme_rows, [55 * mm, flex(ctx, 55 * mm)]),
                             Para(esc(d.instrument.themes_note(f.lang)), s.note)]))
    return out

