"""The one widget that shows a matplotlib figure from ``workshop/`` on screen.

A figure keeps the proportions and type sizes it was designed with (as in print) and
scales with the width it gets, so it reads the same on a laptop and on a projector: the
figure's resolution follows the width. ``contain`` fits it within the widget's height too
(a presenter screen). Imported only when a page shows a chart, so matplotlib stays out
of the app's start-up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

MIN_WIDTH = 50


def _canvas_class() -> type:
    """The canvas that keeps a figure as designed: its resolution follows the width it gets."""
    # matplotlib's Qt canvas loads with the first chart shown, not with the app (start-up time).
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class FittedCanvas(FigureCanvasQTAgg):
        def __init__(self, fig: Any) -> None:
            super().__init__(fig)
            self.design = tuple(fig.get_size_inches())

        def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
            dpi = max(event.size().width(), MIN_WIDTH) / self.design[0]
            # Both resolutions: the one for this screen and the base a pixel-ratio change starts from.
            self.figure._original_dpi = dpi
            self.figure._set_dpi(dpi * self.device_pixel_ratio, forward=False)
            super().resizeEvent(event)

    return FittedCanvas


class FigureView(QWidget):
    """Shows a ``matplotlib.figure.Figure`` at the width it gets, keeping its proportions."""

    def __init__(self, name: str, *, contain: bool = False, max_width: int | None = None,
                 fixed_width: bool = True, parent: QWidget | None = None) -> None:
        """``fixed_width``: the canvas holds the width it is given (a figure beside a form keeps
        its column); otherwise it follows the layout down as well as up (a grid of charts)."""
        super().__init__(parent)
        self.setAccessibleName(name)
        self.contain = contain
        self.max_width = max_width
        self.fixed_width = fixed_width
        self.canvas: Any = None
        self.design = (8.0, 5.0)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Expanding,
                           QSizePolicy.Policy.Expanding if contain else QSizePolicy.Policy.Preferred)
        # The canvas gets a fixed size from the space it had; that must not stop the window
        # or the layout from becoming narrower (the canvas follows in _fit).
        self.setMinimumWidth(MIN_WIDTH)
        if contain:
            self.setMinimumHeight(MIN_WIDTH)

    def set_figure(self, fig: Any) -> Any:
        """Show ``fig`` in place of the one shown before; returns its canvas."""
        canvas = _canvas_class()(fig)
        canvas.setAccessibleName(self.accessibleName())
        self.design = tuple(fig.get_size_inches())
        if self.canvas is not None:
            self._layout.replaceWidget(self.canvas, canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        else:
            self._layout.addWidget(canvas)
        self.canvas = canvas
        self._fit()
        return canvas

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def height_for(self, width: int) -> int:
        # Not Qt's heightForWidth: the layouts here hold word-wrapped labels too, and a
        # height-for-width chain through a scroll area is fragile; a minimum height is enough.
        return round(width * self.design[1] / self.design[0])

    def _fit(self) -> None:
        if self.canvas is None or self.width() <= 0:
            return
        width = self.width() if self.max_width is None else min(self.width(), self.max_width)
        if self.contain and self.height() > 0:
            width = int(min(width, self.height() * self.design[0] / self.design[1]))
        width = max(width, MIN_WIDTH)
        height = self.height_for(width)
        if self.contain or self.max_width is not None or self.fixed_width:
            self.canvas.setFixedSize(width, height)
        else:
            self.canvas.setMinimumWidth(MIN_WIDTH)
            self.canvas.setFixedHeight(height)
        if not self.contain:
            self.setMinimumHeight(height)
        # No draw here: the canvas draws itself when its size changes (a draw queued now could
        # reach a canvas already replaced by the next figure).
