"""The facilitator report: cover, summary, charts, statements, practices, funnel, commitments, method.

Privacy: every figure comes from the results ``workshop.privacy.publish`` made (None where
withheld); a group below the minimum size is named only in the participant counts, and
``privacy.reasons`` says in one line each what is withheld and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Spacer, Table

from workshop.privacy import reasons
from workshop.report import benchmark_section
from workshop.report.common import BuildContext, Para, esc, flex, grid, shorten
from workshop.report.data import CommitmentRow, DecisionRow
from workshop.report.styles import HEADER_FILL, INK, RULE, ZEBRA, table_style
from workshop.scoring import FUNCTIONS

GAP_MARK = "\u25c6"  # ◆ one of the largest gaps
LOW_MARK = "\u25bc"  # ▼ one of the lowest means


def story(ctx: BuildContext) -> list:
    """The client report: cover, executive summary, results, plan, method and appendix.

    When nobody has answered yet it stays short: cover, summary and the plan, no empty charts.
    """
    from workshop.report.client import action_plan, appendix, executive_summary
    from workshop.report.questions import questions_appendix

    parts: list = []
    sections: tuple[Callable[[BuildContext], list], ...]
    if ctx.data.results.total is None:
        sections = (cover, executive_summary, action_plan, earlier_commitments, method)
    else:
        sections = (cover, executive_summary, summary, charts, statements, practices, funnel, action_plan,
                    earlier_commitments, method, appendix, questions_appendix)
    for section in sections:
        ctx.check()
        ctx.step(section.__name__)
        parts += section(ctx)
    return parts


def hidden_sentence(ctx: BuildContext) -> str:
    """What the privacy rule withholds, one short sentence each."""
    return " ".join(esc(line) for line in reasons(ctx.data.results, ctx.fmt.lang))


# -- cover ----------------------------------------------------------------------------
def cover(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    w, r = d.workshop, d.results
    facts = [
        (_("Client"), esc(w.client)),
        (_("Date"), f.date(w.date)),
        (_("Place"), esc(w.place) or "\u2013"),
        (_("Facilitator"), esc(w.facilitator) or "\u2013"),
        (_("Participants"), _("{n}, of whom {complete} answered every statement").format(
            n=r.participants, complete=r.complete)),
    ]
    if r.total is not None:
        facts.append((_("Stage"), _("{stage} (mean total {mean} out of 100)").format(
            stage=f"<b>{f.stage(r.stage)}</b>", mean=f.number(r.total.mean))))
    label = ParagraphStyle("fact", parent=s.body, fontName=s.cell_head.fontName, spaceAfter=0)
    value = ParagraphStyle("value", parent=s.body, spaceAfter=0)
    fact_table = Table([[Para(k, label), Para(v, value)] for k, v in facts],
                       colWidths=[40 * mm, ctx.width - 40 * mm], hAlign="LEFT")
    fact_table.setStyle(table_style(("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                                    ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE), header=False, zebra=False))

    counts = {fn: [0, 0] for fn in FUNCTIONS}
    for person in d.people:
        counts[person.function][0] += 1
        if person.total(d.instrument.statement_ids) is not None:
            counts[person.function][1] += 1
    rows = [[f.function(fn), str(n), str(done)] for fn, (n, done) in counts.items() if n]
    rows.append([f"<b>{_('Total')}</b>", f"<b>{r.participants}</b>", f"<b>{r.complete}</b>"])
    people = grid(ctx, [_("Function"), _("Participants"), _("Answered every statement")], rows,
                  [60 * mm, 35 * mm, 55 * mm], numeric=(1, 2))
    from workshop.report.brand import logo_row

    return [
        NextPageTemplate("page"),
        *logo_row(ctx),
        Spacer(1, 16 * mm),
        Para(esc(d.instrument.title(f.lang)) + " \u2014 " + esc(w.client), s.title),
        Para(esc(w.title), s.subtitle),
        Spacer(1, 10 * mm),
        fact_table,
        Spacer(1, 10 * mm),
        Para(_("Participants by function"), s.h2),
        people,
        Spacer(1, 12 * mm),
        Para(_("This report shows group results only, never an individual's answers. A function with "
                    "fewer than {n} complete participants is not broken down anywhere in it.").format(
                        n=w.min_group_size), s.note),
        PageBreak(),
    ]


# -- summary ----------------------------------------------------------------------------
def summary(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    r = d.results
    out: list = [Para(_("Summary"), s.h1)]
    if r.total is None and r.complete:
        out.append(Para(hidden_sentence(ctx), s.body))
    elif r.total is None:
        out.append(Para(_("Nobody has answered every statement yet, so there is no group score or "
                               "stage."), s.body))
    else:
        assert r.stage is not None, "a group total always has its stage"
        stage = d.instrument.stage(r.stage)
        out.append(Para(_("With a mean total of {mean} out of 100, the group is at the {stage} stage.").format(
            mean=f"<b>{f.number(r.total.mean)}</b>", stage=f"<b>{f.stage(r.stage)}</b>"), s.body))
        if r.total.min is not None:
            out.append(Para(_("Median {median}, lowest {low}, highest {high}; {complete} of {n} participants "
                                   "answered every statement.").format(
                median=f.number(r.total.median), low=r.total.min, high=r.total.max, complete=r.complete,
                n=r.participants), s.small))
        else:
            out.append(Para(_("{complete} of {n} participants answered every statement.").format(
                complete=r.complete, n=r.participants), s.small))
        meaning = Table([[Para(_("What {stage} means").format(stage=f.stage(r.stage)), s.cell_head)],
                         [Para(esc(stage.description(f.lang)), s.body)]],
                        colWidths=[ctx.width], hAlign="LEFT")
        meaning.setStyle(table_style(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                                     ("BACKGROUND", (0, 1), (-1, -1), ZEBRA), ("BOX", (0, 0), (-1, -1), 0.6, INK),
                                     header=False, zebra=False))
        out += [Spacer(1, 2 * mm), meaning, Spacer(1, 4 * mm)]
    if ctx.charts.available("stage_gauge"):
        out.append(ctx.charts.flowable("stage_gauge", ctx.width, 62 * mm))
    out += side_by_side(ctx) + benchmark_section.section(ctx) + headlines(ctx) + decision(ctx) + since_last(ctx)
    return out


def side_by_side(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    r = d.results
    if r.total is None:
        return []
    rows = [[f"<b>{_('Whole group')}</b>", str(r.complete), f"<b>{f.number(r.total.mean)}</b>",
             f"<b>{f.stage(r.stage)}</b>"]]
    for fn in FUNCTIONS:
        summary_ = r.by_function.get(fn)
        if summary_ is not None:
            rows.append([f.function(fn), str(summary_.n), f.number(summary_.mean), f.stage(summary_.stage)])
    out = [Para(_("Sales and Marketing side by side"), s.h2),
           grid(ctx, [_("Group"), _("Complete"), _("Mean total"), _("Stage")], rows,
                [flex(ctx, 25 * mm, 30 * mm, 45 * mm), 25 * mm, 30 * mm, 45 * mm], numeric=(1, 2))]
    sales, marketing = r.by_function.get("sales"), r.by_function.get("marketing")
    if sales and marketing:
        diff = sales.mean - marketing.mean
        sentence = (_("Sales' mean total is {diff} points above Marketing's.") if diff >= 0
                    else _("Sales' mean total is {diff} points below Marketing's."))
        out.append(Para(sentence.format(diff=f.number(abs(diff))), s.small))
    note = hidden_sentence(ctx)
    if note:
        out.append(Para(note, s.note))
    return out


def headlines(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    out: list = []
    text = {st.id: st.text(f.lang) for st in d.instrument.statements}
    if ctx.data.computed.largest_gaps:
        rows = [[st.id, esc(text[st.id]), f.number(st.sales_mean, 2), f.number(st.marketing_mean, 2),
                 f"<b>{f.signed(st.gap, 2)}</b>"] for st in d.computed.largest_gaps]
        out += [Para(_("Where Sales and Marketing disagree most"), s.h2),
                grid(ctx, ["#", _("Statement"), _("Sales"), _("Marketing"), _("Gap")], rows,
                     [10 * mm, flex(ctx, 10 * mm, 17 * mm, 23 * mm, 17 * mm), 17 * mm, 23 * mm, 17 * mm],
                     numeric=(2, 3, 4))]
    if ctx.data.computed.lowest:
        rows = [[st.id, esc(text[st.id]), f"<b>{f.number(st.mean, 2)}</b>"] for st in d.computed.lowest]
        out += [Para(_("Where the group scores lowest"), s.h2),
                grid(ctx, ["#", _("Statement"), _("Mean")], rows,
                     [10 * mm, flex(ctx, 10 * mm, 24 * mm), 24 * mm], numeric=(2,))]
    if out:
        out.append(Para(_("Scores run from 1 (strongly disagree) to 5 (strongly agree). "
                               "Gap = Sales' mean minus Marketing's."), s.note))
    return out


def _condition_texts(ctx: BuildContext) -> list[tuple[str, str]]:
    _, decision_ = ctx._, ctx.data.decision
    found: list[tuple[str, str]] = []
    if decision_ is None:
        return found
    for rule in ctx.data.instrument.decision.values():
        for kind, conditions in ((_("Reason to stay"), rule.stay_if), (_("Reason to move up"), rule.move_if)):
            for condition in conditions:
                if condition.id in decision_.ticked:
                    found.append((kind, condition.text(ctx.fmt.lang)))
    return found


def _stay_or_skip(ctx: BuildContext, dec: DecisionRow) -> list:
    """Why staying is a sound outcome at this stage, or a caution when the move skips a stage."""
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    from workshop.instrument import STAGE_IDS

    if dec.choice == "stay":
        rule = d.instrument.decision.get(dec.current_stage or "")
        return [Para(esc(rule.stay_note(f.lang)), s.small)] if rule else []
    if dec.choice == "move" and dec.current_stage in STAGE_IDS and dec.target_stage in STAGE_IDS:
        skipped = STAGE_IDS[STAGE_IDS.index(dec.current_stage) + 1:STAGE_IDS.index(dec.target_stage)]
        if skipped:
            return [Para(esc(_("This target skips {skipped}. The table weighs one move at a time: consider "
                                    "aiming for {next} first and deciding again from there.").format(
                skipped=", ".join(f.stage(x) for x in skipped), next=f.stage(skipped[0]))), s.small)]
    return []


def decision(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    out: list = [Para(_("Decision and target"), s.h2)]
    dec = d.decision
    if dec is None or (dec.choice is None and not dec.ticked):
        return out + [Para(_("No decision was recorded."), s.body)]
    if dec.choice == "move" and dec.target_stage:
        line = _("The group decided to move from {current} to {target}.").format(
            current=f"<b>{f.stage(dec.current_stage)}</b>", target=f"<b>{f.stage(dec.target_stage)}</b>")
    elif dec.choice == "stay":
        line = _("The group decided to stay at {current}.").format(
            current=f"<b>{f.stage(dec.current_stage)}</b>")
    else:
        line = _("The group weighed the reasons for {current} but made no decision yet.").format(
            current=f"<b>{f.stage(dec.current_stage)}</b>")
    out.append(Para(line, s.body))
    out += _stay_or_skip(ctx, dec)
    ticked = _condition_texts(ctx)
    if ticked:
        out.append(grid(ctx, [_("What applies to us"), _("Counts as")], [[esc(t), k] for k, t in ticked],
                        [flex(ctx, 40 * mm), 40 * mm]))
    if dec.note:
        out.append(Spacer(1, 2 * mm))
        out.append(Para(f"<b>{_('Note')}:</b> {esc(dec.note)}", s.body))
    return out


def since_last(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    earlier, r = d.earlier, d.results
    if earlier is None or earlier.mean is None:
        return []
    out = [Para(_("Since the previous workshop"), s.h2)]
    text = _("On {date} ({title}) the mean total was {mean} ({stage}).").format(
        date=f.date(earlier.workshop.date), title=esc(earlier.workshop.title), mean=f.number(earlier.mean),
        stage=f.stage(earlier.stage))
    if r.total is not None:
        text += " " + _("Now it is {mean} ({stage}): {change} points.").format(
            mean=f.number(r.total.mean), stage=f.stage(r.stage), change=f.signed(r.total.mean - earlier.mean))
    out.append(Para(text, s.body))
    if len(d.history) >= 2:
        from workshop.charts.trend import trend_chart

        size = _print_size(ctx.width * 0.9, 70 * mm)
        out.append(KeepTogether([ctx.charts.flowable("trend", ctx.width * 0.9, 70 * mm,
                                                     make=lambda: trend_chart(d.history, f.lang, **size))]))
    return out


def _print_size(width: float, height: float) -> dict[str, float]:
    """A chart drawn at the size it prints (inches), so its text keeps its point size on paper (≥ 7 pt)."""
    return {"width": width / 72, "height": height / 72}


# -- charts ---------------------------------------------------------------------------
def charts(ctx: BuildContext) -> list:
    _, s = ctx._, ctx.styles
    cs = ctx.charts
    out: list = []
    blocks = [
        ("statement_gaps", _("The statements, Sales and Marketing side by side"),
         _("Each statement's mean for Sales and for Marketing (1–5), the largest disagreement first.")),
        ("totals_distribution", _("How the totals spread"),
         _("How many complete participants have a total (20–100) in each stage; a band with too few people "
           "to show is merged with its neighbour.")),
        ("theme_profile", _("Profile by theme"),
         _("The mean score (1–5) of the statements in each theme, for the group and for Sales and Marketing.")),
    ]
    for name, title, caption in blocks:
        ctx.check()
        if not cs.available(name):
            continue
        chart = cs.flowable(name, ctx.width, ctx.height - 30 * mm)
        out += [CondPageBreak(chart.height + 25 * mm),
                KeepTogether([Para(title, s.h1), Para(esc(caption), s.small), chart,
                              Spacer(1, 6 * mm)])]
    return out


# -- statements -----------------------------------------------------------------------
def statements(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    gaps = {st.id for st in d.computed.largest_gaps}
    low = {st.id for st in d.computed.lowest}
    compact = ParagraphStyle("statement", parent=s.cell, fontSize=8.4, leading=10.4)
    rows = []
    for st in d.results.statements:
        mean = f.number(st.mean, 2)
        gap = f.signed(st.gap, 2)
        if st.id in low:
            mean = f"<b>{LOW_MARK} {mean}</b>"
        if st.id in gaps:
            gap = f"<b>{GAP_MARK} {gap}</b>"
        rows.append([st.id, Para(esc(d.instrument.statement(st.id).text(f.lang)), compact), str(st.n), mean,
                     f.number(st.sales_mean, 2), f.number(st.marketing_mean, 2), gap, f.number(st.stdev, 2)])
    widths = [10 * mm, 0, 8 * mm, 20 * mm, 14 * mm, 21 * mm, 17 * mm, 19 * mm]
    widths[1] = flex(ctx, *widths)
    table = grid(ctx, ["#", _("Statement"), "n", _("Mean"), _("Sales"), _("Marketing"), _("Gap"), _("Spread")],
                 rows, widths, numeric=(2, 3, 4, 5, 6, 7),
                 extra=[("TOPPADDING", (0, 1), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 1), (-1, -1), 2.2)])
    legend = _("{low} one of the three lowest means; {gap} one of the three largest gaps. n = answers given. "
               "Gap = Sales minus Marketing. Spread = standard deviation of all answers. "
               "\u2013 = no answers, or a group below {min} answers, which is not shown.").format(
        low=LOW_MARK, gap=GAP_MARK, min=d.workshop.min_group_size)
    return [PageBreak(), Para(_("All statements"), s.h1), table, Spacer(1, 2 * mm), Para(legend, s.note)]


# -- practices ------------------------------------------------------------------------
def practices(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    from workshop.vocabulary import PRACTICE_GROUP_LABELS

    reviews = {r.practice_id: r for r in d.reviews}
    scope: list[str] = []
    dec = d.decision
    if dec and dec.choice == "move" and dec.current_stage and dec.target_stage:
        try:
            scope = [p.id for p in d.instrument.practices_between(dec.current_stage, dec.target_stage)]
        except Exception:  # noqa: BLE001 - an odd stored stage must not stop the report
            scope = []
    wanted = set(scope) | set(reviews)
    chosen = [p for p in d.instrument.practices if p.id in wanted]
    out: list = [CondPageBreak(60 * mm), Spacer(1, 4 * mm), Para(_("Practice review"), s.h1)]
    if not chosen:
        return out + [Para(_("No practices were reviewed in this workshop."), s.body)]
    out.append(Para(_("The practices the plan covers and where the group stands on each."), s.small))
    rows, extra, row = [], [], 1
    heading = None
    for practice in chosen:
        key = (practice.move, practice.group)
        if key != heading:
            heading = key
            label = _("From {a} to {b}").format(a=f.stage(practice.from_stage), b=f.stage(practice.to_stage))
            if practice.group:
                label += " \u2014 " + _(PRACTICE_GROUP_LABELS[practice.group])
            rows.append([f"<b>{label}</b>", "", ""])
            extra += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), HEADER_FILL)]
            row += 1
        review = reviews.get(practice.id)
        title = f"<b>{esc(practice.title(f.lang))}</b><br/><font size=7.8 color='#5c5c5c'>" \
                f"{esc(practice.description(f.lang))}</font>"
        rows.append([title, f.practice_status(review.status if review else None), esc(review.note if review else "")])
        row += 1
    widths = [0, 24 * mm, 55 * mm]
    widths[0] = flex(ctx, *widths)
    out.append(grid(ctx, [_("Practice"), _("Status"), _("Note")], rows, widths, extra=extra, zebra=False))
    return out


# -- funnel ---------------------------------------------------------------------------
def funnel(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    owners = {row.stage_id: row for row in d.funnel}
    out: list = [CondPageBreak(80 * mm), Spacer(1, 8 * mm), Para(_("The buying funnel"), s.h1)]
    if not owners:
        return out + [Para(_("The funnel exercise was not done in this workshop."), s.body)]
    if d.funnel_view is not None:
        from workshop.charts.funnel import funnel_picture

        out.append(ctx.charts.flowable("funnel_picture", ctx.width, 95 * mm,
                                       make=lambda: funnel_picture(d.funnel_view, f.lang,
                                                                    **_print_size(ctx.width, 95 * mm))))
        out.append(Spacer(1, 3 * mm))
    handoff = d.workshop.handoff_after or d.instrument.funnel.handoff_after
    out.append(Para(_("Who owns each stage of the customer's buying process, and where the hand-off "
                           "from Marketing to Sales sits."), s.small))
    rows, extra = [], []
    for i, stage in enumerate(d.instrument.funnel.buying_stages, start=1):
        row = owners.get(stage.id)
        rows.append([str(i), esc(stage.name(f.lang)), f.owner(stage.conventional_owner),
                     f"<b>{f.owner(row.owner)}</b>" if row else "\u2013", esc(row.note) if row else ""])
        if stage.id == handoff and i < len(d.instrument.funnel.buying_stages):
            rows.append(["", f"<b>\u2193 {_('Hand-off from Marketing to Sales')} \u2193</b>", "", "", ""])
            r = len(rows)
            extra += [("SPAN", (1, r), (-1, r)), ("LINEABOVE", (0, r), (-1, r), 1.2, INK, None, (3, 2)),
                      ("LINEBELOW", (0, r), (-1, r), 1.2, INK, None, (3, 2))]
    widths = [8 * mm, 0, 34 * mm, 30 * mm, 45 * mm]
    widths[1] = flex(ctx, *widths)
    out.append(grid(ctx, ["#", _("Buying stage"), _("Usually owned by"), _("Owned here by"), _("Note")],
                    rows, widths, extra=extra, zebra=False))
    return out


# -- commitments ----------------------------------------------------------------------
def commitment_rows(ctx: BuildContext, items: Iterable[CommitmentRow], with_status: bool = True,
                    with_review: bool = False, compact: bool = False, as_of: dt.date | None = None,
                    late: bool = False) -> list:
    """Rows of a commitments table; ``compact`` (handouts) shortens long texts and leaves out the measure."""
    _, f = ctx._, ctx.fmt
    as_of = as_of or ctx.data.today
    rows = []
    for i, c in enumerate(items, start=1):
        what = f"<b>{esc(shorten(c.what, 150 if compact else 900))}</b>"
        if c.success_measure and not compact:
            what += f"<br/><font size=7.8 color='#5c5c5c'>{_('Success')}: {esc(shorten(c.success_measure, 600))}</font>"
        owner = esc(shorten(c.owner, 120)) or "\u2013"
        if c.function and not compact:
            owner += f"<br/><font size=7.8 color='#5c5c5c'>{f.function(c.function)}</font>"
        row = [str(i), what, owner, f.date(c.due_date)]
        if with_status:
            row.append(f.commitment_state(c.status, c.due_date, as_of, late_word=late))
        if with_review:
            row.append(esc(shorten(c.review_note, 400)))
        rows.append(row)
    return rows


def earlier_commitments(ctx: BuildContext) -> list:
    _, s, d = ctx._, ctx.styles, ctx.data
    if not (d.earlier and d.earlier.commitments):
        return []
    widths = [8 * mm, 0, 32 * mm, 26 * mm, 20 * mm, 37 * mm]
    widths[1] = flex(ctx, *widths)
    return [Spacer(1, 4 * mm),
            Para(_("Commitments from the previous workshop ({date})").format(
                date=ctx.fmt.date(d.earlier.workshop.date)), s.h2),
            grid(ctx, ["#", _("What we agreed"), _("Owner"), _("Due"), _("Status"), _("Review")],
                 commitment_rows(ctx, d.earlier.commitments, with_review=True, as_of=d.workshop.date, late=True),
                 widths)]


# -- method ---------------------------------------------------------------------------
def method(ctx: BuildContext) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    bands = [[f"<b>{f.stage(st.id)}</b>", _("{low} to below {high}").format(low=st.lower, high=st.upper)
              if st.upper < 100 else _("{low} to 100").format(low=st.lower)] for st in d.instrument.stages]
    band_table = grid(ctx, [_("Stage"), _("Total")], bands, [45 * mm, 45 * mm], zebra=False)
    return [
        PageBreak(),
        Para(_("About the method"), s.h1),
        Para(_("How the scores are computed"), s.h2),
        Para(_("Each participant scores 20 statements from 1 (strongly disagree) to 5 (strongly agree). "
                    "A participant's total is the sum of the 20 scores, from 20 to 100; it counts only when "
                    "every statement is answered. The group score is the mean of the complete totals, and "
                    "the group's stage is the stage of that mean."), s.body),
        band_table,
        Spacer(1, 3 * mm),
        Para(_("Per statement, the mean and the spread (standard deviation) use the answers of the "
                    "participants who answered every statement. The gap is Sales' mean minus Marketing's: "
                    "a positive gap means Sales sees the statement as truer than Marketing does."), s.body),
        Para(_("The privacy rule"), s.h2),
        Para(_("Results are shown for groups only, and nothing is shown that would let a participant "
                    "who knows their own answers work out anyone else's. A group needs at least {n} people "
                    "who answered every statement; a lowest, highest or median total, a spread per statement "
                    "and each band of the spread chart need enough people ({n2} or {n}) that nobody can be "
                    "picked out; when a few people would be left outside the groups shown, one more group is "
                    "hidden so they cannot be worked out by subtraction. Handouts show a participant's own "
                    "score only on that participant's own copy.").format(
                        n=d.workshop.min_group_size, n2=2 * d.workshop.min_group_size), s.body),
        Para(_("The source"), s.h2),
        Para(esc(d.instrument.source(f.lang)) + " " + _(
            "The statements, stage descriptions and practices put the article's ideas in our own "
            "words."), s.body),
        Para(esc(d.instrument.themes_note(f.lang)), s.body),
        Spacer(1, 4 * mm),
        Para(_("Instrument version {version}.").format(version=esc(d.workshop.instrument_version)), s.note),
    ]

