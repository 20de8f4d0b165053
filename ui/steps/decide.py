"""Decide: "Do we need to be more aligned?" for the group's current stage.

The instrument's "stay if" and "move up if" conditions side by side; the group ticks what
applies and the facilitator records stay or move, a target stage and a note. The ticked
counts are shown as a prompt: the app never decides. At Integrated there is nothing to move
to, and the page points to the practices as a health check. Every click is stored at once
and can be undone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.commands.snapshot import EditAction, SnapshotEdit
from ui.context import AppContext
from ui.room_slide import RoomSlide
from ui.steps.base import StepPage
from ui.steps.gate import gate_closed, reveal_gate
from ui.theme import BRAND, INK, MUTED
from ui.widgets import WrapCheck, card, clear_layout, label
from workshop import decision as service
from workshop.i18n import Translate, _
from workshop.instrument import STAGE_IDS, default_instrument

NOTE_SAVE_MS = 700
COLUMN_GAP = 28  # px between the stay and move columns on the slide


def edit(ctx: AppContext, workshop_id: int, text: str, action: EditAction) -> SnapshotEdit:
    return SnapshotEdit(ctx, workshop_id, text, service.decision_state, service.restore_decision, action)


def prompt(view: service.DecisionView, t: Translate = _) -> str:
    """The ticked counts as a question for the room, never a verdict."""
    if view.at_top:
        return t("Integrated is the highest stage: there is nothing to move to.")
    lean = view.lean
    if lean is None:  # nothing ticked yet
        return t("Tick what the group recognises. The counts are a prompt for the discussion, not the decision.")
    counts = t("{stay} of {stay_all} reasons to stay and {move} of {move_all} reasons to move up apply.").format(
        stay=view.stay_ticked, stay_all=len(view.stay_if), move=view.move_ticked, move_all=len(view.move_if))
    question = {
        "move": t("More of the reasons to move up apply: is the group ready for it?"),
        "stay": t("More of the reasons to stay apply: staying may well be right. Is there still a reason to move?"),
        "even": t("As many each way: what weighs most?"),
    }[lean]
    return f"{counts} {question}"


def choice_text(view: service.DecisionView, lang: str, t: Translate = _) -> str:
    name = lambda s: default_instrument().stage(s).name(lang)  # noqa: E731
    if view.choice == "stay":
        return t("Stay at {stage}").format(stage=name(view.target_stage or view.current_stage))
    if view.choice == "move":
        return t("Move from {current} to {target}").format(current=name(view.current_stage),
                                                           target=name(view.target_stage))
    return t("Not decided yet")


def stay_note(view: service.DecisionView, lang: str) -> str:
    """When staying at the current stage is usually right (from the instrument); empty at the top."""
    from workshop.instrument import default_instrument

    rule = default_instrument().decision.get(view.current_stage or "")
    return rule.stay_note(lang) if rule else ""


def skip_caution(view: service.DecisionView, lang: str, t: Translate = _) -> str:
    """A warning when the recorded move jumps over a stage; empty otherwise."""
    from workshop.instrument import default_instrument

    if not view.skipped_stages:
        return ""
    name = lambda s: default_instrument().stage(s).name(lang)  # noqa: E731
    return t("This target skips {skipped}. The table weighs one move at a time: consider aiming for {next} "
             "first and deciding again from there.").format(
        skipped=", ".join(name(s) for s in view.skipped_stages), next=name(view.next_stage))


class DecidePage(StepPage):
    """The facilitator's page: conditions to tick, the decision, the note."""

    follows = ("decision", "answers", "participants")

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("decidePage")
        self.view = service.get_decision(ctx.db, workshop_id)
        self.boxes: dict[str, WrapCheck] = {}
        self._note_dirty = False
        self._shape: tuple = ()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label(_("Decide"), "pageHeading"))
        top.addSpacing(12)
        top.addWidget(label(_("Do we need to be more aligned?"), "mutedNote"), 1)
        self.stage_label = label(_("Current stage:"))
        top.addWidget(self.stage_label)
        self.stage_combo = QComboBox()
        self.stage_combo.setObjectName("currentStage")
        self.stage_combo.setAccessibleName(_("Current stage"))
        self.stage_combo.setToolTip(_("The stage the decision starts from; it follows the group's score "
                                      "unless you choose another"))
        self.stage_combo.activated.connect(self._stage_chosen)
        top.addWidget(self.stage_combo)
        outer.addLayout(top)
        self.gate = reveal_gate(ctx, workshop_id, _("The decision starts from the group's stage. Reveal the results "
                                               "on the Reveal step first, so that the room sees them together."),
                                self.refresh)
        outer.addWidget(self.gate)

        self.banner = QWidget()
        banner = QHBoxLayout(self.banner)
        banner.setContentsMargins(0, 0, 0, 0)
        self.banner_text = label("", "warningBanner", wrap=True)
        banner.addWidget(self.banner_text, 1)
        self.banner_button = QPushButton()
        self.banner_button.setObjectName("useResultsStage")
        self.banner_button.clicked.connect(self._use_results_stage)
        banner.addWidget(self.banner_button)
        outer.addWidget(self.banner)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(_("Stages and the group's decision"))
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(12)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.scroll_area = scroll
        self.spacer = QWidget()
        outer.addWidget(self.spacer, 1)

        self.columns = QGridLayout()
        self.columns.setHorizontalSpacing(16)
        self.body.addLayout(self.columns)
        self.prompt = label("", "decisionPrompt", wrap=True,
                            style=f"font-size: 14px; color: {BRAND}; font-style: italic;")
        self.body.addWidget(self.prompt)
        self.stay_note = label("", "stayNote", wrap=True, style=f"color: {MUTED};")
        self.body.addWidget(self.stay_note)

        frame, box = card("decisionCard")
        box.addWidget(label(_("The group's decision"), "sectionHeading"))
        row = QHBoxLayout()
        self.choice_group = QButtonGroup(self)
        self.stay = QRadioButton()
        self.stay.setObjectName("chooseStay")
        self.move_button = QRadioButton(_("Move up to"))
        self.move_button.setObjectName("chooseMove")
        self.choice_group.addButton(self.stay)
        self.choice_group.addButton(self.move_button)
        self.stay.clicked.connect(lambda: self._record("stay"))
        self.move_button.clicked.connect(lambda: self._record("move"))
        self.target = QComboBox()
        self.target.setObjectName("targetStage")
        self.target.setAccessibleName(_("Target stage"))
        self.target.activated.connect(lambda _i: self._record("move"))
        row.addWidget(self.stay)
        row.addSpacing(24)
        row.addWidget(self.move_button)
        row.addWidget(self.target)
        row.addStretch(1)
        box.addLayout(row)
        self.recorded = label("", "mutedNote")
        box.addWidget(self.recorded)
        self.skip_caution = label("", "warningBanner", wrap=True)
        self.skip_caution.setAccessibleName(_("Caution"))
        box.addWidget(self.skip_caution)
        box.addWidget(label(_("Note (why, and what it means for the plan)")))
        self.note = QPlainTextEdit()
        self.note.setObjectName("decisionNote")
        self.note.setAccessibleName(_("Note on the decision"))
        self.note.setPlaceholderText(_("For example: roles are clear, yet leads still stall. We aim for Aligned."))
        self.note.setFixedHeight(84)
        self.note.setTabChangesFocus(True)  # Tab moves on, as everywhere else on the page
        self.note.textChanged.connect(self._note_typed)
        box.addWidget(self.note)
        self.body.addWidget(frame)
        self.body.addStretch(1)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.save_note)
        self.refresh()

    # --- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        closed = gate_closed(self.ctx, self.workshop)
        for widget in (self.stage_label, self.stage_combo, self.scroll_area):
            widget.setVisible(not closed)
        self.gate.setVisible(closed)
        self.spacer.setVisible(closed)
        if closed:
            self.banner.hide()
            return
        self.view = v = service.get_decision(self.ctx.db, self.workshop_id)
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        if v.current_stage is None:
            self.stage_combo.addItem(_("choose…"), None)
        for stage in STAGE_IDS:
            self.stage_combo.addItem(self.stage_name(stage), stage)
        self.stage_combo.setCurrentIndex(self.stage_combo.findData(v.current_stage))
        self.stage_combo.blockSignals(False)
        mismatch = v.results_stage is not None and v.current_stage != v.results_stage
        self.banner.setVisible(mismatch or v.current_stage is None)
        if v.current_stage is None:
            self.banner_text.setText(_("Nobody has answered every statement yet, so there is no stage. "
                                       "Choose the stage to start from, or wait for the answers."))
            self.banner_button.hide()
        elif mismatch:
            self.banner_text.setText(_("The group's score now gives {stage}; the decision starts from {current}.")
                                     .format(stage=self.stage_name(v.results_stage),
                                             current=self.stage_name(v.current_stage)))
            self.banner_button.setText(_("Start from {stage}").format(stage=self.stage_name(v.results_stage)))
            self.banner_button.show()
        shape = (v.current_stage, self.lang)
        if shape != self._shape:
            self._shape = shape
            self._build_columns()
        for cid, box in self.boxes.items():
            box.setChecked(cid in v.ticked)
        for kind, heading in self.count_labels.items():
            conditions = v.stay_if if kind == "stay" else v.move_if
            heading.setText(_("{n} of {total} apply").format(
                n=sum(1 for c in conditions if c.id in v.ticked), total=len(conditions)))
        self.prompt.setText(prompt(v))
        note = stay_note(v, self.lang)
        self.stay_note.setText(note)
        self.stay_note.setVisible(bool(note))
        self._show_choice()

    def _build_columns(self) -> None:
        v = self.view
        clear_layout(self.columns)
        self.boxes, self.count_labels = {}, {}
        if v.current_stage is None:
            return
        if v.at_top:
            frame, box = card("topCard")
            box.addWidget(label(_("Integrated: the highest stage"), "sectionHeading"))
            box.addWidget(label(_("There is no stage to move to. Use the integration practices on the Plan step "
                                  "as a health check: is each one still in place, and does it still work?"),
                                wrap=True))
            self.columns.addWidget(frame, 0, 0, 1, 2)
            return
        nxt = self.stage_name(v.next_stage)
        for column, (kind, title, conditions) in enumerate((
            ("stay", _("Stay at {stage} if…").format(stage=self.stage_name(v.current_stage)), v.stay_if),
            ("move", _("Move up to {stage} if…").format(stage=nxt), v.move_if),
        )):
            frame, box = card(f"{kind}Card")
            head = QHBoxLayout()
            head.addWidget(label(title, "sectionHeading", wrap=True), 1)  # wraps at 1024 px, never cut
            count = label("", "mutedNote")
            count.setObjectName(f"{kind}Count")
            count.setStyleSheet(theme.text(colour=MUTED))
            head.addWidget(count)
            self.count_labels[kind] = count
            box.addLayout(head)
            for condition in conditions:
                check = WrapCheck(condition.text(self.lang))
                check.setObjectName(f"tick_{condition.id}")
                check.toggled.connect(lambda on, cid=condition.id: self._tick(cid, on))
                box.addWidget(check)
                self.boxes[condition.id] = check
            box.addStretch(1)
            self.columns.addWidget(frame, 0, column)
        self.columns.setColumnStretch(0, 1)
        self.columns.setColumnStretch(1, 1)
        # Made after the decision below them, the ticks would come last on Tab: put them first.
        chain: list[QWidget] = [self.scroll_area, *(check.box for check in self.boxes.values()), self.stay,
                                self.move_button, self.target, self.note]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _show_choice(self) -> None:
        v = self.view
        has_stage = v.current_stage is not None
        for widget in (self.stay, self.move_button, self.target, self.note):
            widget.setEnabled(has_stage)
        self.stay.setText(_("Stay at {stage}").format(stage=self.stage_name(v.current_stage)) if has_stage
                          else _("Stay"))
        self.move_button.setVisible(not v.at_top)
        self.target.setVisible(not v.at_top)
        self.target.blockSignals(True)
        self.target.clear()
        for stage in v.targets:
            self.target.addItem(self.stage_name(stage), stage)
        wanted = v.target_stage if v.choice == "move" else v.next_stage
        self.target.setCurrentIndex(max(0, self.target.findData(wanted)))
        self.target.blockSignals(False)
        self.choice_group.setExclusive(False)
        self.stay.setChecked(v.choice == "stay")
        self.move_button.setChecked(v.choice == "move")
        self.choice_group.setExclusive(True)
        chosen = self.move_button if v.choice == "move" else self.stay  # Tab lands on the choice; arrows change it
        for button in (self.stay, self.move_button):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is chosen else Qt.FocusPolicy.ClickFocus)
        self.recorded.setText(_("Recorded: {choice}").format(choice=choice_text(v, self.lang))
                              if v.choice else _("Nothing recorded yet."))
        caution = skip_caution(v, self.lang)
        self.skip_caution.setText(caution)
        self.skip_caution.setVisible(bool(caution))
        if not self._note_dirty and self.note.toPlainText() != v.note:
            self.note.blockSignals(True)
            self.note.setPlainText(v.note)
            self.note.blockSignals(False)

    # --- editing -------------------------------------------------------------------------

    def _stage_chosen(self, index: int) -> None:
        stage = self.stage_combo.itemData(index)
        if stage is None or stage == self.view.current_stage:
            return
        self.edit(edit(self.ctx, self.workshop_id, _("Change the current stage"),
                       lambda db, wid: service.set_current_stage(db, wid, stage)))

    def _use_results_stage(self) -> None:
        stage = self.view.results_stage
        if stage:
            self.edit(edit(self.ctx, self.workshop_id, _("Change the current stage"),
                           lambda db, wid: service.set_current_stage(db, wid, stage)))

    def _tick(self, condition_id: str, on: bool) -> None:
        text = _("Tick a condition") if on else _("Untick a condition")
        if not self.edit(edit(self.ctx, self.workshop_id, text,
                              lambda db, wid: service.set_ticked(db, wid, condition_id, on))):
            self.refresh()

    def _record(self, choice: str) -> None:
        target = self.target.currentData() if choice == "move" else None
        if choice == self.view.choice and (choice == "stay" or target == self.view.target_stage):
            return
        self.save_note()
        if not self.edit(edit(self.ctx, self.workshop_id, _("Record the decision"),
                              lambda db, wid: service.record_decision(db, wid, choice, target))):
            self.refresh()

    def _note_typed(self) -> None:
        self._note_dirty = True
        self._note_timer.start()

    def save_note(self) -> None:
        self._note_timer.stop()
        if not self._note_dirty:
            return
        self._note_dirty = False
        text = self.note.toPlainText()
        if text.strip() == self.view.note:
            return
        self.edit(edit(self.ctx, self.workshop_id, _("Edit the note on the decision"),
                       lambda db, wid: service.set_note(db, wid, text)))

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.save_note()
        super().focusOutEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - leaving the step stores the note
        self.save_note()
        super().hideEvent(event)


class DecidePresenter(RoomSlide):
    """What the room sees: the table with the group's ticks and, once taken, the decision.

    The two columns (stay, move up) page together, a few conditions at a time."""

    follows = ("decision", "answers", "participants")
    max_per_page = 4

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("decidePresenter")
        self.refresh()

    @property
    def shown(self) -> bool:
        return self.workshop.revealed and self.view.current_stage is not None

    def load(self) -> None:
        self.view = service.get_decision(self.ctx.db, self.workshop_id)

    def head(self) -> QWidget:
        t, v = self.t, self.view
        title = self.text(t("Do we need to be more aligned?"), theme.SLIDE_HEADLINE, BRAND, bold=True,
                          centre=True, name="presenterTitle")
        if not self.shown:
            return title
        where = self.text(t("We are at: {stage}").format(stage=self.stage_name(v.current_stage)),
                          theme.SLIDE_QUESTION, INK, centre=True)
        if v.at_top:
            return self.stack(title, where)
        headings = []
        for title_text, conditions in self._columns():
            ticked = sum(1 for c in conditions if c.id in v.ticked)
            headings.append((self.text(f"{title_text}   {ticked}/{len(conditions)}", theme.SLIDE_TEXT, BRAND,
                                       bold=True), 1))
        return self.stack(title, where, self.row(*headings, spacing=self.px(COLUMN_GAP)), spacing=self.px(8))

    def _columns(self) -> list[tuple[str, tuple]]:
        t, v = self.t, self.view
        return [(t("Stay at {stage} if\u2026").format(stage=self.stage_name(v.current_stage)), v.stay_if),
                (t("Move up to {stage} if\u2026").format(stage=self.stage_name(v.next_stage)), v.move_if)]

    def items(self) -> list[QWidget]:
        if not self.shown or self.view.at_top:
            return []
        stay, move = (conditions for _title, conditions in self._columns())
        rows = []
        for index in range(max(len(stay), len(move))):
            cells = [(self._condition(column[index] if index < len(column) else None), 1) for column in (stay, move)]
            rows.append(self.row(*cells, spacing=self.px(COLUMN_GAP)))
        return rows

    def _condition(self, condition: Any) -> QWidget:
        """One condition on a tile: a tick mark and weight, not colour alone, say what the group recognised."""
        tile = QFrame()
        tile.setObjectName("conditionTile")
        layout = QHBoxLayout(tile)
        pad = self.px(12)
        layout.setContentsMargins(pad, pad // 2, pad, pad // 2)
        layout.setSpacing(self.px(10))
        if condition is None:
            return tile
        tile.setStyleSheet(f"QFrame#conditionTile {{ background: {theme.PANEL}; border-radius: 10px; }}")
        on = condition.id in self.view.ticked
        ink = INK if on else MUTED
        layout.addWidget(self.text("\u2611" if on else "\u2610", theme.SLIDE_TEXT, ink, wrap=False), 0,
                         Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text(condition.text(self.lang), theme.SLIDE_TEXT, ink, bold=on,
                                   name="ticked" if on else "unticked"), 1)
        return tile

    def empty(self) -> QWidget:
        if not self.shown:
            return self.text(self.t("The decision table follows once the results are shown."), theme.SLIDE_TEXT,
                             MUTED, centre=True)
        return self.text(self.t("Integrated is the highest stage: there is nothing to move to. "
                                "We check that each integration practice is still in place."), theme.SLIDE_TEXT,
                         INK, centre=True)

    def foot(self) -> QWidget | None:
        if not self.shown:
            return None
        t, v = self.t, self.view
        parts = [self.text(t("Decision: {choice}").format(choice=choice_text(v, self.lang, t)), theme.SLIDE_HEADING,
                           INK, bold=True, centre=True, name="presenterDecision",
                           extra=f"background: {theme.BADGE}; border-radius: 10px; padding: 6px 18px;")]
        caution = skip_caution(v, self.lang, t)
        if caution:
            parts.append(self.text(caution, theme.SLIDE_NOTE, theme.WARNING_INK, centre=True, name="presenterCaution",
                                   extra=f"background: {theme.WARNING_BACKGROUND}; border-radius: 10px;"
                                         " padding: 6px 16px;"))
        elif v.choice in (None, "stay") and not v.at_top:
            parts.append(self.text(stay_note(v, self.lang), theme.SLIDE_NOTE, MUTED, centre=True,
                                   name="presenterStayNote"))
        if v.note:
            parts.append(self.text(v.note, theme.SLIDE_NOTE, MUTED, italic=True, centre=True))
        return self.stack(*parts, spacing=self.px(8))
