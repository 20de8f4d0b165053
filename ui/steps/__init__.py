"""The session steps shown in a workshop's sidebar, in the order of the method.

Each feature registers its step here with one ``StepSpec``: a page for the facilitator
and, optionally, a view for the presenter window (what the room may see). Factories
import their module lazily, so opening the app does not load every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtWidgets import QWidget

from ui.context import AppContext
from workshop.i18n import N_

PageFactory = Callable[[AppContext, int], QWidget]


@dataclass(frozen=True)
class StepSpec:
    key: str  # prepare, score, reveal, decide, plan, funnel, commit, close
    title: str  # English source text, marked with N_ and translated where shown
    page: str  # "module:Class" of the facilitator page; Class(ctx, workshop_id)
    presenter: str | None = None  # "module:Class" of the presenter view, if the room sees something
    when: str | None = None  # "module:function" (ctx, workshop_id) -> bool; None: every workshop has the step

    def make_page(self, ctx: AppContext, workshop_id: int) -> QWidget:
        return _load(self.page)(ctx, workshop_id)

    def make_presenter(self, ctx: AppContext, workshop_id: int) -> QWidget | None:
        return _load(self.presenter)(ctx, workshop_id) if self.presenter else None

    def applies(self, ctx: AppContext, workshop_id: int) -> bool:
        return self.when is None or bool(_load(self.when)(ctx, workshop_id))


def _load(target: str) -> PageFactory:
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)


# Steps appear only once they exist: no placeholder pages.
STEPS: list[StepSpec] = [
    StepSpec("prepare", N_("Prepare"), "ui.steps.prepare:PreparePage", "ui.opening_slide:OpeningSlide"),
    StepSpec("since", N_("Since last time"), "ui.steps.since:SincePage", "ui.steps.since:SincePresenter",
             when="ui.steps.since:applies"),
    StepSpec("score", N_("Score"), "ui.steps.score:ScorePage", "ui.steps.score:ScorePresenter"),
    StepSpec("reveal", N_("Reveal"), "ui.steps.reveal:RevealPage", "ui.steps.reveal:RevealPresenter"),
    StepSpec("decide", N_("Decide"), "ui.steps.decide:DecidePage", "ui.steps.decide:DecidePresenter"),
    StepSpec("plan", N_("Plan"), "ui.steps.plan:PlanPage", "ui.steps.plan:PlanPresenter"),
    StepSpec("funnel", N_("Funnel"), "ui.steps.funnel:FunnelPage", "ui.steps.funnel:FunnelPresenter"),
    StepSpec("commit", N_("Commit"), "ui.steps.commit:CommitPage", "ui.steps.commit:CommitPresenter"),
    StepSpec("close", N_("Close"), "ui.steps.close:ClosePage"),  # keep last
]
