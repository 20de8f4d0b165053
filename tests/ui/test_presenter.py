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


# --- the results as slides for the room ------------------------------------------------


def _slide_window(qtbot, ctx, db, size=(1280, 720)):
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4, "leadership": 3})
    set_revealed(db, wid, True)
    window = open_presenter(qtbot, ctx)
    window.resize(*size)
    ctx.bus.step_changed.emit(wid, "reveal")
    qtbot.wait(20)
    return wid, window


def _chart_text_px(window: QWidget) -> list[tuple[float, str]]:
    sizes = []
    for canvas in window.findChildren(FigureCanvasQTAgg):
        if not canvas.isVisible():
            continue
        dpi = canvas.figure.dpi
        sizes += [(t.get_fontsize() * dpi / 72, t.get_text()) for t in canvas.figure.findobj(Text)
                  if t.get_text().strip() and t.get_visible()]
    return sizes


def test_every_view_is_readable_from_the_back_of_the_room(qtbot, ctx, db) -> None:
    """At 1280×720: chart text at least 20 px, statement text at least 28 px."""
    wid, window = _slide_window(qtbot, ctx, db)
    for view in ("overview", "gauge", "gaps", "distribution", "themes", "prompts"):
        ctx.reveal_focus.set(wid, view)
        qtbot.wait(10)
        charts = _chart_text_px(window)
        assert charts or view == "prompts", view
        small = [(round(px, 1), text) for px, text in charts if px < 20]
        assert not small, (view, small)
        statements = [label for label in window.content.findChildren(QLabel)
                      if label.isVisible() and label.text()[:1] == "q" and label.text()[1:3].isdigit()]
        assert statements or view not in ("prompts", "overview"), view
        for label in statements:
            assert label.font().pixelSize() >= 28, (view, label.text(), label.font().pixelSize())


def test_type_scales_with_the_window(qtbot, ctx, db) -> None:
    wid, window = _slide_window(qtbot, ctx, db, (1920, 1080))
    ctx.reveal_focus.set(wid, "prompts")
    qtbot.wait(10)
    label = next(w for w in window.content.findChildren(QLabel) if w.text().startswith("q"))
    assert label.font().pixelSize() >= 40


def test_the_statements_come_a_few_at_a_time_and_page_with_the_remote(qtbot, ctx, db) -> None:
    wid, window = _slide_window(qtbot, ctx, db)
    ctx.reveal_focus.set(wid, "gaps")
    qtbot.wait(10)
    shown = lambda: sorted(t.get_text().split()[0] for t in window.content.slide.charts["gaps"].chart.labels.values()  # noqa: E731
                           if t.get_visible())
    first = shown()
    assert len(first) == 4
    assert window.content.slide.page_label.text() == "1 of 5"
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # what a presenter remote sends
    qtbot.wait(10)
    second = shown()
    assert len(second) == 4 and not set(first) & set(second)
    assert window.content.slide.page_label.text() == "2 of 5"
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.wait(10)
    assert shown() == first
    qtbot.keyClick(window, Qt.Key.Key_PageUp)  # already on the first page: stays
    assert ctx.reveal_focus.page(wid) == 0


def test_no_method_disclaimer_on_the_projector(qtbot, ctx, db) -> None:
    from workshop.instrument import default_instrument

    wid, window = _slide_window(qtbot, ctx, db)
    ctx.reveal_focus.set(wid, "themes")
    qtbot.wait(10)
    note = default_instrument().themes_note("en")
    assert note and not any(note[:30] in text for text in every_text(window))


def test_a_dutch_workshop_is_all_dutch_on_the_projector(qtbot, ctx, db) -> None:
    from workshop.workshops import update_workshop

    wid, window = _slide_window(qtbot, ctx, db)
    update_workshop(db, wid, language="nl")
    ctx.bus.step_changed.emit(0, "")
    ctx.bus.step_changed.emit(wid, "reveal")
    for view in ("overview", "gaps", "themes", "prompts"):
        ctx.reveal_focus.set(wid, view)
        qtbot.wait(10)
        texts = every_text(window)
        for english in ("Group score", "why do we see", "Group mean", "Theme profile", "Statements by gap"):
            assert not [t for t in texts if english in t], (view, english)
    assert window.windowTitle() == "Presentatiescherm"
    ctx.reveal_focus.set(wid, "gaps")
    assert window.content.slide.page_label.text() == "1 van 5"
