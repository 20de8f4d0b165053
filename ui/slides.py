"""The revealed results as slides for the room: a few items at a time, in large type.

A projector is read from the back of the room, so a slide never shows all twenty
statements: the statements come four at a time, the discussion prompts three at a time,
and the facilitator (or a presenter remote: PageUp/PageDown, the arrow keys) pages
through them. Type scales with the window: statement text is 28 px and chart labels are
at least 20 px on a 1280×720 projector. Charts are drawn at their "screen" size
(``workshop.charts.style.SCREEN``). Nothing here explains the method to the room; the
facilitator's own screen and the report do that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import theme
from ui.context import AppContext
from ui.live_results import live_results
from workshop.i18n import translator
from workshop.instrument import default_instrument
from workshop.results import WorkshopResults
from workshop.workshops import get_workshop

if TYPE_CHECKING:  # matplotlib's canvas loads with the first chart shown (start-up time)
    from ui.chart_view import ChartView

STATEMENTS_PER_PAGE = 4
PROMPTS_PER_PAGE = 3


def _number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def page_count(view: str, results: WorkshopResults) -> int:
    """How many slides a view of the results takes."""
    if view == "gaps":
        from workshop.charts.gaps import page_count as gap_pages

        return gap_pages(results, STATEMENTS_PER_PAGE)
    if view == "prompts":
        return 2
    return 1


def scale_for(widget: QWidget) -> float:
    """How much larger than at 1280×720 the type may be in this window."""
    window = widget.window()
    return theme.slide_scale(window.width(), window.height())


class ResultSlide(QWidget):
    """One slide of the results: a headline, one view's page, and where we are in the pages."""

    def __init__(self, ctx: AppContext, workshop_id: int, lang: str, view: str, page: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultSlide")
        self.ctx, self.workshop_id, self.lang = ctx, workshop_id, lang
        self._ = translator(lang)
        self.workshop = get_workshop(ctx.db, workshop_id)
        self.results = live_results(ctx).get(workshop_id, self.workshop)
        self.view = view
        self.pages = page_count(view, self.results)
        self.page = max(0, min(page, self.pages - 1))
        self.charts: dict[str, ChartView] = {}
        self.texts: list[tuple[QLabel, int, bool]] = []  # label, size at 1280×720, bold
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.headline = self._label(self._headline(), theme.SLIDE_HEADLINE, bold=True, colour=theme.BRAND)
        self.headline.setObjectName("revealHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.headline)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        layout.addLayout(self.body, 1)
        self._build()
        footer = QHBoxLayout()
        # What the privacy rule hides and why, in the rule's own one-line words (as on the dashboard).
        from workshop.privacy import reasons

        self.reasons = self._label("\n".join(reasons(self.results.results, lang, details=False)), theme.SLIDE_NOTE,
                                   colour=theme.MUTED)
        self.reasons.setObjectName("privacyReasons")
        footer.addWidget(self.reasons, 1)
        _ = self._
        self.page_label = self._label(_("{page} of {pages}").format(page=self.page + 1, pages=self.pages),
                                      theme.SLIDE_NOTE, colour=theme.MUTED)
        self.page_label.setObjectName("slidePage")
        self.page_label.setVisible(self.pages > 1)
        footer.addWidget(self.page_label)
        layout.addLayout(footer)

    # --- building -----------------------------------------------------------------------

    def _headline(self) -> str:
        _, r = self._, self.results.results
        if r.total is None or r.stage is None:  # a total always has its stage
            return _("No complete answers yet")
        stage = default_instrument().stage(r.stage).name(self.lang)
        return _("Group score {score} · {stage}").format(score=_number(r.total.mean, self.lang), stage=stage)

    def _label(self, text: str, size: int, bold: bool = False, colour: str = theme.INK) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setProperty("colour", colour)
        self.texts.append((label, size, bold))
        return label

    def _chart(self, key: str, start: int = 0, limit: int | None = None):
        from ui.chart_view import ChartView
        from workshop.charts.distribution import DistributionChart
        from workshop.charts.gaps import GapsChart
        from workshop.charts.gauge import GaugeChart
        from workshop.charts.style import SCREEN
        from workshop.charts.themes import ThemeChart

        _ = self._
        makers = {
            "gauge": ((lambda r, lang: GaugeChart(r, lang, SCREEN)), _("Stage gauge")),
            "gaps": ((lambda r, lang: GapsChart(r, lang, limit, SCREEN, start)),
                     _("Statements by gap between Sales and Marketing")),
            "distribution": ((lambda r, lang: DistributionChart(r, lang, SCREEN)), _("Distribution of totals")),
            "themes": ((lambda r, lang: ThemeChart(r, lang, SCREEN)), _("Theme profile")),
        }
        make, name = makers[key]
        view = ChartView(make, self.results, self.lang, name, contain=True)
        self.charts[key] = view
        return view

    def _build(self) -> None:
        if self.view == "prompts":
            self._prompts()
        elif self.view == "gaps":
            self.body.addWidget(self._chart("gaps", self.page * STATEMENTS_PER_PAGE, STATEMENTS_PER_PAGE), 1)
        elif self.view == "overview":
            # The stage, and the one statement the room most disagrees on, as a first question.
            self.body.addWidget(self._chart("gauge"), 3)
            self._prompts(first_only=True)
        else:
            self.body.addWidget(self._chart(self.view), 1)

    def _prompts(self, first_only: bool = False) -> None:
        _ = self._
        instrument = default_instrument()
        n = lambda value: _number(value, self.lang)  # noqa: E731 - a short local format
        gaps = [(s, _("Sales {sales} · Marketing {marketing}: why do we see this differently?").format(
            sales=n(s.sales_mean), marketing=n(s.marketing_mean))) for s in self.results.largest_gaps]
        lowest = [(s, _("Group {mean}: what would it take to score higher?").format(mean=n(s.mean)))
                  for s in self.results.lowest]
        groups = [(_("Where Sales and Marketing see it most differently"), gaps,
                   _("Shown once Sales and Marketing each have enough answers.")),
                  (_("Where the whole group scores lowest"), lowest, _("No answers yet"))]
        if first_only:
            heading, items, empty = groups[0] if gaps else groups[1]
            items = items[:1]
        else:
            heading, items, empty = groups[self.page]
            items = items[:PROMPTS_PER_PAGE]
        self.body.addWidget(self._label(heading, theme.SLIDE_HEADING, bold=True, colour=theme.BRAND))
        for statement, question in items:
            self.body.addWidget(self._label(f"{statement.id}  {instrument.statement(statement.id).text(self.lang)}",
                                            theme.SLIDE_TEXT))
            self.body.addWidget(self._label(question, theme.SLIDE_QUESTION, colour=theme.BRAND))
        if not items:
            self.body.addWidget(self._label(empty, theme.SLIDE_TEXT, colour=theme.MUTED))
        self.body.addStretch(1)

    # --- type that scales with the window -------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.apply_scale()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.apply_scale()

    def apply_scale(self) -> None:
        scale = scale_for(self)
        for label, size, bold in self.texts:
            label.setStyleSheet(theme.text(max(theme.SLIDE_MIN, round(size * scale)), label.property("colour"),
                                           weight=600 if bold else 400))

    def refresh(self) -> None:
        """New answers: the latest results, and redraw what moved (a new page count rebuilds the slide)."""
        self.results = live_results(self.ctx).get(self.workshop_id, self.workshop)
        self.headline.setText(self._headline())
        from workshop.privacy import reasons

        self.reasons.setText("\n".join(reasons(self.results.results, self.lang, details=False)))
        for chart in self.charts.values():
            chart.show_results(self.results)

