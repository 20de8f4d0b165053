"""A chart from ``workshop.charts`` on screen, following new results without a full redraw.

The figure is shown by ``ui.figure_view.FigureView`` (its size and resolution); this adds
the live part: new results move the chart's artists in place (``LiveChart``), and a chart
whose rows changed is drawn again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.figure_view import FigureView
from workshop.charts.live import LiveChart
from workshop.charts.style import Chart

ChartFactory = Callable[[object, str], Chart]  # (WorkshopResults, language) -> Chart


class ChartView(FigureView):
    """One chart; ``show_results`` updates it in place or rebuilds it when its rows change."""

    def __init__(self, make: ChartFactory, results, lang: str, name: str, parent: QWidget | None = None,  # noqa: ANN001
                 max_width: int | None = None, contain: bool = False) -> None:
        """``contain``: fit within the widget's width and height (a presenter screen);
        otherwise take the full width and as much height as the chart's proportions ask."""
        super().__init__(name, contain=contain, max_width=max_width, fixed_width=False, parent=parent)
        self.make = make
        self.lang = lang
        self.live: LiveChart | None = None
        self._build(results)

    def _build(self, results) -> None:  # noqa: ANN001 - WorkshopResults
        chart = self.make(results, self.lang)
        if self.live is not None:
            self.live.disconnect()
        canvas = self.set_figure(chart.fig)
        self.live = LiveChart(chart, canvas)

    @property
    def chart(self) -> Chart:
        return self.live.chart

    def show_results(self, results) -> None:  # noqa: ANN001 - WorkshopResults
        if not self.live.update(results):
            self._build(results)
            self.canvas.draw_idle()
