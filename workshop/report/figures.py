"""Matplotlib figures drawn straight onto a reportlab canvas, as vector graphics.

A small matplotlib renderer replays a figure's paths, text and images with reportlab's
canvas operations. Each figure becomes one PDF form XObject, drawn once per document and
placed wherever it appears (40 handouts share one chart), so it costs neither time nor
file size per page. Text is set in the same embedded DejaVu Sans as the report (it stays
selectable and searchable); other fonts and mathtext are drawn as outlines.

This keeps charts sharp in print without another dependency (no SVG or PDF importer).
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.colors import to_rgba
from matplotlib.font_manager import findfont
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D
from reportlab.platypus import Flowable

from workshop.report.fonts import draw_runs, font_for_file, register_fonts
from workshop.report.forms import form_name, form_resources

IMAGE_DPI = 200  # raster parts of a figure (rare: heat maps) are kept at print resolution
_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


class CanvasRenderer(RendererBase):
    """Renders a figure at 72 dpi (one unit = one point) onto a reportlab canvas."""

    def __init__(self, canvas: Any, width: float, height: float) -> None:
        super().__init__()
        self.canvas = canvas
        self.width = width
        self.height = height
        self._fonts: dict[Any, str | None] = {}  # font properties → report font, for this one drawing
        register_fonts()

    # -- the renderer contract ------------------------------------------------------
    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True

    def get_image_magnification(self) -> float:
        return IMAGE_DPI / 72.0

    # -- helpers --------------------------------------------------------------------
    def _clip(self, gc: GraphicsContextBase) -> None:
        c = self.canvas
        rect = gc.get_clip_rectangle()
        if rect is not None:
            x, y, w, h = rect.bounds
            p = c.beginPath()
            p.rect(x, y, w, h)
            c.clipPath(p, stroke=0, fill=0)
        path, affine = gc.get_clip_path()
        if path is not None:
            # the stubs say TransformedPath; at run time it is the Path that TransformedPath yields
            c.clipPath(self._path(path, affine), stroke=0, fill=0)  # type: ignore[arg-type]

    def _path(self, path: MplPath, transform: Any) -> Any:
        p = self.canvas.beginPath()
        last = (0.0, 0.0)
        for vertices, code in path.iter_segments(transform, simplify=False, curves=True):
            if code == MplPath.MOVETO:
                p.moveTo(*vertices[-2:])
            elif code == MplPath.LINETO:
                p.lineTo(*vertices[-2:])
            elif code == MplPath.CURVE3:
                cx, cy, x, y = vertices
                x0, y0 = last
                p.curveTo(x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0),
                          x + 2 / 3 * (cx - x), y + 2 / 3 * (cy - y), x, y)
            elif code == MplPath.CURVE4:
                p.curveTo(*vertices)
            elif code == MplPath.CLOSEPOLY:
                p.close()
                continue
            last = (float(vertices[-2]), float(vertices[-1]))
        return p

    def _stroke_style(self, gc: GraphicsContextBase) -> float:
        """Set line width, colour, dashes, caps and joins; returns the stroke alpha."""
        c = self.canvas
        r, g, b, a = gc.get_rgb()
        alpha = gc.get_alpha() if gc.get_forced_alpha() else a
        c.setStrokeColorRGB(r, g, b)
        c.setStrokeAlpha(alpha)
        c.setLineWidth(gc.get_linewidth())
        c.setLineCap(_CAPS.get(gc.get_capstyle(), 0))
        c.setLineJoin(_JOINS.get(gc.get_joinstyle(), 0))
        offset, dashes = gc.get_dashes()
        pattern = np.asarray(dashes if dashes is not None else (), dtype=float)
        if len(pattern):
            c.setDash([float(d) for d in pattern], float(offset or 0))
        return alpha

    # -- drawing --------------------------------------------------------------------
    def draw_path(self, gc: GraphicsContextBase, path: MplPath, transform: Any, rgbFace: Any = None) -> None:
        c = self.canvas
        c.saveState()
        self._clip(gc)
        stroke_alpha = self._stroke_style(gc)
        fill = rgbFace is not None and (len(rgbFace) < 4 or rgbFace[3] > 0)
        if fill:
            fill_alpha = gc.get_alpha() if gc.get_forced_alpha() or len(rgbFace) < 4 else rgbFace[3]
            c.setFillColorRGB(*rgbFace[:3])
            c.setFillAlpha(fill_alpha)
        stroke = gc.get_linewidth() > 0 and stroke_alpha > 0
        pdf_path = self._path(path, transform)
        if fill or stroke:
            c.drawPath(pdf_path, stroke=int(stroke), fill=int(fill), fillMode=0)
        hatch = gc.get_hatch_path()
        if hatch is not None:
            self._hatch(gc, path, transform, hatch)
        c.restoreState()

    def _hatch(self, gc: GraphicsContextBase, path: MplPath, transform: Any, hatch: MplPath) -> None:
        """Tile the hatch pattern (one-inch cells, as matplotlib's PDF backend) inside the path."""
        c = self.canvas
        c.saveState()
        c.clipPath(self._path(path, transform), stroke=0, fill=0)
        x0, y0, x1, y1 = path.get_extents(transform).extents
        r, g, b, *rest = to_rgba(gc.get_hatch_color())
        c.setStrokeColorRGB(r, g, b)
        c.setFillColorRGB(r, g, b)
        c.setStrokeAlpha(rest[0] if rest else 1.0)
        c.setLineWidth(gc.get_hatch_linewidth())
        c.setDash([])
        cell = 72.0
        for ix in range(int(np.floor(x0 / cell)), int(np.ceil(x1 / cell)) + 1):
            for iy in range(int(np.floor(y0 / cell)), int(np.ceil(y1 / cell)) + 1):
                tile = Affine2D().scale(cell).translate(ix * cell, iy * cell)
                c.drawPath(self._path(hatch, tile), stroke=1, fill=0)
        c.restoreState()

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        font = None if ismath else self._report_font(prop)
        if font is None:
            # RendererBase's own fallback, missing from matplotlib's stubs
            self._draw_text_as_path(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[attr-defined]
            return
        c = self.canvas
        c.saveState()
        self._clip(gc)
        r, g, b, a = gc.get_rgb()
        c.setFillColorRGB(r, g, b)
        c.setFillAlpha(gc.get_alpha() if gc.get_forced_alpha() else a)
        c.translate(x, y)
        if angle:
            c.rotate(angle)
        draw_runs(c, 0, 0, s, font, prop.get_size_in_points())
        c.restoreState()

    def _report_font(self, prop: Any) -> str | None:
        # findfont costs more than drawing the text; a chart asks for a handful of fonts
        if prop not in self._fonts:
            self._fonts[prop.copy()] = font_for_file(os.path.basename(findfont(prop)))
        return self._fonts[prop]

    def draw_image(self, gc: GraphicsContextBase, x: float, y: float, im: Any, transform: Any = None) -> None:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        h, w = im.shape[:2]
        if not w or not h:
            return
        c = self.canvas
        c.saveState()
        self._clip(gc)
        scale = 72.0 / IMAGE_DPI
        c.drawImage(ImageReader(Image.fromarray(np.asarray(im), "RGBA")), x, y,
                    width=w * scale, height=h * scale, mask="auto")
        c.restoreState()


_DRAWING = threading.Lock()  # a figure may be shared by reports made in two threads


def draw_figure(canvas: Any, figure: Any) -> tuple[float, float]:
    """Draw ``figure`` with its lower-left corner at the canvas origin, in points."""
    width, height = (float(v) * 72.0 for v in figure.get_size_inches())
    with _DRAWING:
        original_dpi = figure.dpi
        figure.set_dpi(72)
        try:
            renderer = CanvasRenderer(canvas, width, height)
            figure.draw(renderer)
        finally:
            figure.set_dpi(original_dpi)
    return width, height


class FigureFlowable(Flowable):
    """A figure scaled to a width; drawn into the document once and reused on every page."""

    def __init__(self, figure: Any, width: float, max_height: float | None = None, key: str | None = None) -> None:
        super().__init__()
        self.figure = figure
        fig_w, fig_h = (float(v) * 72.0 for v in figure.get_size_inches())
        scale = width / fig_w
        if max_height is not None and fig_h * scale > max_height:
            scale = max_height / fig_h
        self.scale = scale
        self.width = fig_w * scale
        self.height = fig_h * scale
        self.key = key or f"fig{id(figure)}"
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        name, new = form_name(c, f"figure:{self.key}")
        if new:
            fig_w, fig_h = (float(v) * 72.0 for v in self.figure.get_size_inches())
            c.beginForm(name, 0, 0, fig_w, fig_h)
            draw_figure(c, self.figure)
            c.endForm(Resources=form_resources(c))
        c.saveState()
        c.scale(self.scale, self.scale)
        c.doForm(name)
        c.restoreState()
