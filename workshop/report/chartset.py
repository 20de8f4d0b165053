"""The charts of one report run, each drawn once and reused on every page that shows it.

The figures come from ``workshop.charts`` (the same functions as the screen). A figure is
made the first time a page asks for it; its flowables share one key, so the PDF holds the
drawing once however many handouts show it.
"""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from workshop.report.figures import FigureFlowable
from workshop.results import WorkshopResults

# name → (module, function); charts added by other features are used when they exist.
CHARTS: dict[str, tuple[str, str]] = {
    "stage_gauge": ("workshop.charts", "stage_gauge"),
    "statement_gaps": ("workshop.charts", "statement_gaps"),
    "totals_distribution": ("workshop.charts", "totals_distribution"),
    "theme_profile": ("workshop.charts", "theme_profile"),
}


# Figures of recent runs, keyed by chart, language and the exact results they show, so the
# handouts made right after the report (same results) do not draw the same chart again.
_RECENT: OrderedDict[tuple[str, str, str], Any] = OrderedDict()
_RECENT_SIZE = 12
_LOCK = threading.Lock()


def _function(name: str) -> Callable[..., Any] | None:
    module, attr = CHARTS[name]
    try:
        return getattr(importlib.import_module(module), attr, None)
    except ImportError:
        return None


class ChartSet:
    def __init__(self, computed: WorkshopResults, lang: str) -> None:
        self.computed = computed
        self.lang = lang
        self._figures: dict[str, Any] = {}
        self._fingerprint = repr(computed)

    def available(self, name: str) -> bool:
        return name in CHARTS and _function(name) is not None

    def figure(self, name: str, make: Callable[[], Any] | None = None) -> Any:
        """The figure called ``name``; ``make`` draws a chart that is not one of CHARTS."""
        if name not in self._figures:
            if make is not None:
                self._figures[name] = make()
                return self._figures[name]
            function = _function(name)
            if function is None:
                raise KeyError(name)
            key = (name, self.lang, self._fingerprint)
            with _LOCK:
                figure = _RECENT.pop(key, None)
            if figure is None:
                figure = function(self.computed, self.lang)
            with _LOCK:
                _RECENT[key] = figure
                while len(_RECENT) > _RECENT_SIZE:
                    _RECENT.popitem(last=False)
            self._figures[name] = figure
        return self._figures[name]

    def flowable(self, name: str, width: float, max_height: float | None = None,
                 make: Callable[[], Any] | None = None) -> FigureFlowable:
        return FigureFlowable(self.figure(name, make), width, max_height, key=name)

    def prepare(self, names: list[str], progress: Callable[[str], None] | None = None) -> None:
        """Draw the figures up front (so progress can be reported and a cancel honoured)."""
        for name in names:
            if progress:
                progress(name)
            if self.available(name):
                self.figure(name)
