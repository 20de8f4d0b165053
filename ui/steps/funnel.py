"""Funnel: who owns each stage of the customer's buying funnel, and where the hand-off sits.

For each buying stage the group picks Marketing, Sales or shared (click again to clear) and
may add a note; the hand-off moves with one choice. The funnel picture beside it is the one
the report prints (``workshop.charts.funnel``), redrawn after every change. Marketing's
contribution per sales-funnel step is listed as prompts. Every edit can be undone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.commands.snapshot import EditAction, SnapshotEdit
from ui.context import AppContext
from ui.figure_view import FigureView
from ui.room_slide import RoomSlide
from ui.steps.base import StepPage
from ui.theme import BRAND, INK, MUTED
from ui.widgets import card, clear_layout, label, mark_checked, separator_line, stack_when_narrow, toggle_button
from workshop import funnel as service
from workshop.i18n import Translate, _

if TYPE_CHECKING:  # matplotlib loads with the first chart shown (start-up time)
    from matplotlib.figure import Figure
from workshop.vocabulary import FUNNEL_OWNERS


def edit(ctx: AppContext, workshop_id: int, text: str, action: EditAction) -> SnapshotEdit:
    return SnapshotEdit(ctx, workshop_id, text, service.funnel_state, service.restore_funnel, action)


def picture(view: service.FunnelView, lang: str, width: float, height: float, name_width: int = 20) -> Figure:
    # matplotlib loads with the first chart shown, not with the page
    from workshop.charts.funnel import funnel_picture

    return funnel_picture(view, lang, width=width, height=height, name_width=name_width)


def handoff_card(lang: str, t: Translate, size: int = 13) -> QWidget:
    """The known risks of the hand-off from Marketing to Sales, as questions for the room."""
    from workshop.guide import default_guide

    frame, box = card("handoffPrompts")
    box.addWidget(label(t("Risks at the hand-off"), wrap=True,
                        style=f"font-size: {size + 2}px; font-weight: 600; color: {BRAND};"))
    for prompt in default_guide().handoff_prompts:
        box.addWidget(label(f"\u2022 {prompt(lang)}", wrap=True, style=theme.text(size, INK)))
    return frame


def prompts_card(view: service.FunnelView, lang: str, t: Translate, size: int = 13) -> QWidget:
    """Marketing's contribution at each step of the sales funnel, as prompts for the discussion."""
    frame, box = card("funnelPrompts")
    box.addWidget(label(t("What Marketing can bring to each step of the sale"), wrap=True,
                        style=f"font-size: {size + 2}px; font-weight: 600; color: {BRAND};"))
    for step in view.sales_steps:
        box.addWidget(label(step.name(lang), wrap=True, style=f"font-size: {size}px; font-weight: 600;"))
        box.addWidget(label(step.contribution(lang), wrap=True, style=theme.text(size, INK)))
        box.addSpacing(size // 2)
    box.addStretch(1)
    return frame


NARROW = 1000  # px below which the picture goes under the stages
# The picture on the room's 1280×720 slide: at this resolution its labels are ~20 px.
PICTURE_DPI = 140
SLIDE_NAME_WIDTH = 16  # characters a line of a stage's name, so the larger type keeps clear of the owner


class FunnelPage(StepPage):
    follows = ("funnel",)

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("funnelPage")
        self.view = service.get_funnel(ctx.db, workshop_id)
        self.owner_buttons: dict[str, dict[str, QPushButton]] = {}
        self.notes: dict[str, QLineEdit] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label(_("Funnel"), "pageHeading"))
        top.addSpacing(12)
        top.addWidget(label(_("Who owns each stage of the customer's buying funnel?"), "mutedNote"), 1)
        outer.addLayout(top)
        tools = QHBoxLayout()
        tools.addWidget(label(_("Hand-off to Sales after:")))
        self.handoff = QComboBox()
        self.handoff.setObjectName("handoffAfter")
        self.handoff.setAccessibleName(_("Hand-off to Sales after"))
        self.handoff.activated.connect(self._handoff_chosen)
        tools.addWidget(self.handoff)
        tools.addSpacing(16)
        self.usual = QPushButton(_("Fill in the usual split"))
        self.usual.setObjectName("usualSplit")
        self.usual.setToolTip(_("Give every stage nobody owns yet its conventional owner, as a start"))
        self.usual.clicked.connect(self._usual)
        self.usual.setMinimumWidth(self.usual.sizeHint().width())
        tools.addWidget(self.usual)
        tools.addStretch(1)
        self.progress = label("", "mutedNote", wrap=True)  # wraps at 1024 px rather than squeezing the button
        tools.addWidget(self.progress, 1)
        outer.addLayout(tools)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(_("Stages of the funnel"))
        body = QWidget()
        columns = self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        columns.setContentsMargins(0, 0, 8, 0)
        columns.setSpacing(18)
        left = QVBoxLayout()
        frame, box = card("funnelStages")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        box.addLayout(self.grid)
        left.addWidget(frame)
        left.addStretch(1)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        self.figure = FigureView(_("Funnel picture"))
        right.addWidget(self.figure)
        self.prompts_holder = QVBoxLayout()
        right.addLayout(self.prompts_holder)
        right.addStretch(1)
        columns.addLayout(right, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._build_rows()
        self.prompts_holder.addWidget(handoff_card(self.lang, _))
        self.prompts_holder.addWidget(prompts_card(self.view, self.lang, _))
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Narrow (a 1024 px projector mirror): the picture and prompts go below the stages,
        # in the same scrolling area, rather than running off the right edge.
        stack_when_narrow(self.columns, self.width() < NARROW)

    def _build_rows(self) -> None:
        clear_layout(self.grid)
        self.owner_buttons, self.notes = {}, {}
        for column, title in enumerate((_("Buying stage"), _("Owner"))):
            self.grid.addWidget(label(title, style=f"color: {MUTED}; font-weight: 600;"), 0, column)
        row = 1
        for i, stage_row in enumerate(self.view.stages):
            stage = stage_row.stage
            name = QVBoxLayout()
            name.setSpacing(0)
            name.addWidget(label(stage.name(self.lang), style="font-size: 14px; font-weight: 600;"))
            name.addWidget(label(_("usually {owner}").format(owner=_(service.OWNER_LABELS[stage.conventional_owner])),
                                 "mutedNote", style="font-size: 11px;"))
            self.grid.addLayout(name, row, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            buttons = QHBoxLayout()
            buttons.setSpacing(3)
            self.owner_buttons[stage.id] = {}
            for owner in FUNNEL_OWNERS:
                button = toggle_button(_(service.OWNER_LABELS[owner]), f"owner_{stage.id}_{owner}",
                                       f"{stage.name(self.lang)}: {_(service.OWNER_LABELS[owner])}")
                button.clicked.connect(lambda _c=False, s=stage.id, o=owner: self._owner_clicked(s, o))
                buttons.addWidget(button)
                self.owner_buttons[stage.id][owner] = button
            buttons.addStretch(1)
            self.grid.addLayout(buttons, row, 1)
            note = QLineEdit()
            note.setObjectName(f"note_{stage.id}")
            note.setAccessibleName(_("Note on {stage}").format(stage=stage.name(self.lang)))
            note.editingFinished.connect(lambda s=stage.id: self._note_done(s))
            self.grid.addWidget(note, row + 1, 1)
            self.notes[stage.id] = note
            row += 2
            if i < len(self.view.stages) - 1 and i != self.view.handoff_index:
                self.grid.addWidget(separator_line(), row, 0, 1, 2)
                row += 1
            if i == self.view.handoff_index:
                self.handoff_row = row
                marker = label("", "handoffMarker", style=theme.text(
                    colour=INK, weight=600, extra=f"border-top: 2px dashed {INK}; padding-top: 2px;"))
                self.grid.addWidget(marker, row, 0, 1, 2)
                self.marker = marker
                row += 1
        self.grid.setColumnStretch(1, 1)

    def refresh(self) -> None:
        before = self.view.handoff_index
        self.view = view = service.get_funnel(self.ctx.db, self.workshop_id)
        if view.handoff_index != before:
            self._build_rows()
        self.marker.setText("▼ " + _("Hand-off: from here on Sales takes over"))
        for row in view.stages:
            for owner, button in self.owner_buttons[row.stage.id].items():
                on = owner == row.owner
                button.setChecked(on)
                mark_checked(button, on, _(service.OWNER_LABELS[owner]))
            note = self.notes[row.stage.id]
            note.setEnabled(row.owner is not None)
            note.setPlaceholderText(_("Note: what this means here") if row.owner else _("Choose an owner first"))
            if not note.isModified():
                note.setText(row.note)
        self.handoff.blockSignals(True)
        self.handoff.clear()
        for row in view.stages[:-1]:
            self.handoff.addItem(row.stage.name(self.lang), row.stage.id)
        self.handoff.setCurrentIndex(self.handoff.findData(view.handoff_after))
        self.handoff.blockSignals(False)
        self.usual.setEnabled(view.mapped < len(view.stages))
        self.progress.setText(_("{n} of {total} stages agreed").format(n=view.mapped, total=len(view.stages)))
        self.figure.set_figure(picture(view, self.lang, 5.2, 4.9))

    def _owner_clicked(self, stage_id: str, owner: str) -> None:
        current = next(r.owner for r in self.view.stages if r.stage.id == stage_id)
        new = None if owner == current else owner
        if not self.edit(edit(self.ctx, self.workshop_id, _("Set who owns a funnel stage"),
                              lambda db, wid: service.set_owner(db, wid, stage_id, new))):
            self.refresh()

    def _note_done(self, stage_id: str) -> None:
        note = self.notes[stage_id]
        if not note.isModified():
            return
        note.setModified(False)
        text = note.text()
        if text.strip() == next(r.note for r in self.view.stages if r.stage.id == stage_id):
            return
        self.edit(edit(self.ctx, self.workshop_id, _("Edit a note in the funnel"),
                       lambda db, wid: service.set_stage_note(db, wid, stage_id, text)))

    def _handoff_chosen(self, index: int) -> None:
        stage = self.handoff.itemData(index)
        if stage != self.view.handoff_after:
            self.edit(edit(self.ctx, self.workshop_id, _("Move the hand-off"),
                           lambda db, wid: service.set_handoff(db, wid, stage)))

    def _usual(self) -> None:
        self.edit(edit(self.ctx, self.workshop_id, _("Fill in the usual split"), service.use_conventional_split))


class FunnelPresenter(RoomSlide):
    """What the room sees: the funnel picture beside the prompts, a few prompts a page."""

    follows = ("funnel",)
    side_share = 3
    max_per_page = 4

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("funnelPresenter")
        self.refresh()

    def load(self) -> None:
        self.view = service.get_funnel(self.ctx.db, self.workshop_id)

    def head(self) -> QWidget:
        return self.text(self.t("Who owns which stage of the buying funnel?"), theme.SLIDE_HEADING, BRAND, bold=True)

    def side(self) -> QWidget:
        width, height = self.side_size
        dpi = PICTURE_DPI * self.scale  # the picture's type scales with the window like the slide's
        self.figure = FigureView(self.t("Funnel picture"), contain=True)
        self.figure.set_figure(picture(self.view, self.lang, max(width, 200) / dpi, max(height, 150) / dpi,
                                       name_width=SLIDE_NAME_WIDTH))
        return self.figure

    def items(self) -> list[QWidget]:
        from workshop.guide import default_guide

        t = self.t
        risks = [self.text(t("Risks at the hand-off"), theme.SLIDE_QUESTION, BRAND, bold=True)]
        risks += [self.text(f"\u2022 {prompt(self.lang)}", theme.SLIDE_NOTE)
                  for prompt in default_guide().handoff_prompts]
        rows = [self.stack(*risks, spacing=self.px(4))]
        for number, step in enumerate(self.view.sales_steps):
            parts = [self.text(t("What Marketing can bring to each step of the sale"), theme.SLIDE_QUESTION, BRAND,
                               bold=True) if number == 0 else None,
                     self.text(step.name(self.lang), theme.SLIDE_NOTE, bold=True),
                     self.text(step.contribution(self.lang), theme.SLIDE_NOTE)]
            rows.append(self.stack(*parts, spacing=self.px(4)))
        return rows
