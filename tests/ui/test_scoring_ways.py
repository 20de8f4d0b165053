"""Ways in while scoring: the kiosk starts on one click or tap and says so, the paper grid has
a Done button and closes on Esc, responses import from the Score page and the File menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from tests.workshop.helpers import header, row, write_csv
from ui.actions import ActionId
from ui.kiosk import KioskWindow
from ui.main_window import MainWindow
from ui.paper_grid import PaperEntryWindow
from ui.steps.score import ScorePage
from workshop.participants import add_participant, list_participants
from workshop.workshops import create_workshop


@pytest.fixture
def workshop(db):
    info = create_workshop(db, "Acme", "Offsite", "2025-03-01", language="en")
    for name, function in (("Anna", "sales"), ("Bram", "marketing")):
        add_participant(db, info.id, name, function)
    return info.id


def test_one_click_on_a_name_starts_the_kiosk_and_the_hint_says_so(qtbot, ctx, workshop) -> None:
    kiosk = KioskWindow(ctx, workshop)
    qtbot.addWidget(kiosk)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    hints = [w.text() for w in kiosk.findChildren(QLabel) if w.objectName() == "kioskHint" and w.isVisible()]
    assert any("click your name" in h for h in hints)
    item = kiosk.names.item(1)
    rect = kiosk.names.visualItemRect(item)
    qtbot.mouseClick(kiosk.names.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert kiosk.stack.currentIndex() == kiosk.QUESTION
    assert kiosk.name == "Bram"
    kiosk.unlocked = True


def test_the_paper_grid_has_done_and_closes_on_esc(qtbot, ctx, workshop) -> None:
    for close in ("button", "esc"):
        window = PaperEntryWindow(ctx, workshop)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.destroyed, timeout=2000):
            if close == "button":
                qtbot.mouseClick(window.done_button, Qt.MouseButton.LeftButton)
            else:
                window.grid.view.setFocus()
                qtbot.keyClick(window.grid.view, Qt.Key.Key_Escape)


def test_esc_while_typing_in_a_cell_only_cancels_the_cell(qtbot, ctx, workshop) -> None:
    window = PaperEntryWindow(ctx, workshop)  # deletes itself on close
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    view = window.grid.view
    view.setFocus()
    view.edit(view.currentIndex())
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.isVisible() and not editor.isVisible()
    window.close()


def test_responses_import_from_the_score_page(qtbot, ctx, db, workshop, tmp_path) -> None:
    page = ScorePage(ctx, workshop)
    qtbot.addWidget(page)
    page.show()
    assert page.import_button.isVisible()
    path = write_csv(tmp_path / "answers.csv", [header(), row("Bram", "marketing", 4), row("Eva", "sales", 2)])
    preview = page.import_responses(str(path))
    assert list_participants(db, workshop)[1].answers == {}  # nothing before the preview is accepted
    preview.accept()
    people = {p.name: p for p in list_participants(db, workshop)}
    assert set(people["Bram"].answers.values()) == {4} and set(people["Eva"].answers.values()) == {2}
    assert "1 added, 1 updated" in page.imported.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)


def test_responses_import_is_in_the_file_menu_when_a_workshop_is_open(qtbot, ctx, db, workshop, tmp_path,
                                                                        monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    main = MainWindow(ctx, restore=False)
    qtbot.addWidget(main)
    main.show()
    action = main.actions[ActionId.IMPORT_RESPONSES]
    file_menu = main.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    assert not action.isEnabled()
    main.open_workshop(workshop, "prepare")
    assert action.isEnabled()
    path = write_csv(tmp_path / "answers.csv", [header(), row("Anna", "sales", 3)])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    action.trigger()
    preview = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == "importPreview"
                   or type(w).__name__ == "ImportPreviewDialog" and w.isVisible())
    preview.accept()
    assert set(list_participants(db, workshop)[0].answers.values()) == {3}
    assert "1 updated" in main.statusBar().currentMessage()
