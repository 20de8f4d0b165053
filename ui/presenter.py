"""The presenter window: what the room sees, on the second screen when there is one.

It follows the facilitator's current step (``ctx.bus.step_changed``) and shows that
step's presenter view (``StepSpec.make_presenter``), or the workshop's title when a step
has none. Presenter views show only what the room may see: counts and group results,
never a participant's name beside a score. An optional countdown per step, set by the
facilitator with a :class:`CountdownControl`, shows in the corner; its last 20% and 5%
change colour and say so in words too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.context import AppContext
from ui.room_slide import pager_for
from ui.steps import STEPS
from workshop.errors import NotFoundError
from workshop.i18n import _, translator
from workshop.vocabulary import format_date
from workshop.workshops import get_workshop

PAGE_KEYS = {Qt.Key.Key_PageDown: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Space: 1,
             Qt.Key.Key_PageUp: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Backspace: -1}
WARNING, URGENT = 0.20, 0.05  # fractions of the time left where the countdown changes


class Countdown(QObject):
    """Countdowns per step, shared by the facilitator's controls and the presenter window."""

    changed = Signal()

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.minutes: dict[str, int] = {}  # what the facilitator chose per step
        self.running: dict[str, tuple[float, float]] = {}  # step -> (total seconds, deadline)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)

    def start(self, step: str, minutes: int) -> None:
        self.minutes[step] = minutes
        seconds = minutes * 60.0
        self.running[step] = (seconds, self.clock() + seconds)
        self._timer.start()
        self.changed.emit()

    def stop(self, step: str) -> None:
        self.running.pop(step, None)
        if not self.running:
            self._timer.stop()
        self.changed.emit()

    def remaining(self, step: str) -> float | None:
        if step not in self.running:
            return None
        return max(0.0, self.running[step][1] - self.clock())

    def phase(self, step: str) -> str | None:
        """normal, warning (last 20%), urgent (last 5%), over; None when not running."""
        left = self.remaining(step)
        if left is None:
            return None
        total = self.running[step][0]
        if left <= 0:
            return "over"
        if left <= total * URGENT:
            return "urgent"
        if left <= total * WARNING:
            return "warning"
        return "normal"

    def _tick(self) -> None:
        self.changed.emit()


def countdown_for(ctx: AppContext) -> Countdown:
    """The one countdown registry of an app context."""
    return ctx.service("countdowns", Countdown)


def format_left(seconds: float) -> str:
    whole = int(seconds + 0.999)  # 0:01 until it is really over
    return f"{whole // 60}:{whole % 60:02d}"


class CountdownControl(QWidget):
    """For the facilitator: minutes for this step, start and stop (shown on the presenter)."""

    def __init__(self, ctx: AppContext, step: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.countdown = countdown_for(ctx)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_("Countdown:"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 180)
        self.minutes.setValue(self.countdown.minutes.get(step, 10))
        self.minutes.setSuffix(_(" min"))
        self.minutes.setAccessibleName(_("Countdown minutes"))
        self.minutes.setToolTip(_("Minutes for this step, shown as a countdown on the presenter screen"))
        label.setBuddy(self.minutes)
        label.setMinimumWidth(label.sizeHint().width())
        self.minutes.setMinimumWidth(self.minutes.sizeHint().width())
        self.button = QPushButton()
        self.button.setObjectName("countdownButton")
        self.button.clicked.connect(self._toggle)
        self.left = QLabel()
        self.left.setObjectName("mutedNote")
        for widget in (label, self.minutes, self.button, self.left):
            layout.addWidget(widget)
        self.countdown.changed.connect(self._show)
        self._show()

    def _toggle(self) -> None:
        if self.step in self.countdown.running:
            self.countdown.stop(self.step)
        else:
            self.countdown.start(self.step, self.minutes.value())

    def _show(self) -> None:
        left = self.countdown.remaining(self.step)
        running = left is not None
        self.button.setText(_("Stop") if running else _("Start"))
        self.button.setToolTip(_("Stop the countdown") if running else _("Start the countdown on the presenter screen"))
        self.minutes.setEnabled(not running)
        self.left.setText(_("{time} left").format(time=format_left(left)) if left is not None else "")


class CountdownLabel(QLabel):
    """The countdown as the room sees it."""

    def __init__(self, countdown: Countdown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.countdown = countdown
        self.step = ""
        self.lang = "en"
        self.setObjectName("presenterCountdown")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        countdown.changed.connect(self.refresh)
        self.refresh()

    def follow(self, step: str, lang: str) -> None:
        self.step, self.lang = step, lang
        self.refresh()

    def refresh(self) -> None:
        phase = self.countdown.phase(self.step)
        self.setVisible(phase is not None)
        if phase is None:
            return
        _ = translator(self.lang)
        words = {"normal": "", "warning": _("Nearly time"), "urgent": _("Last moments"), "over": _("Time is up")}
        left = format_left(self.countdown.remaining(self.step) or 0)
        self.setText(left if phase == "normal" else f"{left}  ·  {words[phase]}")
        self.setProperty("phase", phase)
        self.setStyleSheet(theme.countdown(phase))  # the words change too: colour is never the only sign
        self.setAccessibleName(_("Time left: {time}").format(time=left))


class TitleCard(QWidget):
    """What the room sees at a step without a presenter view: the workshop's title."""

    def __init__(self, ctx: AppContext, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        if workshop_id:
            info = get_workshop(ctx.db, workshop_id)
            lines = [(info.title, 52, theme.BRAND), (info.client, 30, theme.INK),
                     (" · ".join(x for x in (format_date(info.date, info.language), info.place) if x), 22, theme.MUTED)]
        else:
            lines = [("Alignment Workshop", 44, theme.BRAND)]
        for text, size, colour in lines:
            label = QLabel(text)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setStyleSheet(theme.text(size, colour, weight=600 if size > 40 else 400))
            layout.addWidget(label)
        layout.addStretch(3)


class PresenterWindow(QWidget):
    """A second top-level window for the room; F11 toggles full screen, Esc leaves it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setObjectName("presenterWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Presenter screen"))
        self.setStyleSheet(theme.PRESENTER)
        self.workshop_id, self.step = 0, ""
        self.content: QWidget | None = None
        self._placed = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 20)
        top = QHBoxLayout()
        self.step_label = QLabel()
        self.step_label.setObjectName("presenterStep")
        top.addWidget(self.step_label, 1)
        self.countdown = CountdownLabel(countdown_for(ctx))
        top.addWidget(self.countdown)
        layout.addLayout(top)
        self.stack = QStackedLayout()
        layout.addLayout(self.stack, 1)
        QShortcut(QKeySequence("F11"), self, self.toggle_full_screen)
        QShortcut(QKeySequence("Esc"), self, self.showNormal)
        ctx.bus.step_changed.connect(self.follow)
        pager_for(ctx).turn_requested.connect(self._turn)  # the facilitator's keys, from their window
        self.follow(0, "")
        self.resize(1280, 720)

    def follow(self, workshop_id: int, step: str) -> None:
        """Show what the room may see of this step."""

        if (workshop_id, step) == (self.workshop_id, self.step) and self.content is not None:
            return  # already showing it
        self.workshop_id, self.step = workshop_id, step
        spec = next((s for s in STEPS if s.key == step), None) if workshop_id else None
        lang = "en"
        widget: QWidget | None = None
        if workshop_id:
            try:
                lang = get_workshop(self.ctx.db, workshop_id).language
            except NotFoundError:  # a deleted workshop: show the neutral screen
                workshop_id = 0
        pager_for(self.ctx).show(0, 0)  # a paged slide says its pages as it is built
        if spec is not None and workshop_id:
            widget = spec.make_presenter(self.ctx, workshop_id)
        if widget is None:
            widget = TitleCard(self.ctx, workshop_id)
        tr = translator(lang)
        self.step_label.setText(tr(spec.title) if spec is not None else "")
        self.setWindowTitle(tr("Presenter screen"))  # the room's language, as everything on it
        if self.content is not None:
            self.stack.removeWidget(self.content)
            self.content.deleteLater()
        self.content = widget
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.countdown.follow(step, lang)

    # --- placement ------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            QTimer.singleShot(0, self.place)

    def place(self) -> None:
        """On a second screen, fill it; with one screen, stay a normal window beside the main one."""
        screen = second_screen(self.ctx)
        if screen is None:
            return
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        self.setGeometry(screen.availableGeometry())
        self.showFullScreen()

    def _turn(self, step: int) -> None:
        if (turn := getattr(self.content, "turn", None)) is not None:
            turn(step)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        pager_for(self.ctx).show(0, 0)  # nothing left for the facilitator's keys to turn
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - when the shortcuts did not see the key
        if event.key() == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif event.key() == Qt.Key.Key_Escape:
            self.showNormal()
        elif event.key() in PAGE_KEYS and (turn := getattr(self.content, "turn", None)) is not None:
            turn(PAGE_KEYS[event.key()])  # a presenter remote sends PageUp/PageDown
        else:
            super().keyPressEvent(event)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()


def second_screen(ctx: AppContext | None = None):
    """A screen other than the one the facilitator's window is on, if there is one."""
    screens = QGuiApplication.screens()
    if len(screens) < 2:
        return None
    active = QGuiApplication.focusWindow()
    own = active.screen() if active is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not own]
    return others[0] if others else None
