"""Following new results on screen fast: redraw only what moved (matplotlib blitting).

A full draw of a chart renders every text glyph again, which takes far longer than the
data changes warrant. A :class:`LiveChart` draws the still parts once, keeps them as a
background image, and on each update restores that image, draws the moving artists and
copies text "sprites" it has drawn before. It works with any Agg-based canvas
(``FigureCanvasAgg`` in tests and benchmarks, ``FigureCanvasQTAgg`` on screen).
"""

from __future__ import annotations

from collections.abc import Callable

from workshop.charts.style import Chart


class LiveChart:
    def __init__(self, chart: Chart, canvas) -> None:
        self.chart = chart
        self.canvas = canvas
        self.background = None
        self._pixels: dict[tuple[str, str, tuple[int, int]], object] = {}
        for artist in (*chart.dynamic, *chart.sprites):
            artist.set_animated(True)  # left out of full draws; drawn by us on top
        self._cid = canvas.mpl_connect("draw_event", self._on_draw)

    def disconnect(self) -> None:
        self.canvas.mpl_disconnect(self._cid)

    def _on_draw(self, _event=None) -> None:
        # A full draw (first show, resize, DPI change): keep the still parts, then add the rest.
        self.background = self.canvas.copy_from_bbox(self.chart.fig.bbox)
        self._pixels.clear()
        self._draw_moving()

    def _draw_moving(self) -> None:
        fig = self.chart.fig
        renderer = self.canvas.get_renderer()
        for text in self.chart.sprites:
            if not text.get_visible() or not text.get_text():
                continue
            box = text.get_window_extent(renderer)
            x0, y0 = int(box.x0) - 1, int(box.y0) - 1
            x1, y1 = int(box.x1) + 2, int(box.y1) + 2
            key = (text._sprite_style, text.get_text(), (x1 - x0, y1 - y0))
            region = self._pixels.get(key)
            if region is None:
                fig.draw_artist(text)
                self._pixels[key] = self.canvas.copy_from_bbox(_bbox(x0, y0, x1, y1))
            else:
                # Regions count rows from the top of the image.
                self.canvas.restore_region(region, xy=(x0, self.canvas.get_renderer().height - y1))
        for artist in self.chart.dynamic:
            if artist.get_visible():
                fig.draw_artist(artist)

    def update(self, results) -> bool:
        """Show new results; False when the chart must be rebuilt (its structure changed)."""
        if not self.chart.update(results):
            return False
        if self.background is None:
            self.canvas.draw()  # the draw event draws the moving parts too
        else:
            self.canvas.restore_region(self.background)
            self._draw_moving()
            self.canvas.blit(self.chart.fig.bbox)
        return True


def _bbox(x0: float, y0: float, x1: float, y1: float):
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(x0, y0, x1, y1)


ChartFactory = Callable[..., Chart]
