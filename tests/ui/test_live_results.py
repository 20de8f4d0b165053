"""Results on screen while phones answer: scored once per burst, off the GUI thread, shared by the
facilitator's window and the projector; an edit still shows at once."""

from __future__ import annotations

import threading

import pytest
import shiboken6

import ui.live_results
from tests.ui.helpers_results import QIDS, scored_workshop
from ui.live_results import live_results
from ui.steps.reveal import RevealPage, RevealPresenter
from workshop.participants import add_participant, set_answers
from workshop.workshops import set_revealed


@pytest.fixture
def threads(monkeypatch) -> list[str]:
    """The name of the thread each computation of results ran on."""
    seen: list[str] = []
    real = ui.live_results.compute

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.live_results, "compute", counted)
    return seen


def revealed(qtbot, ctx, db):
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4})
    set_revealed(db, wid, True)
    page, room = RevealPage(ctx, wid), RevealPresenter(ctx, wid)
    for widget in (page, room):
        qtbot.addWidget(widget)
        widget.resize(1280, 720)
        widget.show()
        qtbot.waitExposed(widget)
    return wid, page, room


def complete(view) -> int:
    """How many complete answer sets the results a view shows are made of."""
    return view.results.results.complete


def answer(ctx, db, wid, n: int) -> None:
    """``n`` people answer everything on their phones (the changes arrive as the phone server streams them)."""
    for i in range(n):
        person, _ = add_participant(db, wid, f"Phone {i}", "sales")
        ctx.stream(set_answers(db, person.id, {q: 5 for q in QIDS}, "phone", wid))


def test_streamed_answers_are_scored_once_off_the_gui_thread_for_every_view(qtbot, ctx, db, threads) -> None:
    wid, page, room = revealed(qtbot, ctx, db)
    threads.clear()
    answer(ctx, db, wid, 3)
    qtbot.waitUntil(lambda: complete(page.dashboard) == complete(room.slide) == 11, timeout=5000)
    main = threading.main_thread().name
    assert threads and main not in threads  # the window never stopped to score
    assert len(threads) == 1  # the facilitator's dashboard and the room's slide share it


def test_an_edit_is_scored_at_once(qtbot, ctx, db, threads) -> None:
    wid, page, _room = revealed(qtbot, ctx, db)
    person, _ = add_participant(db, wid, "Late Paper", "marketing")
    threads.clear()
    ctx.apply(set_answers(db, person.id, {q: 1 for q in QIDS}, "paper", wid))
    assert complete(page.dashboard) == 9  # no turn of the event loop needed
    assert threads == [threading.main_thread().name]


def test_a_view_closed_while_waiting_is_left_alone(qtbot, ctx, db, monkeypatch) -> None:
    wid, page, _room = revealed(qtbot, ctx, db)
    extra = RevealPresenter(ctx, wid)  # a second projector view, closed while the scoring runs
    extra.show()
    gate = threading.Event()
    real = ui.live_results.compute

    def held(*args, **kwargs):  # noqa: ANN002, ANN003
        if threading.current_thread() is not threading.main_thread():
            gate.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.live_results, "compute", held)
    feed = live_results(ctx)
    runs = feed.background_runs
    answer(ctx, db, wid, 1)
    qtbot.waitUntil(lambda: feed.background_runs > runs, timeout=5000)
    shiboken6.delete(extra)
    gate.set()
    qtbot.waitUntil(lambda: complete(page.dashboard) == 9, timeout=5000)
