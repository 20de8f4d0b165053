"""Paper entry: typing forms into the grid with the keyboard, undo, and the CSV import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.workshop.helpers import header, row, write_csv
from ui.paper_grid import FIRST_Q, PaperEntryWindow
from workshop.participants import add_participant, list_participants
from workshop.workshops import create_workshop


@pytest.fixture
def workshop(db):
    info = create_workshop(db, "Acme", "Offsite", "2025-03-01", language="en")
    for name, function in (("Anna", "sales"), ("Bram", "marketing")):
        add_participant(db, info.id, name, function)
    return info.id


@pytest.fixture
def grid(qtbot, ctx, workshop):
    window = PaperEntryWindow(ctx, workshop)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.grid.view.setFocus()
    window.grid.keep_window = window  # the window has no parent: keep it alive with the grid
    return window.grid


def cell(grid) -> tuple[int, int]:
    index = grid.view.currentIndex()
    return index.row(), index.column()


def shown(grid, row_: int, column: int) -> str:
    return grid.model.data(grid.model.index(row_, column))


def test_typing_a_paper_form_stores_each_digit_and_moves_on(qtbot, grid, db, workshop) -> None:
    assert cell(grid) == (0, FIRST_Q)
    form = "34251" * 4
    qtbot.keyClicks(grid.view, form)
    anna = next(p for p in list_participants(db, workshop) if p.name == "Anna")
    assert anna.answers == {f"q{i + 1:02d}": int(d) for i, d in enumerate(form)}
    assert cell(grid) == (1, FIRST_Q)  # on to the next participant's first statement
    total = grid.model.total_column
    assert shown(grid, 0, total) == str(sum(int(d) for d in form))
    assert shown(grid, 0, total + 1) == "✓ 20/20"
    assert shown(grid, 1, total) == "–"


def test_only_digits_one_to_five_are_stored(qtbot, grid, db, workshop) -> None:
    for key in "7x0":
        qtbot.keyClicks(grid.view, key)
        assert f"{key} was not stored" in grid.message.text()
    assert cell(grid) == (0, FIRST_Q)
    assert all(not p.answers for p in list_participants(db, workshop))
    qtbot.keyClicks(grid.view, "45")
    assert shown(grid, 0, FIRST_Q) == "4" and shown(grid, 0, FIRST_Q + 1) == "5"
    assert shown(grid, 0, grid.model.total_column + 1) == "2/20"


def test_backspace_and_delete_clear_and_undo_restores(qtbot, grid, ctx, db, workshop) -> None:
    qtbot.keyClicks(grid.view, "123")
    qtbot.keyClick(grid.view, Qt.Key.Key_Backspace)  # the cursor is on an empty cell: clear the one before
    assert cell(grid) == (0, FIRST_Q + 2)
    assert shown(grid, 0, FIRST_Q + 2) == ""
    ctx.undo.undo()
    assert shown(grid, 0, FIRST_Q + 2) == "3"
    ctx.undo.undo()
    ctx.undo.undo()
    anna = next(p for p in list_participants(db, workshop) if p.name == "Anna")
    assert anna.answers == {"q01": 1}
    ctx.undo.redo()
    assert shown(grid, 0, FIRST_Q + 1) == "2"
    grid.view.setCurrentIndex(grid.model.index(0, FIRST_Q))
    qtbot.keyClick(grid.view, Qt.Key.Key_Delete)
    assert shown(grid, 0, FIRST_Q) == ""


def test_keyboard_undo_in_the_window(qtbot, grid, db, workshop) -> None:
    qtbot.keyClicks(grid.view, "5")
    qtbot.keyClick(grid.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown(grid, 0, FIRST_Q) == ""


def test_an_anonymous_form_gets_its_own_row(qtbot, grid, db, workshop) -> None:
    grid.function.setCurrentIndex(grid.function.findData("leadership"))
    grid.add_button.click()
    assert grid.model.rowCount() == 3
    assert cell(grid) == (2, FIRST_Q)
    qtbot.keyClicks(grid.view, "2" * 20)
    anonymous = [p for p in list_participants(db, workshop) if p.name is None]
    assert len(anonymous) == 1 and anonymous[0].function == "leadership" and len(anonymous[0].answers) == 20


def test_import_responses_csv_with_preview(qtbot, grid, db, workshop, tmp_path) -> None:
    path = write_csv(tmp_path / "answers.csv", [header(), row("Bram", "marketing", 4), row("Eva", "sales", 2)])
    grid.import_csv(str(path))
    assert grid.preview is not None
    assert list_participants(db, workshop)[1].answers == {}  # nothing stored before Import
    grid.preview.accept()
    people = {p.name: p for p in list_participants(db, workshop)}
    assert set(people["Bram"].answers.values()) == {4}
    assert set(people["Eva"].answers.values()) == {2}
    assert grid.model.rowCount() == 3
    assert "1 added, 1 updated" in grid.message.text()


def test_import_with_mistakes_lists_them_by_line_and_column(qtbot, grid, user, db, workshop, tmp_path) -> None:
    bad = row("Bram", "marketing", 4)
    bad[2 + 4] = "9"
    path = write_csv(tmp_path / "bad.csv", [header(), row("Anna", "sales", 3), bad])
    grid.import_csv(str(path))
    assert grid.preview is None
    assert user.errors
    problems = user.errors[-1].problems
    assert any(p.startswith("line 3, column ") for p in problems), problems
    assert all(not p.answers for p in list_participants(db, workshop))
