"""The facilitator's guide panel, the opening slide and the decision's skip-a-stage caution,
with screenshots of each in both languages (docs/screenshots/guide-*.png, refreshed when asked)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.shots import shots_folder, snapshot
from tests.ui.test_steps_decide import revealed, show, texts
from ui.guide_panel import GuidePanel
from ui.opening_slide import OpeningSlide
from ui.steps import STEPS
from ui.steps.decide import DecidePage, DecidePresenter
from workshop import decision
from workshop.guide import FOLLOW_UP_STEP_IDS, STEP_IDS, default_guide
from workshop.report.run_sheet import make_run_sheet
from workshop.workshops import update_workshop


def test_every_step_of_the_window_has_a_guide() -> None:
    # The common steps make the agenda; "Since last time" (only in a follow-up) is guided too.
    assert tuple(spec.key for spec in STEPS if spec.when is None) == STEP_IDS
    assert tuple(s.id for s in default_guide().steps) == STEP_IDS
    assert tuple(spec.key for spec in STEPS if spec.when is not None) == FOLLOW_UP_STEP_IDS
    assert {spec.key for spec in STEPS} == {s.id for s in default_guide().all_steps}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_panel_shows_the_step_in_the_workshop_language_and_folds(ctx, qtbot, lang: str) -> None:
    wid = revealed(ctx, "defined", lang=lang)
    panel = GuidePanel(lang, ctx=ctx, workshop_id=wid)
    qtbot.addWidget(panel)
    panel.resize(300, 720)
    panel.show()
    panel.toggle.setChecked(True)
    for step in STEP_IDS + FOLLOW_UP_STEP_IDS:
        panel.show_step(step)
        assert not panel.isHidden() and panel.title.text()
        guide = default_guide().step(step)
        assert panel.texts["script"].text() == guide.script(lang)
        assert panel.texts["look_for"].text() == guide.look_for(lang)
        assert str(guide.minutes) in panel.time.text()
    panel.show_step("decide")
    snapshot(panel, f"guide-panel-{lang}.png")
    panel.toggle.setChecked(False)
    assert not panel.scroll_area.isVisible() and panel.width() < 60
    panel.toggle.setChecked(True)
    assert panel.scroll_area.isVisible()


def test_the_guide_is_never_on_the_presenter(ctx, qtbot) -> None:
    wid = revealed(ctx, "defined")
    for spec in STEPS:
        room = spec.make_presenter(ctx, wid)
        if room is not None:
            qtbot.addWidget(room)
            assert not room.findChildren(GuidePanel)
            scripts = {default_guide().step(spec.key).script(lang) for lang in ("nl", "en")}
            assert not scripts & set(texts(room))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_opening_slide_has_the_four_stages_and_both_frictions(ctx, qtbot, lang: str) -> None:
    wid = revealed(ctx, "defined", lang=lang)
    slide = OpeningSlide(ctx, wid)
    qtbot.addWidget(slide)
    slide.resize(1224, 640)
    slide.show()
    shown = "\n".join(texts(slide))
    names = {"nl": ["Ongedefinieerd", "Gedefinieerd", "Afgestemd", "Geïntegreerd"],
             "en": ["Undefined", "Defined", "Aligned", "Integrated"]}[lang]
    assert all(name in shown for name in names)
    for friction in default_guide().opening.friction:
        assert friction.title(lang) in shown
    snapshot(slide, f"guide-opening-slide-{lang}.png")


def test_skipping_a_stage_shows_a_caution_on_page_and_presenter(ctx, qtbot) -> None:
    wid = revealed(ctx, "undefined")
    page = show(qtbot, DecidePage(ctx, wid))
    assert not page.skip_caution.isVisible()
    ctx.apply(decision.record_decision(ctx.db, wid, "move", "aligned"))
    qtbot.waitUntil(lambda: page.skip_caution.isVisible())
    assert "skips Defined" in page.skip_caution.text()
    room = show(qtbot, DecidePresenter(ctx, wid))
    assert any("skips Defined" in t for t in texts(room))
    ctx.apply(decision.record_decision(ctx.db, wid, "move", "defined"))
    qtbot.waitUntil(lambda: not page.skip_caution.isVisible())


def test_stay_note_says_when_staying_is_usually_right(ctx, qtbot) -> None:
    wid = revealed(ctx, "aligned")
    page = show(qtbot, DecidePage(ctx, wid))
    assert page.stay_note.isVisible() and "short sales cycle" in page.stay_note.text()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_run_sheet_screenshot(ctx, tmp_path: Path, lang: str) -> None:
    wid = revealed(ctx, "defined", lang=lang)
    update_workshop(ctx.db, wid, start_time="09:30", place="De Horst, Driebergen", facilitator="M. Jansen")
    pdf = make_run_sheet(ctx.db, wid, tmp_path / "run.pdf")
    shots = shots_folder(tmp_path)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(shots / f"guide-run-sheet-{lang}")],
                   check=True)
    assert (shots / f"guide-run-sheet-{lang}.png").stat().st_size > 10_000


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_panel_beside_the_page_in_the_main_window(ctx, qtbot, lang: str) -> None:
    from ui.language import apply_language

    wid = revealed(ctx, "defined", lang=lang)
    apply_language(ctx, lang)  # the whole window in one language for the screenshot
    try:
        _window_shot(ctx, qtbot, wid, lang)
    finally:
        apply_language(ctx, "en")


def _window_shot(ctx, qtbot, wid: int, lang: str) -> None:  # noqa: ANN001
    from ui.main_window import MainWindow

    window = MainWindow(ctx, restore=False)
    qtbot.addWidget(window)
    window.resize(1440, 860)
    window.show()
    assert window.open_workshop(wid, "decide")
    guide = window.workshop_view.guide
    guide.toggle.setChecked(True)
    qtbot.waitUntil(lambda: guide.scroll_area.isVisible() and guide.geometry().right() <= window.width())
    assert guide.title.text() == {"nl": "Besluiten", "en": "Decide"}[lang]
    assert window.workshop_view.stack.currentWidget().isAncestorOf(guide) is False
    snapshot(window, f"guide-panel-window-{lang}.png")
    guide.toggle.setChecked(False)
    qtbot.wait(50)  # let pending chart redraws finish before the window goes
    window.close()


def test_f1_opens_and_folds_the_guide_and_menu_and_tooltip_say_so(ctx, qtbot) -> None:
    from ui.actions import ActionId
    from ui.main_window import MainWindow

    wid = revealed(ctx, "defined")
    window = MainWindow(ctx, restore=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = window.actions[ActionId.GUIDE]
    assert not action.isEnabled()  # no workshop open: no guide to show
    window.open_workshop(wid, "decide")
    panel = window.workshop_view.guide
    assert action.isEnabled() and action.shortcut().toString() == "F1"
    assert "F1" in panel.toggle.toolTip() and "F1" in action.toolTip()
    menus = [m.title().replace("&", "") for m in window.menuBar().findChildren(QMenu) if action in m.actions()]
    assert menus == ["View"]
    assert not panel.scroll_area.isVisible()  # folded until first opened
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workshop_view.step_list.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    qtbot.waitUntil(panel.scroll_area.isVisible)
    assert action.isChecked() and panel.toggle.isChecked()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: not panel.scroll_area.isVisible())
    assert not action.isChecked()
    panel.toggle.click()  # the mouse: the menu's check mark follows
    assert panel.scroll_area.isVisible() and action.isChecked()
