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
        self._pixels: dict[tuple[str, str, str], tuple[object, int, int]] = {}
        self._shown = None
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
        canvas = self.canvas
        height = canvas.get_renderer().height
        for text in self.chart.sprites:
            if not text.get_visible() or not text.get_text():
                continue
            # A text's pixels, once drawn, are copied to wherever its anchor point goes next;
            # laying the text out again is what costs the time.
            ax, ay = text.get_transform().transform(text.get_unitless_position())
            key = (text._sprite_style, text.get_text(), text.get_horizontalalignment())
            cached = self._pixels.get(key)
            if cached is None:
                box = text.get_window_extent(canvas.get_renderer())
                x0, y0, x1, y1 = int(box.x0) - 1, int(box.y0) - 1, int(box.x1) + 2, int(box.y1) + 2
                fig.draw_artist(text)
                region = canvas.copy_from_bbox(_bbox(x0, y0, x1, y1))
                self._pixels[key] = (region, x0 - round(ax), y1 - round(ay))
            else:
                region, dx, dy = cached
                # Regions count rows from the top of the image.
                canvas.restore_region(region, xy=(round(ax) + dx, height - (round(ay) + dy)))
        for artist in self.chart.dynamic:
            if artist.get_visible():
                fig.draw_artist(artist)

    def update(self, results) -> bool:
        """Show new results; False when the chart must be rebuilt (its structure changed)."""
        shown = self.chart.shown(results)
        if shown == self._shown and self.chart.structure(results) == self.chart.key:
            return True  # the same picture: nothing to draw
        if not self.chart.update(results):
            return False
        self._shown = shown
        if self.background is None:
            self.canvas.draw()  # the draw event draws the moving parts too
        else:
            self.canvas.restore_region(self.background)
            self._draw_moving()
            self.canvas.blit(self.chart.fig.bbox)
        return True


def _bbox(x0: float, y0: float, x1: float, y1: float):
    from matplotlib.transforms import Bbox  # matplotlib loads with the first chart, not with the window

    return Bbox.from_extents(x0, y0, x1, y1)


ChartFactory = Callable[..., Chart]
