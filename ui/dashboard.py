"""The results dashboard: stage gauge, statements by gap, spread of totals, theme profile
and discussion prompts, updated in place as answers arrive.

Used by the Reveal step for the facilitator and, laid out for a projector, for the room.
Everything in it speaks the workshop's language. It shows the results as the privacy rule
publishes them (``workshop.privacy``), for the facilitator and the room alike, with one
line per figure withheld saying why ("hidden: fewer than 3 people").
Charts are imported when a dashboard is built, keeping matplotlib out of start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ui import theme
from ui.context import AppContext
from ui.live_results import live_results
from workshop.guide import default_guide
from workshop.i18n import N_, _, translator
from workshop.instrument import default_instrument
from workshop.privacy import reasons
from workshop.results import WorkshopResults
from workshop.workshops import get_workshop

if TYPE_CHECKING:  # matplotlib's canvas loads with the first chart shown (start-up time)
    from ui.chart_view import ChartView


def _number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def headline(results: WorkshopResults, lang: str) -> str:
    """"Group score 55.1 · Defined" in the room's language (no breakdowns)."""
    _ = translator(lang)
    r = results.results
    if r.total is None and r.complete:
        return _("Group score hidden: fewer than {n} people").format(n=results.workshop.min_group_size)
    if r.total is None or r.stage is None:  # a total always has its stage
        return _("No complete answers yet")
    stage = default_instrument().stage(r.stage).name(lang)
    return _("Group score {score} · {stage}").format(score=_number(r.total.mean, lang), stage=stage)


class Prompts(QFrame):
    """The three largest disagreements and the three lowest statements, as questions for the room."""

    def __init__(self, lang: str, large: bool = False, parent: QWidget | None = None, *, size: int = 0) -> None:
        super().__init__(parent)
        self.lang = lang
        self.questions = 1 if large else 3  # the guide's questions per statement; the room gets one
        self.setObjectName("prompts")
        self.setAccessibleName(translator(lang)(N_("Discussion prompts")))
        size = size or (20 if large else 13)
        self.setStyleSheet(theme.prompts(size))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8 if large else 6)
        _ = translator(lang)

        def label(name: str = "", text: str = "") -> QLabel:
            widget = QLabel(text)
            widget.setWordWrap(True)
            widget.setTextFormat(Qt.TextFormat.PlainText)
            if name:
                widget.setObjectName(name)
            layout.addWidget(widget)
            return widget

        # A fixed set of labels whose texts change, so a new answer does not rebuild the layout.
        label("promptHeading", _("Where Sales and Marketing see it most differently"))
        self.gaps = [label() for _i in range(3)]
        self.gaps_note = label("promptNote", _("Shown once Sales and Marketing each have enough answers."))
        label("promptHeading", _("Where the whole group scores lowest"))
        self.lowest = [label() for _i in range(3)]
        self.lowest_note = label("promptNote", _("No answers yet"))

    def show_results(self, results: WorkshopResults) -> None:
        _ = translator(self.lang)
        instrument = default_instrument()

        def n(value: float) -> str:
            return _number(value, self.lang)

        def fill(labels: list[QLabel], note: QLabel, items: list, line) -> None:
            for index, widget in enumerate(labels):
                if index < len(items):
                    s = items[index]
                    asks = [q(self.lang) for q in default_guide().questions_for(s.id)[:self.questions]]
                    widget.setText(f"{s.id}  {instrument.statement(s.id).text(self.lang)}\n    " + line(s)
                                   + "".join(f"\n    → {ask}" for ask in asks))
                widget.setVisible(index < len(items))
            note.setVisible(not items)

        fill(self.gaps, self.gaps_note, results.largest_gaps, lambda s: _(
            "Sales {sales} · Marketing {marketing} — why do we see this differently?").format(
            sales=n(s.sales_mean), marketing=n(s.marketing_mean)))
        r = results.results
        self.lowest_note.setText(_("Group score hidden: fewer than {n} people").format(
            n=results.workshop.min_group_size) if r.total is None and r.complete else _("No answers yet"))
        fill(self.lowest, self.lowest_note, results.lowest, lambda s: _(
            "Group {mean} — what would it take to score higher?").format(mean=n(s.mean)))


class Dashboard(QWidget):
    """The charts and prompts of one workshop, updated in place as answers arrive.

    ``view`` picks what to show: the overview of everything or one chart at full size.
    ``presenter`` lays it out for a projector (fewer statements, everything fits the screen).
    """

    def __init__(self, ctx: AppContext, workshop_id: int, lang: str, *, presenter: bool = False,
                 view: str = "overview", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.workshop_id, self.lang = ctx, workshop_id, lang
        self.presenter = presenter
        self.view = view
        self.workshop = get_workshop(ctx.db, workshop_id)
        self.results = live_results(ctx).get(workshop_id, self.workshop)
        self.charts: dict[str, ChartView] = {}
        self.prompts: Prompts | None = None
        self.headline = QLabel(headline(self.results, lang))
        self.headline.setObjectName("revealHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignHCenter if presenter else Qt.AlignmentFlag.AlignLeft)
        self.headline.setStyleSheet(theme.headline(presenter))
        self.headline.setAccessibleName(_("Result"))
        self.privacy_note = QLabel(self)  # a parent before it is shown, or it would open as a window
        self.privacy_note.setObjectName("privacyNote")
        self.privacy_note.setWordWrap(True)
        # For the room a quiet line; for the facilitator the note stands out.
        self.privacy_note.setStyleSheet(f"color: {theme.MUTED}; font-size: 15px;" if presenter
                                        else theme.PRIVACY_NOTE)
        self.privacy_note.setAccessibleName(_("Privacy note"))
        self._show_privacy_note()
        self._build()

    def _show_privacy_note(self) -> None:
        lines = reasons(self.results.results, self.lang, details=False)
        self.privacy_note.setVisible(bool(lines))
        self.privacy_note.setText("\n".join(lines))

    def _chart(self, key: str, **options):
        # matplotlib loads with the first chart shown, not with the page
        from ui.chart_view import ChartFactory, ChartView
        from workshop.charts.distribution import DistributionChart
        from workshop.charts.gaps import GapsChart
        from workshop.charts.gauge import GaugeChart
        from workshop.charts.themes import ThemeChart

        _ = translator(self.lang)
        limit = options.pop("limit", None)
        makers: dict[str, tuple[ChartFactory, str]] = {
            "gauge": (GaugeChart, _("Stage gauge")),
            "gaps": ((lambda r, lang: GapsChart(r, lang, limit)), _("Statements by gap between Sales and Marketing")),
            "distribution": (DistributionChart, _("Distribution of totals")),
            "themes": (ThemeChart, _("Theme profile")),
        }
        make, name = makers[key]
        view = ChartView(make, self.results, self.lang, name, **options)
        self.charts[key] = view
        return view

    def _build(self) -> None:
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(24)
        layout.setVerticalSpacing(14)
        layout.addWidget(self.headline, 0, 0, 1, 2)
        layout.addWidget(self.privacy_note, 5, 0, 1, 2)
        view = self.view
        if view == "prompts":
            self.prompts = Prompts(self.lang, large=True)
            layout.addWidget(self.prompts, 1, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
        elif view != "overview":
            layout.addWidget(self._chart(view, contain=self.presenter), 1, 0, 1, 2)
            layout.setRowStretch(1, 1)
        elif self.presenter:
            # For the room: the stage and the widest gaps on the left, the questions on the right.
            left = QVBoxLayout()
            left.setSpacing(10)
            left.addWidget(self._chart("gauge", contain=True), 2)
            left.addWidget(self._chart("gaps", limit=6, contain=True), 5)
            # Six questions must fit a 1280×720 projector beside the charts, in Dutch too.
            self.prompts = Prompts(self.lang, large=True, size=17)
            layout.addLayout(left, 1, 0)
            layout.addWidget(self.prompts, 1, 1, Qt.AlignmentFlag.AlignTop)
            layout.setRowStretch(1, 1)
            layout.setColumnStretch(0, 1)
            layout.setColumnStretch(1, 1)
        else:
            # Two independent columns, so a tall block on one side leaves no hole on the other.
            left, right = QVBoxLayout(), QVBoxLayout()
            left.setSpacing(18)
            right.setSpacing(18)
            left.addWidget(self._chart("gauge"))
            left.addWidget(self._chart("gaps"))
            left.addStretch(1)
            self.prompts = Prompts(self.lang)
            right.addWidget(self.prompts)
            right.addWidget(self._chart("themes"))
            right.addWidget(self._chart("distribution"))
            right.addStretch(1)
            layout.addLayout(left, 1, 0)
            layout.addLayout(right, 1, 1)
            layout.setColumnStretch(0, 1)
            layout.setColumnStretch(1, 1)
        if self.prompts is not None:
            self.prompts.show_results(self.results)

    def refresh(self) -> None:
        """The latest results; the charts redraw only what moved."""
        self.results = live_results(self.ctx).get(self.workshop_id, self.workshop)
        self.headline.setText(headline(self.results, self.lang))
        self._show_privacy_note()
        for chart in self.charts.values():
            chart.show_results(self.results)
        if self.prompts is not None:
            self.prompts.show_results(self.results)
