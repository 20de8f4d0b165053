"""Participant handouts: one per participant, one or two pages each.

The group's stage and main chart, the decision, the commitments with owners and dates,
and the next review date. The personal variant adds the participant's own total and
stage beside the group's, on that participant's copy only.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table

from workshop.participants import ParticipantInfo
from workshop.privacy import may_compare, reasons
from workshop.report.common import BuildContext, Para, esc, flex, grid
from workshop.report.facilitator import commitment_rows
from workshop.report.forms import SharedBlock
from workshop.report.styles import INK, ZEBRA, GroupStart, table_style


def participant_codes(people: list[ParticipantInfo]) -> dict[int, str]:
    """A short code per participant: their row number in the paper-entry grid (list order)."""
    return {p.id: f"{i:02d}" for i, p in enumerate(people, start=1)}


def display_name(ctx: BuildContext, person: ParticipantInfo, code: str) -> str:
    _ = ctx._
    return person.name or _("Participant {code}").format(code=code)


def story(ctx: BuildContext) -> list:
    people = ctx.data.people
    codes = ctx.codes or participant_codes(people)
    shared = _shared_parts(ctx)
    out: list = []
    for i, person in enumerate(people):
        ctx.check()
        ctx.step(f"{i + 1}/{len(people)}")
        if out:
            out.append(PageBreak())
        out += handout(ctx, person, codes[person.id], shared)
    if not out:
        _ = ctx._
        out.append(Para(_("This workshop has no participants yet, so there are no handouts."),
                             ctx.styles.body))
    return out


def _shared_parts(ctx: BuildContext) -> dict[str, list]:
    """What is the same on every handout, laid out once.

    Flowables are reused from one handout to the next (they are drawn in sequence at the
    same width), so forty handouts parse the commitments table and the texts only once.
    """
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    r, w = d.results, d.workshop
    top = [Para(esc(d.instrument.title(f.lang)), s.small), Para(esc(w.title), s.h1)]
    stage: list = [Para(_("Where we stand"), s.h2)]
    if r.total is None and r.complete:
        stage += [Para(esc(line), s.body) for line in reasons(r, f.lang)[:1]]
    elif r.total is None:
        from workshop.report.sentences import nobody_sentence

        stage.append(Para(nobody_sentence(ctx), s.body))
    else:
        stage.append(Para(_("Together we are at the {stage} stage, with a mean total of {mean} out of 100.")
                               .format(stage=f"<b>{f.stage(r.stage)}</b>", mean=f"<b>{f.number(r.total.mean)}</b>"),
                               s.body))
    meaning: list = []
    if r.total is not None and r.stage is not None:  # a group total always has its stage
        meaning.append(Para(esc(d.instrument.stage(r.stage).description(f.lang)), s.small))
    if r.total is not None and ctx.charts.available("stage_gauge"):
        meaning.append(ctx.charts.flowable("stage_gauge", ctx.width, 46 * mm))
    agreed: list = [Para(_("What we agreed"), s.h2)]
    dec = d.decision
    if dec and dec.choice == "move" and dec.target_stage:
        agreed.append(Para(_("We decided to work towards {target}.").format(
            target=f"<b>{f.stage(dec.target_stage)}</b>"), s.body))
    elif dec and dec.choice == "stay":
        agreed.append(Para(_("We decided to stay at {current} and make it work well.").format(
            current=f"<b>{f.stage(dec.current_stage)}</b>"), s.body))
    if d.commitments:
        widths = [7 * mm, 0, 44 * mm, 26 * mm, 21 * mm]
        widths[1] = flex(ctx, *widths)
        agreed.append(grid(ctx, ["#", _("What we will do"), _("Owner"), _("Due"), _("Status")],
                           commitment_rows(ctx, d.commitments, compact=True), widths))
    else:
        agreed.append(Para(_("No commitments were recorded."), s.body))
    review = Table([[Para(_("Next review"), s.cell_head),
                     Para(f.date(w.next_review) if w.next_review else _("to be agreed"), s.cell_bold)]],
                   colWidths=[40 * mm, ctx.width - 40 * mm], hAlign="LEFT")
    review.setStyle(table_style(("BOX", (0, 0), (-1, -1), 0.8, INK), ("BACKGROUND", (0, 0), (0, 0), ZEBRA),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), header=False, zebra=False))
    closing: list = [Spacer(1, 4 * mm), review]
    if ctx.personal:
        closing += [Spacer(1, 1 * mm), Para(_("Your own score is printed on your copy only. Nobody else's "
                                                   "answers or scores appear in this handout."), s.note)]
    # Drawn once as PDF forms and placed on every handout; "what we agreed" moves to the next
    # page as a whole rather than breaking the table, unless it is longer than a page.
    blocks = [SharedBlock(meaning, ctx.height)] if meaning else []
    return {"top": top, "stage": stage, "meaning": blocks,
            "agreed": [Spacer(1, 2 * mm), SharedBlock(agreed + closing, ctx.height)]}


def handout(ctx: BuildContext, person: ParticipantInfo, code: str, shared: dict[str, list]) -> list:
    _, f, s, w = ctx._, ctx.fmt, ctx.styles, ctx.data.workshop
    name = display_name(ctx, person, code)
    out: list = [GroupStart(f"participant-{person.id}", name), *shared["top"],
                 Para(_("For {name}").format(name=f"<b>{esc(name)}</b>") + " \u00b7 " + esc(w.client)
                           + " \u00b7 " + f.date(w.date) + (f" \u00b7 {esc(w.place)}" if w.place else ""), s.body),
                 Spacer(1, 2 * mm), *shared["stage"]]
    if ctx.personal:
        out.append(_personal(ctx, person))
    out += [*shared["meaning"], *shared["agreed"]]
    return out


def _personal(ctx: BuildContext, person: ParticipantInfo) -> Table:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    r = d.results
    ids = d.instrument.statement_ids
    own = person.total(ids)
    if own is None:
        mine = [Para(_("You"), s.big_label), Para("\u2013", s.big),
                Para(_("{n} of 20 answered: no total").format(n=sum(1 for q in ids if q in person.answers)),
                          s.big_label)]
    else:
        mine = [Para(_("You"), s.big_label), Para(str(own), s.big),
                Para(f.stage(d.instrument.stage_for(own).id), s.big_label)]
    if may_compare(r, own is not None) and r.total is not None:  # may_compare checks the total too
        group = [Para(_("The group"), s.big_label), Para(f.number(r.total.mean), s.big),
                 Para(f.stage(r.stage), s.big_label)]
    else:  # rule 5: with too few others, the group's figure would give them away
        group = [Para(_("The group"), s.big_label), Para("\u2013", s.big),
                 Para(_("not compared: fewer than {n} other people").format(n=d.workshop.min_group_size),
                           s.big_label)]
    half = (ctx.width - 10 * mm) / 2
    table = Table([[mine, "", group]], colWidths=[half, 10 * mm, half], hAlign="CENTER")
    table.setStyle(table_style(("BOX", (0, 0), (0, 0), 1.2, INK), ("BOX", (2, 0), (2, 0), 0.8, INK),
                               ("BACKGROUND", (0, 0), (0, 0), ZEBRA),
                               ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                               header=False, zebra=False))
    return KeepTogether([Spacer(1, 1 * mm), table, Spacer(1, 3 * mm)])

