"""Pieces shared by the decide, plan, funnel and commit steps.

- ``SnapshotEdit``: an undoable edit of a workshop's decision, practice review or funnel,
  undone by restoring the state from before and redone by restoring the state after.
- ``StepPage``: a page or presenter view that follows the change bus for its workshop and
  refreshes once per burst of changes (no polling).
- ``FigureView``: a matplotlib figure from ``workshop/`` on screen, scaled to the width it
  gets (or contained in its box on the presenter screen) with the proportions it was drawn for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from ui.undo import ServiceCommand, perform
from workshop.changes import Changes
from workshop.i18n import _
from workshop.instrument import default_instrument
from workshop.workshops import WorkshopInfo, get_workshop

_UNSET: Any = object()
INK, MUTED, ACCENT = "#1a1a1a", "#5c5c5c", "#1f4e79"


class SnapshotEdit(ServiceCommand):
    """``action(db, wid)`` once; undo restores ``snapshot`` from before, redo the one from after."""

    def __init__(self, ctx: AppContext, workshop_id: int, text: str,
                 snapshot: Callable[[Any, int], Any], restore: Callable[[Any, int, Any], Changes],
                 action: Callable[[Any, int], Changes]) -> None:
        super().__init__(ctx, text)
        self.workshop = self.refs.workshop(workshop_id)
        self.snapshot, self.restore, self.action = snapshot, restore, action
        self.before: Any = _UNSET
        self.after: Any = _UNSET

    def forward(self) -> Changes:
        db, wid = self.ctx.db, self.workshop.id
        if self.after is _UNSET:
            self.before = self.snapshot(db, wid)
            changes = self.action(db, wid)
            self.after = self.snapshot(db, wid)
            return changes
        return self.restore(db, wid, self.after)

    def backward(self) -> Changes:
        return self.restore(self.ctx.db, self.workshop.id, self.before)


class StepPage(QWidget):
    """Base of the pages and presenter views here: the workshop, the bus, one refresh per burst."""

    #: which kinds of change (fields of ``Changes``) make this view refresh
    follows: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.workshop_id = ctx, workshop_id
        self.workshop: WorkshopInfo = get_workshop(ctx.db, workshop_id)
        self.instrument = default_instrument()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_now)
        self._stale = False
        ctx.bus.changed.connect(self._on_changes)

    @property
    def lang(self) -> str:
        """The workshop's language: the content (stages, practices) and everything the room sees."""
        return self.workshop.language

    def related_workshops(self) -> set[int]:
        return {self.workshop_id}

    def _on_changes(self, changes: Changes) -> None:
        if changes.workshop_id is not None and changes.workshop_id not in self.related_workshops():
            return
        if changes.workshops or any(getattr(changes, kind) for kind in self.follows):
            if self.isVisible():
                self._timer.start()
            else:  # a step not on screen catches up when it is shown (answers may stream in meanwhile)
                self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._timer.start()

    def _refresh_now(self) -> None:
        try:
            self.workshop = get_workshop(self.ctx.db, self.workshop_id)
        except Exception:  # noqa: BLE001 - the workshop was deleted; the shell closes this page
            return
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def edit(self, command: ServiceCommand) -> bool:
        """Run an undoable edit; a refusal is shown and nothing changes."""
        return perform(self.ctx, command, self)

    def stage_name(self, stage_id: str | None) -> str:
        return self.instrument.stage(stage_id).name(self.lang) if stage_id else "–"


def label(text: str = "", name: str = "", *, wrap: bool = False, style: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if style:
        widget.setStyleSheet(style)
    return widget


def card(name: str = "stepCard") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(f"QFrame#{name} {{ background: white; border: 1px solid #dde1e7; border-radius: 8px; }}")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(8)
    return frame, layout


class WrapCheck(QWidget):
    """A check box whose text wraps (a plain QCheckBox keeps long text on one line)."""

    def __init__(self, text: str, parent: QWidget | None = None, font_px: int = 14) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 3, 0, 3)
        layout.setSpacing(8)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.text = label(text, wrap=True, style=f"font-size: {font_px}px;")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.text.mousePressEvent = lambda _event: self.box.click()  # type: ignore[method-assign]
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.toggled = self.box.toggled

    def setChecked(self, on: bool) -> None:  # noqa: N802 - Qt's name
        self.box.blockSignals(True)
        self.box.setChecked(on)
        self.box.blockSignals(False)

    def isChecked(self) -> bool:  # noqa: N802
        return self.box.isChecked()


TOGGLE_STYLE = (
    "QPushButton { padding: 3px 8px; border: 1px solid #b8c2cc; border-radius: 4px; background: white; }"
    "QPushButton:checked { background: #1f4e79; color: white; border: 2px solid #0f2a44; font-weight: 600; }"
)


def toggle_button(text: str, name: str, accessible: str) -> QPushButton:
    """One of a set of choices; the chosen one is filled, bold and marked ✔ (never colour alone)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setCheckable(True)
    button.setAccessibleName(accessible)
    button.setToolTip(_("Click again to clear"))
    button.setStyleSheet(TOGGLE_STYLE)
    bold = QFont(button.font())
    bold.setBold(True)
    button.setMinimumWidth(QFontMetrics(bold).horizontalAdvance("✔ " + text) + 24)
    return button


def mark_checked(button: QPushButton, on: bool, text: str) -> None:
    button.setChecked(on)
    button.setText(("✔ " if on else "") + text)


_sessions: dict[int, dict[str, Any]] = {}


def session_state(ctx: AppContext) -> dict[str, Any]:
    """What these steps remember while the app runs (not stored): one dict per app context,
    so two databases, or two tests, never share it."""
    key = id(ctx.bus)
    if key not in _sessions:
        _sessions[key] = {}
        ctx.bus.destroyed.connect(lambda *_a, k=key: _sessions.pop(k, None))
    return _sessions[key]


def gate_closed(ctx: AppContext, workshop: WorkshopInfo) -> bool:
    """Before the reveal, pages that show the group's stage wait until the facilitator says so."""
    return not workshop.revealed and workshop.id not in session_state(ctx).setdefault("gates_opened", set())


def reveal_gate(ctx: AppContext, workshop_id: int, text: str, on_open: Callable[[], None]) -> QFrame:
    """A card saying the results are still hidden, with a button to go ahead anyway."""
    frame, layout = card("revealGate")
    layout.setContentsMargins(24, 18, 24, 18)
    layout.addWidget(label(_("The results are still hidden"), "sectionHeading"))
    layout.addWidget(label(text, wrap=True))
    button = QPushButton(_("Show this step anyway"))
    button.setObjectName("openGate")
    button.setToolTip(_("Show the group's stage on this screen; the presenter screen waits for the reveal"))

    def open_() -> None:
        session_state(ctx).setdefault("gates_opened", set()).add(workshop_id)
        on_open()

    button.clicked.connect(open_)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return frame


def clear_layout(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)
            inner.deleteLater()


class FigureView(QWidget):
    """Shows a ``matplotlib.figure.Figure`` at the width it gets, keeping its proportions."""

    def __init__(self, name: str, *, contain: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.contain = contain
        self.canvas: Any = None
        self.design = (8.0, 5.0)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Expanding,
                           QSizePolicy.Policy.Expanding if contain else QSizePolicy.Policy.Preferred)

    def set_figure(self, fig: Any) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        canvas = FigureCanvasQTAgg(fig)
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

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def height_for(self, width: int) -> int:
        # Not Qt's heightForWidth: the layouts here hold word-wrapped labels too, and a
        # height-for-width chain through a scroll area is fragile; a minimum height is enough.
        return round(width * self.design[1] / self.design[0])

    def _fit(self) -> None:
        if self.canvas is None or self.width() <= 0:
            return
        width = self.width()
        if self.contain and self.height() > 0:
            width = int(min(width, self.height() * self.design[0] / self.design[1]))
        width = max(width, 50)
        height = self.height_for(width)
        figure = self.canvas.figure
        dpi = width / self.design[0]
        figure._original_dpi = dpi
        figure._set_dpi(dpi * self.canvas.device_pixel_ratio, forward=False)
        self.canvas.setFixedSize(width, height)
        if not self.contain:
            self.setMinimumHeight(height)
        self.canvas.draw_idle()
