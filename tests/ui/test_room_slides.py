"""The room's paged slides (Decide, Plan, Funnel, Commit, the follow-up, Since last time):
type that scales with the window, a few items a page, paging with a presenter remote's keys."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.test_presenter import every_text, open_presenter
from ui.room_slide import paginate
from ui.steps import commit
from workshop import follow_up
from workshop.demo import create_demo
from workshop.workshops import set_revealed

DEMO_DAY = dt.date(2026, 3, 12)


@pytest.fixture
def room(qtbot, ctx):
    """The demo (a follow-up workshop, results revealed) on a 1280×720 presenter window."""
    workshop_id = create_demo(ctx.db, "en", today=DEMO_DAY)
    set_revealed(ctx.db, workshop_id, True)
    ctx.today = DEMO_DAY + dt.timedelta(days=45)
    window = open_presenter(qtbot, ctx)
    window.resize(1280, 720)
    return window, workshop_id


def shown(window, name: str = "") -> list[str]:
    QApplication.processEvents()  # a page's new labels show at the next turn of the loop
    return [w.text() for w in window.content.findChildren(QLabel, name) if w.isVisibleTo(window)]


def slide(window):
    content = window.content
    return content.slide if isinstance(content, commit.CommitPresenter) else content


@pytest.mark.parametrize("step", ["plan", "commit", "funnel"])
def test_a_long_list_pages_with_the_remote_and_the_arrow_keys(qtbot, ctx, room, step: str) -> None:
    window, workshop_id = room
    ctx.bus.step_changed.emit(workshop_id, step)
    qtbot.wait(10)
    assert slide(window).pages > 1
    first = shown(window)
    assert shown(window, "slidePage") == [f"1 of {slide(window).pages}"]
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # what a presenter remote sends
    second = shown(window)
    assert shown(window, "slidePage") == [f"2 of {slide(window).pages}"]
    assert set(second) - set(first), "the next page shows other items"
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert shown(window) == first
    qtbot.keyClick(window, Qt.Key.Key_PageUp)  # already on the first page: stays
    assert slide(window).page == 0


def test_every_item_is_on_some_page_once(qtbot, ctx, room) -> None:
    window, workshop_id = room
    ctx.bus.step_changed.emit(workshop_id, "commit")
    qtbot.wait(10)
    rows = slide(window).rows
    seen = []
    while True:
        seen += [t for t in shown(window) if t in {c.what for c in rows}]
        if not window.content.turn(1):
            break
    assert sorted(seen) == sorted(c.what for c in rows)


@pytest.mark.parametrize(("size", "expected"), [((1280, 720), 28), ((1920, 1080), 42), ((1024, 700), 22)])
def test_statement_type_is_28_px_on_a_1280x720_projector_and_scales(qtbot, ctx, room, size, expected) -> None:
    window, workshop_id = room
    window.resize(*size)
    ctx.bus.step_changed.emit(workshop_id, "decide")
    qtbot.wait(10)
    conditions = [w for w in window.content.findChildren(QLabel) if w.objectName() in ("ticked", "unticked")]
    assert conditions and {w.font().pixelSize() for w in conditions} == {expected}
    ctx.bus.step_changed.emit(workshop_id, "commit")
    qtbot.wait(10)
    what = next(w for w in window.content.findChildren(QLabel) if w.text() == slide(window).rows[0].what)
    assert what.font().pixelSize() == expected


def test_the_trend_chart_labels_are_room_size(qtbot, ctx, room) -> None:
    window, workshop_id = room
    commit.focus_for(ctx).set(workshop_id, "follow_up")
    ctx.bus.step_changed.emit(workshop_id, "commit")
    qtbot.wait(20)
    from ui.figure_view import FigureView

    figure = slide(window).findChild(FigureView).canvas.figure
    ax = figure.axes[0]
    smallest = min(t.get_fontsize() for t in [*ax.get_xticklabels(), *ax.get_yticklabels()])
    assert smallest * figure.dpi / 72 >= 19.5  # points at the canvas's resolution, in px


def test_since_last_time_shows_the_previous_commitments_but_no_review_notes(qtbot, ctx, room) -> None:
    window, workshop_id = room
    ctx.bus.step_changed.emit(workshop_id, "since")
    qtbot.wait(10)
    review = follow_up.review_previous(ctx.db, workshop_id, ctx.today)
    assert window.step_label.text() == "Since last time"
    texts = every_text(window)
    assert "What became of our commitments?" in texts
    for item in review.items:
        assert item.commitment.what in texts and any(item.commitment.owner in t for t in texts)
        assert item.commitment.review_note not in texts  # the facilitator's notes stay on the laptop
    assert [t for t in texts if t.startswith(("✔", "⚠", "○", "✖"))] == ["✔ Done", "⚠ Late", "✖ Dropped"]
    _copies, changes = follow_up.carry_forward(ctx.db, workshop_id, [review.items[1].commitment.id])
    ctx.apply(changes)
    qtbot.waitUntil(lambda: "Continues in this workshop" in every_text(window))


def test_pages_hold_what_fits_spread_evenly() -> None:
    assert paginate([100] * 5, 350, 10, 9) == [[0, 1, 2], [3, 4]]
    assert paginate([100] * 8, 1000, 10, 5) == [[0, 1, 2, 3], [4, 5, 6, 7]]  # 4 + 4, not 5 + 3
    assert paginate([100, 500, 100], 300, 10, 5) == [[0], [1], [2]]  # too tall: a page to itself
    assert paginate([], 300, 10, 5) == [[]]


def test_the_remote_pages_the_presenter_from_the_facilitators_window(qtbot, ctx) -> None:
    """A presenter remote's keys reach the facilitator's window (the projector's is not active)."""
    from ui.actions import ActionId
    from ui.main_window import MainWindow

    workshop_id = create_demo(ctx.db, "en", today=DEMO_DAY)
    set_revealed(ctx.db, workshop_id, True)
    main = MainWindow(ctx, restore=False)
    qtbot.addWidget(main)
    main.show()
    main.open_workshop(workshop_id, "plan")
    view = main.workshop_view
    assert not view.slide_note.isVisibleTo(main)  # no presenter yet: PgDown stays the page's own
    main.actions[ActionId.PRESENTER].trigger()
    presenter = main.presenter  # closed below; it deletes itself
    presenter.resize(1280, 720)
    qtbot.wait(10)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    view.step_list.setFocus()
    assert presenter.content.pages > 1
    assert view.slide_note.text() == f"Presenter slide 1 of {presenter.content.pages}\n(PgUp/PgDn)"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: presenter.content.page == 1)
    assert view.slide_note.text().startswith("Presenter slide 2 of")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: presenter.content.page == 0)
    view.show_step("reveal")  # the Reveal page turns its own slides
    qtbot.waitUntil(lambda: not view.slide_note.isVisibleTo(main))
    assert not any(key.isEnabled() for key in view.slide_keys)
    presenter.close()
    view.show_step("plan")
    assert not view.slide_note.isVisibleTo(main)
