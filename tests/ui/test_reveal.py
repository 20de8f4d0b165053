"""Reveal: nothing shows before the facilitator reveals; then a live dashboard that keeps
small groups private."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.text import Text
from PySide6.QtWidgets import QLabel

from tests.ui.helpers_results import QIDS, scored_workshop
from ui.steps.reveal import RevealPage, RevealPresenter
from workshop.charts.style import MARKETING
from workshop.participants import add_participant, set_answer
from workshop.workshops import get_workshop


def labels(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def figure_texts(widget) -> list[str]:
    out = []
    for canvas in widget.findChildren(FigureCanvasQTAgg):
        out += [t.get_text() for t in canvas.figure.findobj(Text) if t.get_text()]
    return out


def make_page(qtbot, ctx, wid):
    page = RevealPage(ctx, wid)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_nothing_shows_before_the_reveal(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4})
    page = make_page(qtbot, ctx, wid)
    room = RevealPresenter(ctx, wid)
    qtbot.addWidget(room)
    for widget in (page, room):
        assert not widget.findChildren(FigureCanvasQTAgg)
        assert getattr(widget, "slide", None) is None and widget.dashboard is None
        text = labels(widget)
        assert "Group score" not in text and "Sales" not in text
    assert "8 of 8" in page.gate_progress.text()
    assert "8 of 8 done" in room.waiting.text()

    page.reveal_button.click()
    assert get_workshop(db, wid).revealed
    for widget in (page, room):
        expected = 4 if widget is page else 1  # the room sees the stage and the widest gap as a question
        assert len(widget.findChildren(FigureCanvasQTAgg)) == expected
        shown = widget.dashboard if widget is page else widget.slide
        assert "Group score" in shown.headline.text()
    assert not page.gate.isVisible()

    ctx.undo.undo()  # hiding again is one Ctrl+Z away
    assert not get_workshop(db, wid).revealed
    assert page.dashboard is None and room.slide is None
    assert page.gate.isVisible()


def test_dashboard_follows_new_answers(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4})
    page = make_page(qtbot, ctx, wid)
    page.set_revealed(True)
    before = page.dashboard.results.results.complete
    headline = page.dashboard.headline.text()
    person, changes = add_participant(db, wid, "Late Arrival", "sales")
    ctx.apply(changes)
    for qid in QIDS:
        ctx.apply(set_answer(db, person.id, qid, 5, "kiosk"))
    qtbot.waitUntil(lambda: page.dashboard.results.results.complete == before + 1, timeout=3000)
    assert page.dashboard.headline.text() != headline
    gauge = page.dashboard.charts["gauge"].chart
    mean = page.dashboard.results.results.total.mean
    assert gauge.pointers["group"][4].get_text() == f"Group {mean:.1f}"
    assert f"Group {mean:.1f}" in figure_texts(page)
    assert "9 of 9" in page.status.text()


def test_a_marketing_group_of_two_never_appears(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 5, "marketing": 2, "leadership": 3})
    page = make_page(qtbot, ctx, wid)
    page.set_revealed(True)
    room = RevealPresenter(ctx, wid)
    qtbot.addWidget(room)
    for view in ("overview", "gauge", "gaps", "distribution", "themes", "prompts"):
        ctx.reveal_focus.set(wid, view)
        for widget in (page, room):
            for canvas in widget.findChildren(FigureCanvasQTAgg):
                for ax in canvas.figure.axes:
                    assert not [line for line in ax.lines
                                if line.get_marker() == MARKETING.marker and len(line.get_xdata())]
            # Named only in the line that says why it is hidden.
            texts = [t for t in figure_texts(widget) + labels(widget).splitlines() if " hidden" not in t]
            assert not any(t == "Marketing" or t.startswith(("Marketing ", "Marketing\n")) for t in texts)
            assert "Marketing " not in " ".join(t for t in labels(widget).splitlines() if "why do we" in t)
    assert "Shown once Sales and Marketing" in labels(page.dashboard.prompts)
    ctx.reveal_focus.set(wid, "overview")


def test_prompts_name_the_largest_gaps_and_lowest_statements(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4})
    page = make_page(qtbot, ctx, wid)
    page.set_revealed(True)
    results = page.dashboard.results
    text = labels(page.dashboard.prompts)
    for s in results.largest_gaps + results.lowest:
        assert s.id in text
    assert text.count("why do we see this differently?") == 3
    assert text.count("what would it take to score higher?") == 3


def test_dutch_workshop_shows_dutch_results(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4}, language="nl")
    page = make_page(qtbot, ctx, wid)
    page.set_revealed(True)
    assert page.dashboard.headline.text().startswith("Groepsscore ")
    assert "Ongedefinieerd" in figure_texts(page)
    assert "Waar de hele groep het laagst scoort" in labels(page.dashboard.prompts)


def test_the_facilitator_and_the_room_are_told_what_is_hidden_and_why(qtbot, ctx, db) -> None:
    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4, "leadership": 2})
    page = make_page(qtbot, ctx, wid)
    page.reveal_button.click()
    note = page.dashboard.privacy_note
    assert note.isVisible()
    assert note.text().splitlines() == [
        "Leadership hidden: fewer than 3 people.",
        "Marketing hidden too: otherwise the 2 people outside the groups shown could be worked out from the "
        "whole group's figure."]
    room = RevealPresenter(ctx, wid)
    qtbot.addWidget(room)
    assert "Leadership hidden: fewer than 3 people." in labels(room)  # the same rule, the same words

    fine, _names = scored_workshop(db, {"sales": 4, "marketing": 4, "leadership": 3})
    other = make_page(qtbot, ctx, fine)
    other.reveal_button.click()
    assert not other.dashboard.privacy_note.isVisible()


def test_the_privacy_check_shows_before_the_reveal_button_with_prepares_advice(qtbot, ctx, db) -> None:
    from ui.steps.prepare import PreparePage

    wid, _names = scored_workshop(db, {"sales": 4, "marketing": 4, "leadership": 2})
    page = make_page(qtbot, ctx, wid)
    check = page.gate_privacy
    assert check.isVisible() and "shown: 2" in check.text()
    layout = page.gate.layout()
    assert layout.indexOf(check) < layout.indexOf(page.reveal_button)  # read before the button
    prepare = PreparePage(ctx, wid)
    qtbot.addWidget(prepare)
    assert prepare.warning.text() == check.text()  # one advice, not "raise" here and "lower" there
    assert "raise" not in check.text() and "lower" not in check.text()

    fine, _names = scored_workshop(db, {"sales": 4, "marketing": 4, "leadership": 3})
    assert not make_page(qtbot, ctx, fine).gate_privacy.isVisible()
