"""A chart from ``workshop.charts`` on screen, following new results without a full redraw.

Imported only once results are shown, so matplotlib stays out of the app's start-up.
The chart keeps the proportions and type sizes it was designed with (as in print) and
scales with the width it gets, so it reads the same on a laptop and on a projector.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from workshop.charts.live import LiveChart
from workshop.charts.style import Chart

ChartFactory = Callable[[object, str], Chart]  # (WorkshopResults, language) -> Chart


class _Canvas(FigureCanvasQTAgg):
    """Sets the figure's resolution from the width, so its layout and type stay as designed."""

    def __init__(self, chart: Chart) -> None:
        super().__init__(chart.fig)
        self.design = chart.fig.get_size_inches().copy()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        width = max(event.size().width(), 50)
        dpi = width / self.design[0]
        # Both resolutions: the one for this screen and the base a pixel-ratio change starts from.
        self.figure._original_dpi = dpi
        self.figure._set_dpi(dpi * self.device_pixel_ratio, forward=False)
        super().resizeEvent(event)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return round(width * self.design[1] / self.design[0])


class ChartView(QWidget):
    """One chart; ``show_results`` updates it in place or rebuilds it when its rows change."""

    def __init__(self, make: ChartFactory, results, lang: str, name: str, parent: QWidget | None = None,
                 max_width: int | None = None, contain: bool = False) -> None:
        """``contain``: fit within the widget's width and height (a presenter screen);
        otherwise take the full width and as much height as the chart's proportions ask."""
        super().__init__(parent)
        self.make = make
        self.lang = lang
        self.setAccessibleName(name)
        self.max_width = max_width
        self.contain = contain
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        if contain:
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            # The canvas gets a fixed size from the space it had; that must not stop the
            # window from becoming smaller (it follows in _fit).
            self.setMinimumSize(50, 50)
        self.canvas: _Canvas | None = None
        self.live: LiveChart | None = None
        self._build(results)

    def _build(self, results) -> None:
        chart = self.make(results, self.lang)
        canvas = _Canvas(chart)
        canvas.setAccessibleName(self.accessibleName())
        if self.canvas is not None:
            self.live.disconnect()
            self._layout.replaceWidget(self.canvas, canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        else:
            self._layout.addWidget(canvas)
        self.canvas = canvas
        self.live = LiveChart(chart, canvas)
        self._fit()

    @property
    def chart(self) -> Chart:
        return self.live.chart

    def show_results(self, results) -> None:
        if not self.live.update(results):
            self._build(results)
            self.canvas.draw_idle()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.canvas is None or self.width() <= 0:
            return
        width = self.width() if self.max_width is None else min(self.width(), self.max_width)
        if self.contain:
            design_w, design_h = self.canvas.design
            width = int(min(width, self.height() * design_w / design_h))
            self.canvas.setFixedSize(max(width, 50), self.canvas.heightForWidth(max(width, 50)))
        elif self.max_width is not None:
            self.canvas.setFixedSize(width, self.canvas.heightForWidth(width))
        else:
            self.canvas.setFixedHeight(self.canvas.heightForWidth(width))
