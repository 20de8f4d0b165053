"""Plan: the practices for the move the group decided on, each with a status and notes.

Undefined → Aligned lists both moves' practices; Aligned → Integrated comes grouped from
easiest to hardest; at Integrated the same practices serve as a health check. A status is
one click (click it again to clear), a note is stored when you leave the field, and
"Make a commitment" adds a commitment linked to the practice, prefilled. All undoable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.commands.commitments import AddCommitment
from ui.commands.snapshot import EditAction, SnapshotEdit
from ui.context import AppContext
from ui.room_slide import RoomSlide
from ui.steps.base import StepPage
from ui.steps.gate import gate_closed, reveal_gate
from ui.theme import BRAND, INK, MUTED
from ui.widgets import card, clear_layout, label, mark_checked, separator_line, toggle_button
from workshop import plan as service
from workshop.i18n import N_, Translate, _, current_language
from workshop.instrument import Practice, default_instrument
from workshop.vocabulary import PRACTICE_STATUSES

if TYPE_CHECKING:  # the core's types, for annotations only (ui/ runs no SQL itself)
    from workshop.changes import Changes
    from workshop.commitments import CommitmentInfo
    from workshop.storage.db import Database

# Shown with the word, so the status never depends on colour: a mark, then the label.
MARKS = {"in_place": "✔", "partly": "◐", "not_yet": "○", "not_relevant": "–", None: "·"}
MOVE_TITLE = N_("{start} → {end}")
BADGE = f"background: {theme.BADGE}; border-radius: 6px; padding: 2px 8px;"


def section_title(section: service.PlanSection, lang: str, t: Translate = _) -> str:
    if section.group:
        return t(service.GROUP_TITLES[section.group])
    start, end = section.move.split("-")
    stages = default_instrument()
    return t(MOVE_TITLE).format(start=stages.stage(start).name(lang), end=stages.stage(end).name(lang))


def headline(view: service.PlanView, lang: str, t: Translate = _) -> str:
    name = lambda s: default_instrument().stage(s).name(lang)  # noqa: E731
    return {
        "move": lambda: t("Practices for the move from {current} to {target}").format(
            current=name(view.current_stage), target=name(view.target_stage)),
        "health_check": lambda: t("Health check: is each integration practice still in place?"),
        "preview": lambda: t("A look ahead: the practices for a move to {target}").format(
            target=name(view.target_stage)),
        "stay": lambda: t("The group stays at {stage}").format(stage=name(view.current_stage)),
        "no_stage": lambda: t("No stage yet"),
    }[view.mode]()


def review_edit(ctx: AppContext, workshop_id: int, practice_id: str, text: str, action: EditAction) -> SnapshotEdit:
    return SnapshotEdit(
        ctx, workshop_id, text,
        lambda db, wid: service.get_review(db, wid, practice_id),
        lambda db, wid, state: service.restore_review(db, wid, practice_id, *state),
        action,
    )


class PracticeRow(QWidget):
    """One practice: what it is, where the group stands, notes, and a way to commit to it."""

    def __init__(self, page: PlanPage, practice: Practice) -> None:
        super().__init__()
        self.page, self.practice = page, practice
        self.setObjectName(f"practice_{practice.id}")
        lang = page.lang
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setHorizontalSpacing(18)
        layout.setVerticalSpacing(4)
        layout.addWidget(label(practice.title(lang), "practiceTitle", wrap=True,
                               style="font-size: 14px; font-weight: 600;"), 0, 0)
        from workshop.guide import default_guide

        # The facilitator's page only: short cases from the article that make the practice concrete.
        cases = "".join(f"\n\n{c.title(lang)}: {c.text(lang)}" for c in default_guide().cases_for(practice.id))
        layout.addWidget(label(practice.description(lang) + cases, "mutedNote", wrap=True), 1, 0, 2, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for status in PRACTICE_STATUSES:
            button = toggle_button(_(service.STATUS_LABELS[status]), f"status_{status}",
                                   f"{practice.title(lang)}: {_(service.STATUS_LABELS[status])}")
            button.clicked.connect(lambda _c=False, s=status: self._status_clicked(s))
            buttons.addWidget(button)
            self.buttons[status] = button
        buttons.addStretch(1)
        layout.addLayout(buttons, 0, 1)
        self.note = QLineEdit()
        self.note.setObjectName("practiceNote")
        self.note.setPlaceholderText(_("Notes: what is already there, what is missing"))
        self.note.setAccessibleName(_("Notes on {practice}").format(practice=practice.title(lang)))
        self.note.editingFinished.connect(self._note_done)
        layout.addWidget(self.note, 1, 1)
        commit = QHBoxLayout()
        self.commit_button = QPushButton(_("Make a commitment"))
        self.commit_button.setObjectName("commitPractice")
        self.commit_button.setToolTip(_("Add a commitment linked to this practice, with its owner, "
                                        "due date and success measure"))
        self.commit_button.clicked.connect(self._commit)
        commit.addWidget(self.commit_button)
        self.linked = label("", "mutedNote")
        commit.addWidget(self.linked)
        commit.addStretch(1)
        layout.addLayout(commit, 2, 1)
        layout.setColumnStretch(0, 5)
        layout.setColumnStretch(1, 4)

    def show_item(self, item: service.PracticeItem) -> None:
        self.status = item.status
        for status, button in self.buttons.items():
            on = status == item.status
            mark_checked(button, on, _(service.STATUS_LABELS[status]))
        if not self.note.hasFocus() or not self.note.isModified():
            self.note.setText(item.note)
            self.note.setModified(False)
        n = item.commitments
        self.linked.setText("" if not n else _("1 commitment linked") if n == 1
                            else _("{n} commitments linked").format(n=n))

    def _status_clicked(self, status: str) -> None:
        new = None if status == self.status else status
        page, pid = self.page, self.practice.id
        if not page.edit(review_edit(page.ctx, page.workshop_id, pid, _("Set the status of a practice"),
                                     lambda db, wid: service.set_status(db, wid, pid, new))):
            page.refresh()

    def _note_done(self) -> None:
        if not self.note.isModified():
            return
        self.note.setModified(False)
        text, page, pid = self.note.text(), self.page, self.practice.id
        if text.strip() == service.get_review(page.ctx.db, page.workshop_id, pid)[1]:
            return
        page.edit(review_edit(page.ctx, page.workshop_id, pid, _("Edit the notes on a practice"),
                              lambda db, wid: service.set_note(db, wid, pid, text)))

    def _commit(self) -> None:
        """Open the new commitment for filling in (owner, date, measure); stored on OK, undone as one."""
        from ui.steps.commitment_dialog import CommitmentDialog
        from workshop.commitments import update_commitment
        from workshop.participants import list_participants
        from workshop.workshops import get_workshop

        page, pid = self.page, self.practice.id
        workshop = get_workshop(page.ctx.db, page.workshop_id)
        people = {p.name: p.function for p in list_participants(page.ctx.db, page.workshop_id) if p.name}
        dialog = CommitmentDialog(self.practice.title(workshop.language), people, workshop.next_review,
                                  current_language(), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()

        def create(db: Database, wid: int) -> tuple[CommitmentInfo, Changes]:
            info, _changes = service.commit_practice(db, wid, pid)
            return update_commitment(db, info.id, **values)

        page.edit(AddCommitment(page.ctx, page.workshop_id, create, _("Make a commitment of a practice")))


class PlanPage(StepPage):
    follows = ("decision", "practices", "commitments", "answers", "participants")

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("planPage")
        self.rows: dict[str, PracticeRow] = {}
        self._shape: tuple = ()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label(_("Plan"), "pageHeading"))
        top.addSpacing(12)
        self.subtitle = label("", "mutedNote", wrap=True)
        top.addWidget(self.subtitle, 1)
        outer.addLayout(top)
        self.gate = reveal_gate(ctx, workshop_id, _("Which practices the plan lists depends on the group's stage. "
                                               "Reveal the results on the Reveal step first."), self.refresh)
        outer.addWidget(self.gate)
        self.banner = label("", "warningBanner", wrap=True)
        outer.addWidget(self.banner)
        self.summary = label("", "planSummary", wrap=True, style=f"color: {BRAND}; font-size: 13px;")
        outer.addWidget(self.summary)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAccessibleName(_("Practices to review"))
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 8, 0)
        self.body.setSpacing(12)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        self.spacer = QWidget()
        outer.addWidget(self.spacer, 1)
        self.refresh()

    def refresh(self) -> None:
        closed = gate_closed(self.ctx, self.workshop)
        self.gate.setVisible(closed)
        self.spacer.setVisible(closed)
        for widget in (self.banner, self.summary, self.scroll_area, self.subtitle):
            widget.setVisible(not closed)
        if closed:
            return
        view = service.get_plan(self.ctx.db, self.workshop_id)
        self.subtitle.setText(headline(view, self.lang))
        notes = {
            "preview": _("No decision recorded yet. To look ahead, these are the practices a move up would "
                         "ask for; staying is just as valid an outcome. Record the decision on the Decide step."),
            "stay": _("The group decided to stay: a sound outcome. Check that the practices which brought the "
                      "group to this stage are in place and still work, and make commitments where they are not."),
            "no_stage": _("There is no stage yet: nobody has answered every statement."),
            "health_check": _("Integrated is the highest stage. Check each integration practice: "
                              "is it still in place, and does it still work?"),
        }
        self.banner.setText(notes.get(view.mode, ""))
        self.banner.setVisible(view.mode in notes)
        total = len(view.items)
        counts = [f"{view.count(s)} {_(service.STATUS_LABELS[s]).lower()}" for s in PRACTICE_STATUSES]
        self.summary.setText(" · ".join([*counts, _("{n} to discuss").format(n=view.count(None))]) if total else "")
        shape = (tuple(i.practice.id for i in view.items), self.lang)
        if shape != self._shape:
            self._shape = shape
            self._build(view)
        for item in view.items:
            self.rows[item.practice.id].show_item(item)

    def _build(self, view: service.PlanView) -> None:
        clear_layout(self.body)
        self.rows = {}
        for section in view.sections:
            frame, box = card("planSection")
            box.addWidget(label(section_title(section, self.lang), "sectionHeading"))
            for i, item in enumerate(section.items):
                if i:
                    box.addWidget(separator_line())
                row = PracticeRow(self, item.practice)
                box.addWidget(row)
                self.rows[item.practice.id] = row
            self.body.addWidget(frame)
        self.body.addStretch(1)


class PlanPresenter(RoomSlide):
    """What the room sees: the practices with the group's status, in words and marks, a few a page."""

    follows = ("decision", "practices", "answers", "participants")
    max_per_page = 4
    item_spacing = 24

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("planPresenter")
        self.refresh()

    @property
    def shown(self) -> bool:
        return self.workshop.revealed and self.view.mode not in ("no_stage", "stay")

    def load(self) -> None:
        self.view = service.get_plan(self.ctx.db, self.workshop_id)

    def head(self) -> QWidget | None:
        if not self.shown:
            return None
        return self.text(headline(self.view, self.lang, self.t), theme.SLIDE_HEADING, BRAND, bold=True, centre=True)

    def empty(self) -> QWidget:
        t = self.t
        text = t("The plan follows once the results are shown.") if not self.workshop.revealed \
            else headline(self.view, self.lang, t)
        return self.text(text, theme.SLIDE_TEXT, MUTED, centre=True)

    def items(self) -> list[QWidget]:
        if not self.shown:
            return []
        t = self.t
        single = len(self.view.sections) == 1 and self.view.sections[0].group is None  # the title names the move
        words = [t(service.STATUS_LABELS[s]) for s in PRACTICE_STATUSES] + [t("to discuss")]
        probe = self.text("", theme.SLIDE_NOTE, extra=BADGE)
        probe.ensurePolished()
        badge_width = max(probe.fontMetrics().horizontalAdvance(f"\u25d0 {w}") for w in words) + self.px(24)
        probe.deleteLater()
        rows: list[QWidget] = []
        for section in self.view.sections:
            for number, item in enumerate(section.items):
                word = t(service.STATUS_LABELS[item.status]) if item.status else t("to discuss")
                status = self.text(f"{MARKS[item.status]} {word}", theme.SLIDE_NOTE, INK, wrap=False, extra=BADGE,
                                   name=f"presenterStatus_{item.practice.id}")
                status.setFixedWidth(badge_width)
                lines = [self.text(item.practice.title(self.lang), theme.SLIDE_TEXT)]
                if item.note:
                    lines.append(self.text(item.note, theme.SLIDE_NOTE, MUTED, italic=True))
                practice = self.row((status, 0), (self.stack(*lines, spacing=2), 1), spacing=self.px(14))
                # A section's title goes with its first practice, so it never ends a page alone.
                if number == 0 and not single:
                    practice = self.stack(self.text(section_title(section, self.lang, t), theme.SLIDE_QUESTION,
                                                    BRAND, bold=True), practice, spacing=self.px(6))
                rows.append(practice)
        return rows
