"""Reveal: the results, hidden until the facilitator reveals them, then a live dashboard.

Nothing of the results is computed into a widget before the reveal (no group-think from
a glimpse). After it, the dashboard follows every new answer. Charts and prompts speak
the workshop's language (they are what the room sees); the page's controls speak the
interface language. Breakdowns below the minimum group size never appear: the charts
leave them out and the prompts use only figures the scoring releases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.commands.workshops import SetRevealed
from ui.context import AppContext
from ui.dashboard import Dashboard
from ui.live_results import live_results
from ui.presenter import CountdownControl
from ui.slides import ResultSlide, page_count
from ui.steps.base import StepPage
from workshop.i18n import N_, _, translator
from workshop.instrument import default_instrument
from workshop.participants import list_participants
from workshop.privacy import small_group_warnings

# What the presenter may be asked to show, with the facilitator's names for it.
VIEWS = (("overview", N_("Overview")), ("gauge", N_("Stage")), ("gaps", N_("Statements")),
         ("distribution", N_("Spread")), ("themes", N_("Themes")), ("prompts", N_("Discussion")))


class _Gated(StepPage):
    """Shows the dashboard only while the workshop is revealed; new answers update it in place."""

    presenter = False
    follows = ("answers", "participants")
    shows_results = True

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.dashboard: Dashboard | None = None
        self._shape = self.shape()

    def shape(self) -> tuple[object, ...]:
        """What, when it changes, asks for a new dashboard rather than new figures in it."""
        return self.workshop.revealed, self.workshop.language, self.workshop.min_group_size

    def refresh(self) -> None:
        shape = self.shape()
        if shape != self._shape:
            self._shape = shape
            self.rebuild()
        elif self.changes is None or self.changes.results:
            self.refresh_now()

    def refresh_now(self) -> None:
        if self.dashboard is not None:
            self.dashboard.refresh()
        self.update_status()

    def rebuild(self) -> None:
        raise NotImplementedError

    def update_status(self) -> None:
        pass


def progress(ctx: AppContext, workshop_id: int) -> tuple[int, int]:
    """(complete, participants): how many answered every statement; no scores."""
    counts, total = complete_by_function(ctx, workshop_id)
    return sum(counts.values()), total


def complete_by_function(ctx: AppContext, workshop_id: int) -> tuple[dict[str, int], int]:
    """How many answered every statement, per function, and how many participants; no scores."""
    ids = default_instrument().statement_ids
    people = list_participants(ctx.db, workshop_id)
    counts: dict[str, int] = {}
    for person in people:
        if all(q in person.answers for q in ids):
            counts[person.function] = counts.get(person.function, 0) + 1
    return counts, len(people)


class RevealPage(_Gated):
    """The facilitator's page: the reveal gate, then the dashboard and what the room sees."""

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("revealPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        outer.setSpacing(12)
        top = QHBoxLayout()
        heading = QLabel(_("Reveal"))
        heading.setObjectName("pageHeading")
        top.addWidget(heading)
        top.addSpacing(16)
        self.status = QLabel()
        self.status.setObjectName("mutedNote")
        self.status.setWordWrap(True)  # wraps rather than squeezing the buttons beside it
        top.addWidget(self.status, 1)
        self.hide_button = QPushButton(_("&Hide the results again"))
        self.hide_button.setObjectName("hideResults")
        self.hide_button.setToolTip(_("Hide the results on this screen and the presenter screen (can be undone)"))
        self.hide_button.clicked.connect(lambda: self.set_revealed(False))
        top.addWidget(self.hide_button)
        top.addSpacing(12)
        top.addWidget(CountdownControl(ctx, "reveal"))
        outer.addLayout(top)

        # The gate: all that shows before the reveal.
        self.gate = QFrame()
        self.gate.setObjectName("welcomeCard")
        gate = QVBoxLayout(self.gate)
        gate.setContentsMargins(28, 24, 28, 24)
        gate.setSpacing(12)
        title = QLabel(_("The results are hidden"))
        title.setObjectName("welcomeTitle")
        gate.addWidget(title)
        text = QLabel(_("Reveal them once everyone has scored, so that nobody is swayed by a first glimpse. "
                        "The presenter screen shows them at the same moment."))
        text.setObjectName("welcomeText")
        text.setWordWrap(True)
        gate.addWidget(text)
        self.gate_progress = QLabel()
        self.gate_progress.setObjectName("welcomeText")
        gate.addWidget(self.gate_progress)
        # The privacy check, before the button: the same advice as on Prepare, for those who answered.
        self.gate_privacy = QLabel()
        self.gate_privacy.setObjectName("warningBanner")
        self.gate_privacy.setWordWrap(True)
        self.gate_privacy.setAccessibleName(_("Privacy check"))
        gate.addWidget(self.gate_privacy)
        self.reveal_button = QPushButton(_("&Reveal the results"))
        self.reveal_button.setObjectName("primaryButton")
        self.reveal_button.setToolTip(_("Show the results here and on the presenter screen (can be undone)"))
        self.reveal_button.clicked.connect(lambda: self.set_revealed(True))
        gate.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.gate, 0, Qt.AlignmentFlag.AlignTop)

        # After the reveal: what the presenter shows, and the dashboard.
        self.room = QWidget()
        room = QHBoxLayout(self.room)
        room.setContentsMargins(0, 0, 0, 0)
        room.addWidget(QLabel(_("On the presenter screen:")))
        self.room.setStyleSheet(theme.VIEW_CHOICE)
        self.view_buttons = QButtonGroup(self)
        self.view_buttons.setExclusive(True)
        for key, title_ in VIEWS:
            button = QPushButton(_(title_))
            button.setCheckable(True)
            button.setObjectName(f"view_{key}")
            button.setToolTip(_("Show this on the presenter screen"))
            button.setChecked(key == ctx.reveal_focus.get(workshop_id))
            button.clicked.connect(lambda _c=False, k=key: self.ctx.reveal_focus.set(self.workshop_id, k))
            self.view_buttons.addButton(button)
            room.addWidget(button)
        room.addStretch(1)
        # Paging the room's slides; PageUp/PageDown here too, as a presenter remote sends them.
        self.previous_slide = QPushButton(_("‹ Previous"))
        self.previous_slide.setObjectName("previousSlide")
        self.previous_slide.setToolTip(_("The previous slide on the presenter screen (PageUp)"))
        self.previous_slide.clicked.connect(lambda: self.turn(-1))
        self.slide_label = QLabel()
        self.slide_label.setObjectName("mutedNote")
        self.next_slide = QPushButton(_("Next ›"))
        self.next_slide.setObjectName("nextSlide")
        self.next_slide.setToolTip(_("The next slide on the presenter screen (PageDown)"))
        self.next_slide.clicked.connect(lambda: self.turn(1))
        for widget in (self.previous_slide, self.slide_label, self.next_slide):
            room.addWidget(widget)
        for key, step in (("PgDown", 1), ("PgUp", -1)):
            shortcut = QShortcut(QKeySequence(key), self, lambda s=step: self.turn(s))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.reveal_focus.changed.connect(self._show_slide)
        outer.addWidget(self.room)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("dashboardScroll")
        self.scroll_area.setAccessibleName(_("Results dashboard"))
        self.scroll_area.setStyleSheet(theme.white_area("#dashboardScroll, #dashboardScroll > QWidget > QWidget"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area, 1)
        from ui.benchmark_view import BenchmarkPanel

        self.benchmark = BenchmarkPanel(ctx, workshop_id, ctx.language)
        outer.addWidget(self.benchmark)
        self.spacer = QWidget()
        self.spacer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.spacer, 1)
        self.rebuild()

    def set_revealed(self, revealed: bool) -> None:
        self.edit(SetRevealed(self.ctx, self.workshop_id, revealed))

    def _pages(self) -> int:
        if self.dashboard is None:
            return 1
        return page_count(self.ctx.reveal_focus.get(self.workshop_id), self.dashboard.results)

    def turn(self, step: int) -> None:
        if self.workshop.revealed:
            self.ctx.reveal_focus.turn(self.workshop_id, step, self._pages())

    def _show_slide(self, workshop_id: int = 0, _view: str = "") -> None:
        if workshop_id not in (0, self.workshop_id):
            return
        focus = self.ctx.reveal_focus
        pages, page = self._pages(), focus.page(self.workshop_id)
        for button in self.view_buttons.buttons():
            button.setChecked(button.objectName() == f"view_{focus.get(self.workshop_id)}")
        self.slide_label.setText(_("Slide {page} of {pages}").format(page=page + 1, pages=pages))
        self.previous_slide.setEnabled(page > 0)
        self.next_slide.setEnabled(page + 1 < pages)
        for widget in (self.previous_slide, self.slide_label, self.next_slide):
            widget.setVisible(pages > 1)

    def rebuild(self) -> None:
        revealed = self.workshop.revealed
        if self.dashboard is not None:
            self.scroll_area.takeWidget()
            self.dashboard.deleteLater()
            self.dashboard = None
        if revealed:
            self.dashboard = Dashboard(self.ctx, self.workshop_id, self.workshop.language)
            self.dashboard.setObjectName("dashboard")
            self.scroll_area.setWidget(self.dashboard)
        for widget in (self.room, self.scroll_area, self.hide_button, self.benchmark):
            widget.setVisible(revealed)
        self.gate.setVisible(not revealed)
        self.spacer.setVisible(not revealed)
        self._show_slide()
        self.update_status()
        if not revealed:
            self.reveal_button.setFocus()

    def update_status(self) -> None:
        if self.dashboard is not None:  # already counted by the results
            complete, total = self.dashboard.results.results.complete, self.dashboard.results.results.participants
        else:
            counts, total = complete_by_function(self.ctx, self.workshop_id)
            complete = sum(counts.values())
            warnings = small_group_warnings(counts, self.workshop.min_group_size) if complete else []
            self.gate_privacy.setText("\n".join(warnings))
            self.gate_privacy.setVisible(bool(warnings))
        text = _("{complete} of {total} participants have answered every statement.").format(
            complete=complete, total=total)
        self.status.setText(text if self.workshop.revealed else "")
        self.gate_progress.setText(text)


class RevealPresenter(_Gated):
    """What the room sees: a short wait message, then the slide the facilitator picks.

    PageUp/PageDown (what a presenter remote sends) and the arrow keys page through the
    view's slides when this window has the keyboard; the Reveal page has the same buttons.
    """

    presenter = True

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.setObjectName("revealPresenter")
        self.slide: ResultSlide | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.waiting = QLabel()
        self.waiting.setObjectName("presenterMessage")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet(theme.text(40, theme.BRAND, weight=600))
        self.layout_.addWidget(self.waiting)
        ctx.reveal_focus.changed.connect(self._on_focus)
        self.rebuild()

    def _on_focus(self, workshop_id: int, _view: str) -> None:
        if workshop_id == self.workshop_id and self.workshop.revealed:
            self.rebuild()

    def turn(self, step: int) -> bool:
        """The next (+1) or previous (-1) slide of the current view."""
        if self.slide is None:
            return False
        return self.ctx.reveal_focus.turn(self.workshop_id, step, self.slide.pages)

    def rebuild(self) -> None:
        if self.slide is not None:
            self.layout_.removeWidget(self.slide)
            self.slide.hide()  # gone at once, even before the event loop deletes it
            self.slide.deleteLater()
            self.slide = None
        lang = self.workshop.language
        if self.workshop.revealed:
            focus = self.ctx.reveal_focus
            self.slide = ResultSlide(self.ctx, self.workshop_id, lang, focus.get(self.workshop_id),
                                     focus.page(self.workshop_id))
            self.layout_.addWidget(self.slide, 1)
        self.waiting.setVisible(not self.workshop.revealed)
        self.update_status()

    def refresh_now(self) -> None:
        if self.slide is not None:
            # Prompts and page counts follow the answers: a new slide; charts move in place.
            results = live_results(self.ctx).get(self.workshop_id, self.workshop)
            if self.slide.view in ("prompts", "overview") or self.slide.pages != page_count(self.slide.view, results):
                self.rebuild()
            else:
                self.slide.refresh()
        self.update_status()

    def update_status(self) -> None:
        if not self.workshop.revealed:
            _ = translator(self.workshop.language)
            complete, total = progress(self.ctx, self.workshop_id)
            self.waiting.setText(_("The results follow soon.") + "\n\n" + _("{complete} of {total} done").format(
                complete=complete, total=total))
