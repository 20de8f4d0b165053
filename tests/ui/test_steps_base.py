"""The one refresh policy of every view of workshop data (ui.steps.base)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStackedWidget

from ui.steps.base import StepPage
from workshop.changes import Changes
from workshop.workshops import create_workshop, delete_workshop


class Counting(StepPage):
    follows = ("answers",)

    def __init__(self, ctx, workshop_id) -> None:  # noqa: ANN001
        super().__init__(ctx, workshop_id)
        self.seen: list[Changes | None] = []

    def refresh(self) -> None:
        self.seen.append(self.changes)


@pytest.fixture
def wid(ctx) -> int:
    return create_workshop(ctx.db, "Acme", "Offsite", "2026-03-01", language="en").id


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_an_edit_shows_at_once_and_only_what_the_page_follows(qtbot, ctx, wid) -> None:
    page = shown(qtbot, Counting(ctx, wid))
    ctx.apply(Changes(workshop_id=wid, answers=True))
    assert len(page.seen) == 1  # no turn of the event loop needed
    ctx.apply(Changes(workshop_id=wid, commitments=True))  # not followed
    ctx.apply(Changes(workshop_id=wid + 1, answers=True))  # another workshop
    qtbot.wait(60)
    assert len(page.seen) == 1


def test_answers_streaming_in_are_shown_once_per_burst(qtbot, ctx, wid) -> None:
    page = shown(qtbot, Counting(ctx, wid))
    for _ in range(5):
        ctx.stream(Changes(workshop_id=wid, answers=True))
    assert page.seen == []
    qtbot.waitUntil(lambda: len(page.seen) == 1)
    qtbot.wait(60)
    assert len(page.seen) == 1 and page.seen[0].answers


def test_a_page_out_of_sight_catches_up_once_when_shown(qtbot, ctx, wid) -> None:
    stack = shown(qtbot, QStackedWidget())
    page, other = Counting(ctx, wid), Counting(ctx, wid)
    stack.addWidget(page)
    stack.addWidget(other)
    stack.setCurrentWidget(other)  # page goes out of sight
    for _ in range(3):
        ctx.apply(Changes(workshop_id=wid, answers=True))
    assert page.seen == [] and len(other.seen) == 3
    stack.setCurrentWidget(page)
    assert len(page.seen) == 1


def test_the_page_that_made_an_edit_is_told_so(qtbot, ctx, wid) -> None:
    page = shown(qtbot, Counting(ctx, wid))
    made: list[bool] = []
    page.refresh = lambda: made.append(page.made_here())  # type: ignore[method-assign]
    ctx.apply(Changes(workshop_id=wid, answers=True).by(page))
    ctx.apply(Changes(workshop_id=wid, answers=True))  # an undo, or someone else
    assert made == [True, False]
    mixed = Changes(workshop_id=wid, answers=True).by(page) | Changes(workshop_id=wid, participants=True)
    assert mixed.initiator is None and mixed.answers and mixed.participants


def test_a_deleted_workshop_stops_the_refresh_quietly(qtbot, ctx, wid) -> None:
    page = shown(qtbot, Counting(ctx, wid))
    ctx.apply(delete_workshop(ctx.db, wid))
    assert page.seen == []  # NotFoundError caught by the follower; the main window closes the page


def test_other_errors_are_not_swallowed(qtbot, ctx, wid) -> None:
    page = shown(qtbot, Counting(ctx, wid))

    def broken() -> None:
        raise ValueError("a bug")

    page.refresh = broken  # type: ignore[method-assign]
    with pytest.raises(ValueError):
        page.follower._on_changed(Changes(workshop_id=wid, answers=True))
        page.follower.catch_up()


def test_after_a_slow_refresh_streamed_answers_leave_the_window_free_for_a_while(qtbot, ctx, wid) -> None:
    page = shown(qtbot, Counting(ctx, wid))
    now = [50.0]
    page.follower.clock = lambda: now[0]
    real_refresh = page.refresh

    def slow() -> None:  # a big room's dashboard: 150 ms to draw
        now[0] += 0.150
        real_refresh()

    page.refresh = slow
    ctx.stream(Changes(workshop_id=wid, answers=True))
    qtbot.waitUntil(lambda: len(page.seen) == 1)
    ctx.stream(Changes(workshop_id=wid, answers=True))
    assert page.follower._timer.interval() == 300  # twice the refresh: the facilitator keeps two thirds
    now[0] += 0.300
    ctx.stream(Changes(workshop_id=wid, answers=True))
    assert page.follower._timer.interval() == 40  # rested: back to gathering a burst
    ctx.apply(Changes(workshop_id=wid, answers=True))
    assert len(page.seen) == 2  # an edit still shows at once
