"""A presenter view for the room that shows a list a few items at a time, in large type.

Decide, Plan, Funnel, Commit, the follow-up and "Since last time" show lists whose length
the room decides (conditions, practices, commitments). A slide shows as many items as fit
the window (at most ``max_per_page``) and the facilitator, or a presenter remote, pages
with PageUp/PageDown or the arrow keys (``turn``, called by the presenter window). Type is
given at the reference projector (``theme.SLIDE_REFERENCE``) and scales with the window
(``theme.slide_scale``), so what fits at 1280×720 fits on any screen, and nothing is cut.

A presenter remote's PageUp/PageDown usually reach the facilitator's window, not the
projector's: the slide says which page it shows in the context's :class:`RoomPager`, and
the facilitator's window passes the keys on through it (see ``ui.main_window``).

A view builds its parts at the current scale: ``head`` (above the list), ``side`` (beside
it, e.g. a chart), ``items`` (one widget each), ``foot`` (under the list) and ``empty``
(instead of an empty list). Labels come from :meth:`text`, which sizes them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import theme
from ui.context import AppContext
from ui.steps.base import StepPage
from ui.widgets import clear_layout
from workshop.i18n import translator

SPACING = 12  # px between items at the reference size


class RoomPager(QObject):
    """The page the presenter's slide shows, for the facilitator's window, and its requests to turn."""

    changed = Signal()
    turn_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.page, self.pages = 0, 0  # no pages: nothing on the presenter to turn

    def show(self, page: int, pages: int) -> None:
        if (page, pages) != (self.page, self.pages):
            self.page, self.pages = page, pages
            self.changed.emit()

    def turn(self, step: int) -> None:
        self.turn_requested.emit(step)


def pager_for(ctx: AppContext) -> RoomPager:
    """The one pager of an app context."""
    return ctx.service("room_pager", RoomPager)


class RoomSlide(StepPage):
    """Base of the paged presenter views; subclasses fill the parts listed in the module's text."""

    max_per_page = 5
    item_spacing = SPACING  # px between items at the reference size
    side_share = 0  # of 5 parts of the width, the side widget's (0: no side)

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, workshop_id, parent)
        self.t = translator(self.lang)
        self.page, self.pages = 0, 1
        self.scale = 1.0
        self._built_for: tuple[int, int] | None = None
        self._building = False
        self.side_size = (0, 0)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.page_label: QLabel | None = None

    # --- what a view provides --------------------------------------------------------------

    def load(self) -> None:
        """Read what the slide shows (called on every refresh, before building)."""

    def head(self) -> QWidget | None:
        return None

    def side(self) -> QWidget | None:
        return None

    def items(self) -> list[QWidget]:
        return []

    def foot(self) -> QWidget | None:
        return None

    def empty(self) -> QWidget | None:
        return None

    # --- helpers for building ----------------------------------------------------------------

    def px(self, size: int) -> int:
        """A size in px at the reference projector, at this window's scale."""
        return max(theme.SLIDE_MIN, round(size * self.scale))

    def text(self, text: str, size: int, colour: str = theme.INK, *, bold: bool = False, italic: bool = False,
             wrap: bool = True, centre: bool = False, extra: str = "", name: str = "") -> QLabel:
        """A plain-text label at ``size`` px (at 1280×720), scaled to this window."""
        widget = QLabel(text)
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setWordWrap(wrap)
        if name:
            widget.setObjectName(name)
        widget.setStyleSheet(theme.text(self.px(size), colour, weight=600 if bold else None, italic=italic,
                                        extra=extra))
        # Top-aligned: beside a taller neighbour (a tile, a badge) a line starts at the top, not in the middle.
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter if centre else top_left)
        return widget

    @staticmethod
    def stack(*widgets: QWidget | None, spacing: int = 4) -> QWidget:
        """Widgets one under the other, as one part of the slide."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        for widget in widgets:
            if widget is not None:
                layout.addWidget(widget)
        return box

    @staticmethod
    def row(*parts: tuple[QWidget, int], spacing: int = 12) -> QWidget:
        """Widgets side by side with their stretch (0: as wide as they need), tops aligned."""
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        for widget, stretch in parts:
            layout.addWidget(widget, stretch, Qt.AlignmentFlag.AlignTop if stretch == 0 else Qt.AlignmentFlag(0))
        return box

    # --- paging ----------------------------------------------------------------------------

    def turn(self, step: int) -> bool:
        """The next (+1) or previous (-1) page; False at either end."""
        page = self.page + step
        if not 0 <= page < self.pages:
            return False
        self.page = page
        self.rebuild()
        return True

    def refresh(self) -> None:
        self.t = translator(self.lang)
        self.load()
        self.rebuild()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._built_for != (self.width(), self.height()):
            self.rebuild()

    def rebuild(self) -> None:
        """Lay the slide out again for this window's size, on the current page."""
        if self._building:
            return
        self._building = True
        try:
            self._rebuild()
        finally:
            self._building = False

    def _rebuild(self) -> None:
        width, height = max(self.width(), 320), max(self.height(), 200)
        self._built_for = (self.width(), self.height())
        window = self.window()
        self.scale = theme.slide_scale(window.width(), window.height())
        for old in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            old.hide()
            old.setParent(None)  # gone from findChildren at once, not only when the loop deletes it
            old.deleteLater()
        clear_layout(self.layout_)
        spacing = self.px(SPACING)
        self.layout_.setSpacing(spacing)
        head, foot = self.head(), self.foot()
        side_width = round((width - 2 * spacing) * self.side_share / 5)
        list_width = width - 2 * spacing - side_width if self.side_share else width
        self.page_label = self.text("", theme.SLIDE_NOTE, theme.MUTED, wrap=False, name="slidePage")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        used = sum(_height(w, width) + spacing for w in (head, foot) if w is not None)
        room = height - used - _height(self.page_label, width) - spacing
        self.side_size = (side_width, room)  # what side() may fill
        side, items = self.side() if self.side_share else None, self.items()
        gap = self.px(self.item_spacing)
        pages = paginate([_height(item, list_width) for item in items], room, gap, self.max_per_page)
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        if head is not None:
            self.layout_.addWidget(head)
        body = QVBoxLayout()
        body.setSpacing(gap)
        shown = pages[self.page] if items else []
        for index, item in enumerate(items):
            if index in shown:
                body.addWidget(item)
            else:
                item.deleteLater()
        if not items and (nothing := self.empty()) is not None:
            body.addWidget(nothing, 1)
        else:
            body.addStretch(1)
        if side is not None:
            middle = QHBoxLayout()
            middle.setSpacing(2 * spacing)
            middle.addWidget(side, self.side_share)
            middle.addLayout(body, 5 - self.side_share)
            self.layout_.addLayout(middle, 1)
        else:
            self.layout_.addLayout(body, 1)
        if foot is not None:
            self.layout_.addWidget(foot)
        self.page_label.setText(self.t("{page} of {pages}").format(page=self.page + 1, pages=self.pages))
        self.page_label.setVisible(self.pages > 1)
        self.layout_.addWidget(self.page_label)
        self._publish()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._publish()

    def _publish(self) -> None:
        """Tell the facilitator's window which page the room sees (only a slide on screen does)."""
        if self.isVisible():
            pager_for(self.ctx).show(self.page, self.pages)


def _height(widget: QWidget, width: int) -> int:
    """The height ``widget`` needs at ``width`` (its wrapped labels included), in its final style."""
    widget.ensurePolished()
    for child in widget.findChildren(QWidget):
        child.ensurePolished()
    if widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        return layout.totalHeightForWidth(width)
    return widget.sizeHint().height()


def paginate(heights: list[int], room: int, spacing: int, most: int) -> list[list[int]]:
    """Items (by their heights) on pages of ``room`` px, at most ``most`` a page, in order and
    spread evenly (5 + 3 becomes 4 + 4: no page looks nearly empty); an item taller than a
    page gets a page to itself."""
    pages = _fill(heights, room, spacing, most)
    even = _fill(heights, room, spacing, min(most, -(-len(heights) // len(pages))))
    return even if len(even) == len(pages) else pages


def _fill(heights: list[int], room: int, spacing: int, most: int) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    used = 0
    for index, height in enumerate(heights):
        page = pages[-1]
        if page and (used + spacing + height > room or len(page) >= most):
            pages.append([])
            page, used = pages[-1], 0
        used += height + (spacing if page else 0)
        page.append(index)
    return pages

