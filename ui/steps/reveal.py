"""Reveal: the results, hidden until the facilitator reveals them, then a live dashboard.

Nothing of the results is computed into a widget before the reveal (no group-think from
a glimpse). After it, the dashboard follows every new answer. Charts and prompts speak
the workshop's language (they are what the room sees); the page's controls speak the
interface language. Breakdowns below the minimum group size never appear: the charts
leave them out and the prompts use only figures the scoring releases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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

from ui.context import AppContext
from ui.dashboard import Dashboard
from ui.presenter import CountdownControl
from ui.slides import ResultSlide, SlideFocus, focus, page_count
from ui.undo import ServiceCommand, perform
from workshop.changes import Changes
from workshop.i18n import N_, _, translator
from workshop.instrument import default_instrument
from workshop.results import compute
from workshop.workshops import get_workshop, set_revealed

REFRESH_DELAY_MS = 40  # answers arriving together are shown together

# What the presenter may be asked to show, with the facilitator's names for it.
VIEWS = (("overview", N_("Overview")), ("gauge", N_("Stage")), ("gaps", N_("Statements")),
         ("distribution", N_("Spread")), ("themes", N_("Themes")), ("prompts", N_("Discussion")))


RevealFocus = SlideFocus  # the older name


class RevealCommand(ServiceCommand):
    def __init__(self, ctx: AppContext, workshop_id: int, revealed: bool) -> None:
        super().__init__(ctx, _("Reveal the results") if revealed else _("Hide the results"))
        self.workshop = self.refs.workshop(workshop_id)
        self.revealed = revealed

    def forward(self) -> Changes:
        return set_revealed(self.ctx.db, self.workshop.id, self.revealed)

    def backward(self) -> Changes:
        return set_revealed(self.ctx.db, self.workshop.id, not self.revealed)


class _Gated(QWidget):
    """Shows the dashboard only while the workshop is revealed; follows the change bus."""

    presenter = False

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.workshop_id = ctx, workshop_id
        self.workshop = get_workshop(ctx.db, workshop_id)
        self.dashboard: Dashboard | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_now)
        ctx.bus.changed.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        if changes.workshop_id not in (None, self.workshop_id):
            return
        if changes.workshops:
            try:
                workshop = get_workshop(self.ctx.db, self.workshop_id)
            except Exception:  # noqa: BLE001 - the workshop was deleted; the shell closes this page
                return
            shape = (workshop.revealed, workshop.language, workshop.min_group_size)
            before = (self.workshop.revealed, self.workshop.language, self.workshop.min_group_size)
            self.workshop = workshop
            if shape != before:
                self.rebuild()
                return
        if changes.results:
            self._timer.start()

    def refresh_now(self) -> None:
        self._timer.stop()
        if self.dashboard is not None:
            self.dashboard.refresh()
        self.update_status()

    def rebuild(self) -> None:
        raise NotImplementedError

    def update_status(self) -> None:
        pass


def progress(ctx: AppContext, workshop_id: int) -> tuple[int, int]:
    """(complete, participants): how many answered every statement; no scores."""
    from workshop.participants import list_participants

    ids = default_instrument().statement_ids
    people = list_participants(ctx.db, workshop_id)
    return sum(1 for p in people if all(q in p.answers for q in ids)), len(people)


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
        self.room.setStyleSheet("QPushButton:checked { background: #1f4e79; color: white; border: 1px solid #173b5c;"
                                " border-radius: 4px; padding: 4px 10px; }")
        self.view_buttons = QButtonGroup(self)
        self.view_buttons.setExclusive(True)
        for key, title_ in VIEWS:
            button = QPushButton(_(title_))
            button.setCheckable(True)
            button.setObjectName(f"view_{key}")
            button.setToolTip(_("Show this on the presenter screen"))
            button.setChecked(key == focus.get(workshop_id))
            button.clicked.connect(lambda _c=False, k=key: focus.set(self.workshop_id, k))
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
        focus.changed.connect(self._show_slide)
        outer.addWidget(self.room)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("dashboardScroll")
        self.scroll.setAccessibleName(_("Results dashboard"))
        self.scroll.setStyleSheet("#dashboardScroll, #dashboardScroll > QWidget > QWidget { background: white; }")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll, 1)
        self.spacer = QWidget()
        self.spacer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.spacer, 1)
        self.rebuild()

    def set_revealed(self, revealed: bool) -> None:
        perform(self.ctx, RevealCommand(self.ctx, self.workshop_id, revealed), self)

    def _pages(self) -> int:
        if self.dashboard is None:
            return 1
        return page_count(focus.get(self.workshop_id), self.dashboard.results)

    def turn(self, step: int) -> None:
        if self.workshop.revealed:
            focus.turn(self.workshop_id, step, self._pages())

    def _show_slide(self, workshop_id: int = 0, _view: str = "") -> None:
        if workshop_id not in (0, self.workshop_id):
            return
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
            self.scroll.takeWidget()
            self.dashboard.deleteLater()
            self.dashboard = None
        if revealed:
            self.dashboard = Dashboard(self.ctx, self.workshop_id, self.workshop.language)
            self.dashboard.setObjectName("dashboard")
            self.scroll.setWidget(self.dashboard)
        for widget in (self.room, self.scroll, self.hide_button):
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
            complete, total = progress(self.ctx, self.workshop_id)
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
        self.waiting.setStyleSheet("font-size: 40px; color: #1f4e79; font-weight: 600;")
        self.layout_.addWidget(self.waiting)
        focus.changed.connect(self._on_focus)
        self.rebuild()

    def _on_focus(self, workshop_id: int, _view: str) -> None:
        if workshop_id == self.workshop_id and self.workshop.revealed:
            self.rebuild()

    def turn(self, step: int) -> bool:
        """The next (+1) or previous (-1) slide of the current view."""
        if self.slide is None:
            return False
        return focus.turn(self.workshop_id, step, self.slide.pages)

    def rebuild(self) -> None:
        if self.slide is not None:
            self.layout_.removeWidget(self.slide)
            self.slide.hide()  # gone at once, even before the event loop deletes it
            self.slide.deleteLater()
            self.slide = None
        lang = self.workshop.language
        if self.workshop.revealed:
            self.slide = ResultSlide(self.ctx, self.workshop_id, lang, focus.get(self.workshop_id),
                                     focus.page(self.workshop_id))
            focus.counts[self.workshop_id] = self.slide.pages
            self.layout_.addWidget(self.slide, 1)
        self.waiting.setVisible(not self.workshop.revealed)
        self.update_status()

    def refresh_now(self) -> None:
        self._timer.stop()
        if self.slide is not None:
            # Prompts and page counts follow the answers: a new slide; charts move in place.
            if self.slide.view in ("prompts", "overview") or self.slide.pages != page_count(
                    self.slide.view, compute(self.ctx.db, self.workshop_id, default_instrument(), self.workshop)):
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
