"""The presenter window: follows the facilitator's step, shows only what the room may see,
and counts down with phases that change colour and words."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.text import Text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from tests.ui.helpers_results import scored_workshop
from ui.opening_slide import OpeningSlide
from ui.presenter import Countdown, CountdownControl, CountdownLabel, PresenterWindow, TitleCard, second_screen
from ui.steps.reveal import RevealPresenter
from ui.steps.score import ScorePresenter
from workshop.workshops import set_revealed


def every_text(window: QWidget) -> list[str]:
    """Everything a widget tree can put on screen or read aloud, charts included."""
    texts = []
    for widget in [window, *window.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, FigureCanvasQTAgg):
            texts += [t.get_text() for t in widget.figure.findobj(Text)]
    return [t for t in texts if t]


def open_presenter(qtbot, ctx) -> PresenterWindow:
    window = PresenterWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def test_follows_the_current_step(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 3, "marketing": 3})
    window = open_presenter(qtbot, ctx)
    assert isinstance(window.content, TitleCard)
    ctx.bus.step_changed.emit(wid, "prepare")
    assert isinstance(window.content, OpeningSlide)
    assert any("Offsite" in text for text in every_text(window))
    ctx.bus.step_changed.emit(wid, "score")
    assert isinstance(window.content, ScorePresenter)
    assert window.content.done.text() == "6 of 6 done"
    assert window.step_label.text() == "Score"
    ctx.bus.step_changed.emit(wid, "reveal")
    assert isinstance(window.content, RevealPresenter)
    ctx.bus.step_changed.emit(0, "")
    assert isinstance(window.content, TitleCard)


def test_never_a_participants_name_on_the_presenter(qtbot, ctx, db) -> None:
    wid, names = scored_workshop(db, {"sales": 4, "marketing": 3, "leadership": 1})
    window = open_presenter(qtbot, ctx)
    screens = []
    for step in ("prepare", "score", "reveal"):
        ctx.bus.step_changed.emit(wid, step)
        screens.append(every_text(window))
    ctx.apply(set_revealed(db, wid, True))
    for view in ("overview", "gauge", "gaps", "distribution", "themes", "prompts"):
        ctx.reveal_focus.set(wid, view)
        screens.append(every_text(window))
    ctx.reveal_focus.set(wid, "overview")
    assert any("Group score" in t for t in screens[-1])
    for texts in screens:
        joined = "\n".join(texts)
        for name in names:
            assert name not in joined
            assert name.split()[1] not in joined  # not even a surname


def test_full_screen_toggles_with_f11(qtbot, ctx) -> None:
    window = open_presenter(qtbot, ctx)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()
    assert second_screen(ctx) is None  # one screen here: a normal window beside the main one


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_countdown_phases_change_colour_and_words(qtbot) -> None:
    clock = Clock()
    countdown = Countdown(clock)
    label = CountdownLabel(countdown)
    qtbot.addWidget(label)
    label.follow("decide", "en")
    assert label.isHidden()  # nothing until the facilitator starts one
    countdown.start("decide", 10)
    seen = {}
    for elapsed, phase in ((0, "normal"), (7 * 60, "normal"), (8 * 60 + 1, "warning"),
                           (9 * 60 + 35, "urgent"), (600, "over"), (700, "over")):
        clock.now = 1000.0 + elapsed
        countdown._tick()
        assert countdown.phase("decide") == phase
        seen[phase] = (label.text(), label.styleSheet())
    assert seen["normal"][0] == "3:00"  # words only when time runs short
    assert "Nearly time" in seen["warning"][0]
    assert "Last moments" in seen["urgent"][0]
    assert "Time is up" in seen["over"][0] and seen["over"][0].startswith("0:00")
    backgrounds = {phase: style.split(";")[0] for phase, (_text, style) in seen.items()}
    assert len(set(backgrounds.values())) == 4  # each phase looks different, and says so in words
    # The countdown belongs to its step: another step shows none.
    label.follow("score", "en")
    assert label.isHidden()
    countdown.stop("decide")
    assert countdown.phase("decide") is None


def test_countdown_control_starts_what_the_presenter_shows(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 3, "marketing": 3}, language="nl")
    window = open_presenter(qtbot, ctx)
    ctx.bus.step_changed.emit(wid, "score")
    control = CountdownControl(ctx, "score")
    qtbot.addWidget(control)
    control.minutes.setValue(5)
    control.button.click()
    assert window.countdown.isVisibleTo(window)
    assert window.countdown.text() == "5:00"
    assert window.content.done.text() == "6 van 6 klaar"  # the room's language
    control.button.click()
    assert not window.countdown.isVisibleTo(window)
