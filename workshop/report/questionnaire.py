"""Paper questionnaires: one per participant (name and code on it), plus blank forms.

The statements are printed q01 to q20 in one column, in the order of the paper-entry
grid, so the answers can be typed in line by line. Each answer is a row of five boxes
numbered 1 to 5.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table

from workshop.participants import ParticipantInfo
from workshop.report.common import BuildContext, Para, esc
from workshop.report.fonts import REGULAR
from workshop.report.handout import participant_codes
from workshop.report.styles import BOX, HEADER_FILL, INK, MUTED, RULE, ZEBRA, GroupStart, table_style
from workshop.scoring import FUNCTIONS

BOX_SIZE = 4.2 * mm


class AnswerBox(Flowable):
    """One empty square to tick, with its value printed small and light in the corner."""

    def __init__(self, value: int | str, size: float = BOX_SIZE) -> None:
        super().__init__()
        self.value = str(value)
        self.size = self.cell_width = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.cell_width = max(available_width, self.size)  # centred in its cell when drawn
        return self.cell_width, self.size

    def draw(self) -> None:
        c = self.canv
        x = (self.cell_width - self.size) / 2
        c.saveState()
        c.setStrokeColor(BOX)
        c.setLineWidth(0.9)
        c.rect(x, 0, self.size, self.size, stroke=1, fill=0)
        c.setFillColor(MUTED)
        c.setFont(REGULAR, 5.5)
        c.drawString(x + 1.1, 1.2, self.value)
        c.restoreState()


def story(ctx: BuildContext, blank: int = 0) -> list:
    people = ctx.data.people
    codes = participant_codes(people)
    forms: list[tuple[ParticipantInfo | None, str]] = [(p, codes[p.id]) for p in people]
    forms += [(None, "")] * blank
    out: list = []
    for i, (person, code) in enumerate(forms):
        ctx.check()
        ctx.step(f"{i + 1}/{len(forms)}")
        if out:
            out.append(PageBreak())
        out += questionnaire(ctx, person, code, i)
    if not out:
        out += questionnaire(ctx, None, "", 0)
    return out


def _identity(ctx: BuildContext, person: ParticipantInfo | None, code: str) -> Table:
    _, f, s = ctx._, ctx.fmt, ctx.styles
    if person is not None and person.name:
        name = f"<b>{esc(person.name)}</b>"
    elif person is not None:
        name = _("(anonymous)")
    else:
        name = ""
    if person is not None:
        function = f"\u2612 <b>{f.function(person.function)}</b>"  # ☒ ticked for them
    else:
        function = "&nbsp;&nbsp;&nbsp;".join(f"\u2610 {f.function(fn)}" for fn in FUNCTIONS)  # ☐ to tick
    rows = [
        [Para(_("Name"), s.cell_head), Para(name, s.body), Para(_("Code"), s.cell_head),
         Para(f"<b>{code}</b>" if code else "", s.body)],
        [Para(_("Function"), s.cell_head), Para(function, s.body), "", ""],
    ]
    table = Table(rows, colWidths=[24 * mm, ctx.width - 24 * mm - 16 * mm - 22 * mm, 16 * mm, 22 * mm],
                  rowHeights=[8 * mm, 7 * mm], hAlign="LEFT")
    table.setStyle(table_style(
        ("SPAN", (1, 1), (-1, 1)), ("BACKGROUND", (0, 0), (0, -1), ZEBRA), ("BACKGROUND", (2, 0), (2, 0), ZEBRA),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBEFORE", (2, 0), (2, 0), 0.5, RULE),
        header=False, zebra=False))
    return table


def questionnaire(ctx: BuildContext, person: ParticipantInfo | None, code: str, index: int) -> list:
    _, f, s, d = ctx._, ctx.fmt, ctx.styles, ctx.data
    w, ins = d.workshop, d.instrument
    footer = (person.name or _("Participant {code}").format(code=code)) if person else _("Questionnaire")
    scale = "; ".join(f"<b>{lab.value}</b> = {esc(lab.label(f.lang))}" for lab in ins.scale)
    header: list[object] = ["#", Para(_("Statement"), s.cell_head)]
    header += [Para(f"<b>{v}</b>", s.cell_head_center) for v in range(1, 6)]
    rows: list[list[object]] = [header]
    text_style = ParagraphStyle("statement", parent=s.cell, fontSize=8.4, leading=10.2)
    for st in ins.statements:
        rows.append([Para(f"<b>{st.id[1:]}</b>", s.cell), Para(esc(st.text(f.lang)), text_style),
                     *(AnswerBox(v) for v in range(1, 6))])
    box_col = 7.6 * mm
    widths = [8.5 * mm, ctx.width - 8.5 * mm - 5 * box_col] + [box_col] * 5
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(
        ("ALIGN", (2, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("TOPPADDING", (0, 1), (-1, -1), 3.0),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 3.0), ("LINEBEFORE", (2, 0), (2, -1), 0.5, RULE),
        *[("LINEBELOW", (0, r), (-1, r), 0.6, INK) for r in (5, 10, 15)],  # a firm rule every five lines
        rows=len(rows)))
    # One sheet always: on letter paper or with a long name the form shrinks a little rather than
    # spill its last lines onto a second sheet.
    return [GroupStart(f"form-{index}", footer), KeepInFrame(ctx.width, ctx.height - 1, [
        Para(esc(ins.title(f.lang)), s.h1),
        Para(esc(w.title) + " \u00b7 " + esc(w.client) + " \u00b7 " + f.date(w.date), s.small),
        Spacer(1, 2 * mm),
        _identity(ctx, person, code),
        Spacer(1, 3 * mm),
        Para(_("How far do you agree with each statement about how Sales and Marketing work together in "
                    "our organisation? Tick one box per statement. There are no right or wrong answers: give "
                    "your own view of how things are today, not how they should be."), s.small),
        Para(scale, s.small),
        table,
        Spacer(1, 3 * mm),
        Para(_("Thank you. Your answers are combined with everyone else's; only group results are "
                    "shown, never an individual's answers."), s.note),
    ], mode="shrink")]
