"""PDF form XObjects: drawn once per document, placed on any number of pages.

Charts use them (``figures.py``), and so do the parts of a handout that are the same for
every participant: forty handouts then hold one copy of the commitments table, not forty.
"""

from __future__ import annotations

import itertools
from typing import Any

from reportlab.platypus import Flowable

_names = itertools.count(1)


def form_resources(c: Any) -> Any:
    """The form's resources, transparency states included (reportlab leaves those out of forms)."""
    from reportlab.pdfbase.pdfdoc import PDFResourceDictionary

    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.allProcs()
    if c._formsinuse:
        resources.XObject = c._doc.xobjDict(c._formsinuse)
    state = c._extgstate.getState()
    if state:
        resources.ExtGState = state
    return resources


def form_name(c: Any, key: str) -> tuple[str, bool]:
    """The document-wide name of a form for ``key``, and whether it still has to be drawn."""
    forms: dict[str, str] = c.__dict__.setdefault("_workshop_forms", {})
    if key in forms:
        return forms[key], False
    forms[key] = f"WorkshopForm{next(_names)}"
    return forms[key], True


class SharedBlock(Flowable):
    """Flowables stacked as one block that is drawn once and then reused as a form.

    For content that repeats unchanged (handouts). The block moves to the next page as a
    whole when it fits on a page, and is split like ordinary flowables only when taller.
    """

    def __init__(self, flowables: list, page_height: float) -> None:
        super().__init__()
        self.flowables = flowables
        self.page_height = page_height
        self.key = f"block{id(self)}"
        self._size: tuple[float, float, list[tuple[float, float]]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._size is None or self._size[0] != available_width:
            placed, y = [], 0.0
            for i, f in enumerate(self.flowables):
                if i:
                    y += f.getSpaceBefore()
                _w, h = f.wrap(available_width, 1e6)
                placed.append((y, h))
                y += h + (f.getSpaceAfter() if i < len(self.flowables) - 1 else 0)
            self._size = (available_width, y, placed)
        self.width, self.height = available_width, self._size[1]
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list:
        self.wrap(available_width, available_height)
        if self.height <= self.page_height:
            return []  # move to the next page whole
        return list(self.flowables)

    def draw(self) -> None:
        self.__dict__.pop("_postponed", None)  # the same block is laid out again in the next handout
        c = self.canv
        name, new = form_name(c, self.key)
        if new:
            c.beginForm(name, 0, 0, self.width, self.height)
            assert self._size is not None, "reportlab wraps a flowable before it draws it"
            for f, (top, h) in zip(self.flowables, self._size[2], strict=True):
                f.drawOn(c, 0, self.height - top - h)
            c.endForm(Resources=form_resources(c))
        c.doForm(name)
