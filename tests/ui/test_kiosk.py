"""The kiosk, driven with the keyboard only, as the laptop goes round the room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.kiosk import KioskWindow
from workshop.participants import add_participant, list_participants, set_answer
from workshop.workshops import create_workshop


@pytest.fixture
def workshop(db):
    info = create_workshop(db, "Acme", "Offsite", "2025-03-01", language="en")
    for name, function in (("Anna de Vries", "sales"), ("Bram Jansen", "marketing"), ("Carla Smit", "sales")):
        add_participant(db, info.id, name, function)
    return info.id


def keys(qtbot, widget, text: str) -> None:
    for char in text:
        qtbot.keyClick(QApplication.focusWidget() or widget, char)


def press(qtbot, widget, key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget() or widget, key)


def open_kiosk(qtbot, ctx, workshop) -> KioskWindow:
    kiosk = KioskWindow(ctx, workshop)
    qtbot.addWidget(kiosk)
    kiosk.show()
    kiosk.activateWindow()
    qtbot.waitExposed(kiosk)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is kiosk.search)
    return kiosk


def test_two_participants_score_with_the_keyboard_only(qtbot, ctx, db, workshop) -> None:
    published = []
    ctx.bus.changed.connect(published.append)
    kiosk = open_kiosk(qtbot, ctx, workshop)
    assert kiosk.stack.currentIndex() == kiosk.PICK
    assert [kiosk.names.item(i).text() for i in range(kiosk.names.count())] == [
        "Anna de Vries", "Bram Jansen", "Carla Smit"]

    # Anna types part of her name, Enter, then answers 20 statements with the digit keys.
    keys(qtbot, kiosk, "anna")
    assert kiosk.names.count() == 1
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert kiosk.stack.currentIndex() == kiosk.QUESTION
    answers = [((i * 3) % 5) + 1 for i in range(20)]
    for value in answers[:3]:
        keys(qtbot, kiosk, str(value))
    # Every answer is stored the moment it is given.
    anna = next(p for p in list_participants(db, workshop) if p.name == "Anna de Vries")
    assert anna.answers == {"q01": answers[0], "q02": answers[1], "q03": answers[2]}
    # Back with Backspace, change the answer with the arrow keys, on with Enter.
    press(qtbot, kiosk, Qt.Key.Key_Backspace)
    assert kiosk.index == 2
    press(qtbot, kiosk, Qt.Key.Key_Up)
    assert kiosk.answers["q03"] == min(5, answers[2] + 1)
    press(qtbot, kiosk, Qt.Key.Key_Down)
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert kiosk.index == 3
    for value in answers[3:]:
        keys(qtbot, kiosk, str(value))
    assert kiosk.stack.currentIndex() == kiosk.REVIEW
    shown = [kiosk.review.item(i).text() for i in range(kiosk.review.count())]
    assert len(shown) == 20 and "not answered" not in " ".join(shown)
    press(qtbot, kiosk, Qt.Key.Key_Return)  # Submit has the focus
    assert kiosk.stack.currentIndex() == kiosk.THANKS
    press(qtbot, kiosk, Qt.Key.Key_Space)  # any key clears for the next person
    assert kiosk.stack.currentIndex() == kiosk.PICK
    assert kiosk.answers == {} and kiosk.participant_id is None
    assert "Anna de Vries" not in [kiosk.names.item(i).text() for i in range(kiosk.names.count())]

    # The next person answers anonymously as Marketing: Tab to the button, Space, key 2.
    press(qtbot, kiosk, Qt.Key.Key_Tab, 2)
    assert QApplication.focusWidget() is kiosk.anonymous_button
    press(qtbot, kiosk, Qt.Key.Key_Space)
    assert kiosk.stack.currentIndex() == kiosk.FUNCTION
    keys(qtbot, kiosk, "2")
    for _ in range(20):
        keys(qtbot, kiosk, "4")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert kiosk.stack.currentIndex() == kiosk.THANKS

    people = list_participants(db, workshop)
    anna = next(p for p in people if p.name == "Anna de Vries")
    assert anna.answers == {f"q{i + 1:02d}": v for i, v in enumerate(answers)}
    anonymous = [p for p in people if p.name is None]
    assert len(anonymous) == 1 and anonymous[0].function == "marketing"
    assert set(anonymous[0].answers.values()) == {4} and len(anonymous[0].answers) == 20
    assert sum(1 for c in published if c.answers) >= 40


def test_resumes_where_a_participant_stopped(qtbot, ctx, db, workshop) -> None:
    bram = next(p for p in list_participants(db, workshop) if p.name == "Bram Jansen")
    for i in range(1, 6):
        set_answer(db, bram.id, f"q{i:02d}", 3, "paper")
    kiosk = open_kiosk(qtbot, ctx, workshop)
    keys(qtbot, kiosk, "bram")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert kiosk.index == 5
    assert "6 of 20" in kiosk.position.text()


def test_review_sends_back_to_unanswered_statements(qtbot, ctx, db, workshop) -> None:
    kiosk = open_kiosk(qtbot, ctx, workshop)
    keys(qtbot, kiosk, "carla")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    keys(qtbot, kiosk, "3")
    kiosk.go_to(19)
    keys(qtbot, kiosk, "5")
    assert kiosk.stack.currentIndex() == kiosk.REVIEW
    assert "18" in kiosk.review_note.text()
    press(qtbot, kiosk, Qt.Key.Key_Return)  # Submit: not yet, back to the first open statement
    assert kiosk.stack.currentIndex() == kiosk.QUESTION and kiosk.index == 1
    keys(qtbot, kiosk, "2")
    assert kiosk.stack.currentIndex() == kiosk.REVIEW  # an edit from the review returns there


def test_leaving_needs_the_facilitators_word(qtbot, ctx, workshop) -> None:
    kiosk = open_kiosk(qtbot, ctx, workshop)
    kiosk.close()  # a stray Alt+F4 or close button
    assert kiosk.isVisible() and kiosk.stack.currentIndex() == kiosk.LEAVE
    press(qtbot, kiosk, Qt.Key.Key_Escape)  # back to the form
    assert kiosk.stack.currentIndex() == kiosk.PICK
    press(qtbot, kiosk, Qt.Key.Key_Escape)
    assert kiosk.stack.currentIndex() == kiosk.LEAVE
    keys(qtbot, kiosk, "ok")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert kiosk.isVisible()
    assert "not the word" in kiosk.leave_note.text()
    kiosk.leave_edit.clear()
    keys(qtbot, kiosk, "leave")
    with qtbot.waitSignal(kiosk.destroyed, timeout=2000):
        press(qtbot, kiosk, Qt.Key.Key_Return)


def test_dutch_workshop_kiosk_speaks_dutch(qtbot, ctx, db) -> None:
    info = create_workshop(db, "Acme", "Sessie", "2025-03-01", language="nl")
    add_participant(db, info.id, "Daan", "sales")
    kiosk = open_kiosk(qtbot, ctx, info.id)
    keys(qtbot, kiosk, "daan")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    names = [b.accessibleName() for b in kiosk.choices.buttons()]
    assert names[0] == "1: Helemaal oneens" and names[4] == "5: Helemaal eens"
    assert "Stelling 1 van 20" == kiosk.position.text()
