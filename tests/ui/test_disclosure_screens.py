"""The disclosure checker on the screens: the facilitator's dashboard and every view of
the presenter print only numbers the results JSON publishes, and say why a figure is
withheld (see tests/workshop/test_disclosure.py for the other surfaces)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.text import Text
from PySide6.QtWidgets import QApplication, QLabel

from tests.disclosure.cases import Case, representative
from tests.disclosure.check import check_case
from tests.disclosure.surfaces import Published, register_surface

VIEWS = ("overview", "gauge", "gaps", "distribution", "themes", "prompts")


def screen_text(widget: Any) -> str:
    lines = [label.text() for label in widget.findChildren(QLabel) if label.text()]
    for canvas in widget.findChildren(FigureCanvasQTAgg):
        lines += [t.get_text() for t in canvas.figure.findobj(Text) if t.get_text()]
    return "\n".join(lines)


def dashboards(presenter: bool):  # noqa: ANN201
    def produce(db: Any, workshop_id: int, case: Case, tmp: Path) -> list[Published]:
        from ui.context import AppContext
        from ui.dashboard import Dashboard

        ctx = AppContext(db, language="en")
        out = []
        for view in VIEWS if presenter else ("overview",):
            board = Dashboard(ctx, workshop_id, "en", presenter=presenter, view=view)
            board.resize(1280, 720)
            out.append(Published(f"{'presenter' if presenter else 'facilitator dashboard'} ({view})",
                                 screen_text(board)))
            QApplication.processEvents()  # pending chart draws run while the canvases live
            board.deleteLater()
        return out
    return produce


register_surface("facilitator dashboard", dashboards(False), qt=True)
register_surface("presenter", dashboards(True), qt=True)


@pytest.mark.parametrize("case", representative(), ids=lambda c: c.label.replace(" ", "-"))
def test_the_screens_publish_nothing_more_than_the_json(qtbot, db, tmp_path: Path, case: Case) -> None:  # noqa: ANN001
    found, published = check_case(db, case, tmp_path, ["results JSON", "spread chart", "facilitator dashboard",
                                                       "presenter"])
    assert len([p for p in published if p.surface.startswith("presenter")]) == len(VIEWS)
    assert not found, "\n".join(found)
    hidden = [p for p in published if "hidden" in p.text]
    if case.complete and len(case.complete) < case.min_group:
        # Rule 1 on screen: the headline says why, on every view.
        assert len(hidden) == len(published) - 2, [p.surface for p in published]
        assert all(f"hidden: fewer than {case.min_group} people" in p.text for p in hidden)
