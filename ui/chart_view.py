"""A chart from ``workshop.charts`` on screen, following new results without a full redraw.

The figure is shown by ``ui.figure_view.FigureView`` (its size and resolution); this adds
the live part: new results move the chart's artists in place (``LiveChart``), and a chart
whose rows changed is drawn again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.figure_view import FigureView
from workshop.charts.live import LiveChart
from workshop.charts.style import Chart

if TYPE_CHECKING:
    from workshop.results import WorkshopResults

ChartFactory = Callable[[object, str], Chart]  # (WorkshopResults, language) -> Chart


class ChartView(FigureView):
    """One chart; ``show_results`` updates it in place or rebuilds it when its rows change."""

    def __init__(self, make: ChartFactory, results: WorkshopResults, lang: str, name: str,
                 parent: QWidget | None = None,
                 max_width: int | None = None, contain: bool = False) -> None:
        """``contain``: fit within the widget's width and height (a presenter screen);
        otherwise take the full width and as much height as the chart's proportions ask."""
        super().__init__(name, contain=contain, max_width=max_width, fixed_width=False, parent=parent)
        self.make = make
        self.lang = lang
        self.live = self._live(results, None)

    def _live(self, results: WorkshopResults, old: LiveChart | None) -> LiveChart:
        chart = self.make(results, self.lang)
        if old is not None:
            old.disconnect()
        canvas = self.set_figure(chart.fig)
        return LiveChart(chart, canvas)

    @property
    def chart(self) -> Chart:
        return self.live.chart

    def show_results(self, results: WorkshopResults) -> None:
        if not self.live.update(results):
            self.live = self._live(results, self.live)
            self.canvas.draw_idle()
