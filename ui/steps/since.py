"""Since last time: a follow-up workshop starts by reviewing the previous one's commitments.

Only a workshop with an earlier one of the same client has this step (``applies``); it
comes right after Prepare, before anyone scores, so the group first says what became of
what it promised: status, a note, and what carries forward into this workshop. The same
review stays on the Commit step's follow-up tab.

The room sees the previous commitments a few at a time: what, owner and due date, and
their state in words and a mark. Nothing of anyone's answers is on this slide (scores come
later, through the privacy rule of ``workshop.privacy``), and the facilitator's review
notes stay on the facilitator's screen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui import theme
from ui.context import AppContext
from ui.steps.base import StepPage
from ui.steps.follow_up import ReviewSlide, summary
from ui.widgets import label
from workshop.i18n import _
from workshop.vocabulary import format_date
from workshop.workshops import previous_workshop


def applies(ctx: AppContext, workshop_id: int) -> bool:
    """Whether the workshop follows an earlier one of its client."""
    return previous_workshop(ctx.db, workshop_id) is not None


class SincePage(StepPage):
    follows = ("commitments",)

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        from ui.steps.follow_up import FollowUpPanel

        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("sincePage")
        self.previous = previous_workshop(ctx.db, workshop_id)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(label(_("Since last time"), "pageHeading"))
        top.addSpacing(12)
        top.addWidget(label(_("Before scoring: what became of the commitments made last time? Mark each one, "
                              "and carry what is still open into this workshop."), "mutedNote", wrap=True), 1)
        outer.addLayout(top)
        self.panel = FollowUpPanel(self, self.previous, today or ctx.date()) if self.previous else None
        if self.panel is not None:
            outer.addWidget(self.panel, 1)
        else:
            outer.addWidget(label(_("This workshop has no earlier one to look back on."), "emptyNote"), 1)

    def refresh(self) -> None:
        if self.panel is not None:
            self.panel.refresh()


class SincePresenter(ReviewSlide):
    """What the room sees at "Since last time": the previous workshop's commitments and their state."""

    item_spacing = 20
    notes = False  # the facilitator's review notes stay on the facilitator's screen

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("sincePresenter")

    def head(self) -> QWidget:
        t, previous = self.t, self.review.previous
        title = self.text(t("What became of our commitments?"), theme.SLIDE_HEADLINE, theme.BRAND, bold=True,
                          centre=True, name="sinceTitle")
        if previous is None:
            return title
        where = " \u00b7 ".join((previous.title, format_date(previous.date, self.lang)))
        return self.stack(title, self.text(where, theme.SLIDE_QUESTION, theme.INK, centre=True),
                          self.text(summary(self.review, t), theme.SLIDE_NOTE, theme.MUTED, centre=True,
                                    name="reviewSummary"), spacing=self.px(6))
