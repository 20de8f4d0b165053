"""Accessibility: every control has a name, the whole session runs from the keyboard, and Tab
moves through each step in reading order.

**The naming rule.** A control's name is what a screen reader announces. We count, in this
order: its ``accessibleName()``; else the text of a ``QLabel`` whose buddy it is (a
``QFormLayout`` row label is one; Qt announces it as the name); else, for a button, check box,
radio button or tab bar, its own visible text (Qt reads it out). Placeholder texts, tooltips and a
combo box's current item do *not* count: Qt on Linux reports a combo's current value as its name,
which says what is chosen, not what the box is for. A name must hold at least one letter (a
button called "…" or "×" says nothing).

**What is checked.** Every visible interactive widget (buttons, check and radio boxes, line and
text edits, combo and spin boxes, date edits, item views, sliders) and every other visible tab
stop (e.g. a scroll area one can scroll with the keys), on every registered step (before and
after the reveal), the kiosk's pages, the paper grid, the presenter window on every step, the
collect panel while collecting, and the dialogs. Qt's own parts of a widget are skipped: the
line edit inside a spin or combo box, the clear button of a line edit, a table's corner button,
header views and scroll bars (their owner carries the name).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from ui.main_window import MainWindow
from ui.steps import STEPS
from workshop.demo import create_demo
from workshop.workshops import set_revealed

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
               QAbstractItemView, QAbstractSlider, QTabBar)
QT_PARTS_OF = (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QHeaderView, QCalendarWidget)
QT_PART_NAMES = {"qt_tableview_cornerbutton", "qt_menubar_ext_button"}
LETTER = re.compile(r"[^\W\d_]")


# --- the rule ------------------------------------------------------------------------------


def _strip_mnemonic(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text).strip()


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces, by the rule in this module's docstring."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and _strip_mnemonic(label.text()):
            return _strip_mnemonic(label.text())
    if isinstance(widget, QAbstractButton):
        return _strip_mnemonic(widget.text())
    if isinstance(widget, QTabBar):
        return ", ".join(_strip_mnemonic(widget.tabText(i)) for i in range(widget.count()))
    if isinstance(widget, QLabel):  # a label with links is a tab stop; it reads its text
        return widget.text()
    return ""


def _is_qt_part(widget: QWidget) -> bool:
    if widget.objectName() in QT_PART_NAMES or isinstance(widget, QScrollBar | QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QT_PARTS_OF):
            return True
        parent = parent.parentWidget()
    return False


def is_tab_stop(widget: QWidget) -> bool:
    return (bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None
            and not widget.isWindow())


def controls(root: QWidget) -> list[QWidget]:
    """The visible interactive widgets and tab stops under ``root`` (itself included)."""
    return [
        w for w in [root, *root.findChildren(QWidget)]
        if w.isVisible() and (isinstance(w, INTERACTIVE) or is_tab_stop(w)) and not _is_qt_part(w)
    ]


def describe(widget: QWidget) -> str:
    path, parent = [], widget.parentWidget()
    while parent is not None and len(path) < 4:
        path.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    return f"{type(widget).__name__}#{widget.objectName()} {text!r} in {'/'.join(reversed(path))}"


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in controls(root) if not LETTER.search(accessible_name(w))]


def test_the_rule_counts_labels_and_button_texts_but_not_values_or_placeholders(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QPushButton

    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    labelled, placeholder, combo, icon = QLineEdit(), QLineEdit(), QComboBox(), QPushButton("…")
    placeholder.setPlaceholderText("Search")
    combo.addItems(["Sales", "Marketing"])
    layout.addRow("&Client:", labelled)
    for widget in (placeholder, combo, icon, QPushButton("&Add")):
        layout.addRow(widget)
    form.show()
    assert accessible_name(labelled) == "Client:"
    assert len(unnamed(form)) == 3  # the placeholder, the combo's value and "…" are no names


# --- every screen --------------------------------------------------------------------------


def _settle(qtbot: Any) -> None:
    qtbot.wait(10)
    QApplication.processEvents()


@pytest.fixture
def demo(ctx, qtbot) -> Iterator[tuple[MainWindow, int]]:
    workshop_id = create_demo(ctx.db, "en")
    main = MainWindow(ctx, restore=False)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main, workshop_id


def test_every_step_names_its_controls(demo, ctx, qtbot) -> None:
    main, workshop_id = demo
    missing: dict[str, list[str]] = {}
    main.list_page.reload()
    _settle(qtbot)
    missing["workshop list"] = unnamed(main)
    for revealed in (False, True):
        set_revealed(ctx.db, workshop_id, revealed)
        main.open_workshop(workshop_id)
        for spec in STEPS:
            assert main.workshop_view.show_step(spec.key)
            _settle(qtbot)
            page = main.workshop_view.current_page()
            for tabs in page.findChildren(QTabBar):  # each tab of a step (Commit: commitments, follow-up)
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    _settle(qtbot)
                    missing[f"{spec.key} tab {index} revealed={revealed}"] = unnamed(main)
            missing[f"{spec.key} revealed={revealed}"] = unnamed(main)
    assert not {k: v for k, v in missing.items() if v}


def test_the_welcome_page_names_its_controls(window, qtbot) -> None:
    assert window.home.currentWidget() is window.welcome
    assert not unnamed(window)


def test_kiosk_paper_grid_presenter_and_collect_panel_name_their_controls(demo, ctx, qtbot) -> None:
    from ui.collect.panel import CollectPanel
    from ui.kiosk import KioskWindow
    from ui.paper_grid import PaperEntryWindow
    from ui.presenter import PresenterWindow

    main, workshop_id = demo
    missing: dict[str, list[str]] = {}
    # These windows delete themselves when closed, so they are closed here rather than by qtbot.
    kiosk = KioskWindow(ctx, workshop_id)
    kiosk.unlocked = True  # closing needs no word from the facilitator here
    try:
        kiosk.show()
        for page in range(kiosk.stack.count()):
            kiosk.stack.setCurrentIndex(page)
            _settle(qtbot)
            missing[f"kiosk page {page}"] = unnamed(kiosk)
    finally:
        kiosk.close()

    paper = PaperEntryWindow(ctx, workshop_id)
    try:
        paper.show()
        _settle(qtbot)
        missing["paper grid"] = unnamed(paper)
    finally:
        paper.close()

    set_revealed(ctx.db, workshop_id, True)
    presenter = PresenterWindow(ctx)
    try:
        presenter.show()
        for spec in STEPS:
            ctx.bus.step_changed.emit(workshop_id, spec.key)
            _settle(qtbot)
            missing[f"presenter {spec.key}"] = unnamed(presenter)
    finally:
        presenter.close()

    panel = CollectPanel(ctx, workshop_id)
    qtbot.addWidget(panel)
    panel.show()
    missing["collect panel"] = unnamed(panel)
    panel.address_box.addItem("127.0.0.1 (test)", "127.0.0.1")
    panel.address_box.setCurrentIndex(panel.address_box.count() - 1)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        panel.port_box.setValue(sock.getsockname()[1])
    panel.start()
    try:
        qtbot.waitUntil(lambda: panel.current_page == 1)
        missing["collect panel while collecting"] = unnamed(panel)
    finally:
        panel.stop()
    assert not {k: v for k, v in missing.items() if v}


def test_dialogs_name_their_controls(demo, ctx, qtbot, tmp_path: Path) -> None:
    from ui.errors import UnexpectedErrorDialog
    from ui.import_preview import ImportPreviewDialog
    from ui.preferences import PreferencesDialog
    from ui.privacy_dialogs import ConfirmDeletion
    from ui.restore_dialog import RestoreDialog
    from ui.workshop_dialog import FollowUpDialog, WorkshopDialog
    from workshop.importing import plan_import
    from workshop.storage.backup import backup_on_start
    from workshop.workshops import get_workshop

    main, workshop_id = demo
    info = get_workshop(ctx.db, workshop_id)
    backup_on_start(ctx.db)
    csv = tmp_path / "participants.csv"
    csv.write_text("name;function\nSanne Visser;sales\n;leadership\n", encoding="utf-8")
    dialogs = {
        "new workshop": WorkshopDialog(lambda values: None, parent=main),
        "edit workshop": WorkshopDialog(lambda values: None, info, parent=main),
        "follow-up": FollowUpDialog(lambda values: None, info, main),
        "preferences": PreferencesDialog(main),
        "import preview": ImportPreviewDialog(plan_import(ctx.db, workshop_id, csv, require_answers=False), csv,
                                              main),
        "restore from backup": RestoreDialog(ctx, main),
        "unexpected error": UnexpectedErrorDialog("KeyError: 'q21'", "Traceback …", tmp_path / "log", main),
        "confirm deletion": ConfirmDeletion("Delete", "Delete Anna with all answers?", "Backups …", "Delete",
                                            "Also from the backups", main),
    }
    missing = {}
    for name, dialog in dialogs.items():
        dialog.show()
        _settle(qtbot)
        missing[name] = unnamed(dialog)
        dialog.reject()
    assert not {k: v for k, v in missing.items() if v}


# --- Tab order -----------------------------------------------------------------------------


def layout_rect(widget: QWidget) -> tuple[int, int, int, int]:
    """left, top, right, bottom in the window as laid out, ignoring how far a scroll area is scrolled."""
    x = y = 0
    current = widget
    while current is not None and not current.isWindow():
        parent = current.parentWidget()
        scrolled = parent is not None and isinstance(parent.parentWidget(), QAbstractScrollArea) \
            and parent is parent.parentWidget().viewport()
        if not scrolled:
            x, y = x + current.x(), y + current.y()
        current = parent
    return x, y, x + widget.width(), y + widget.height()


def reads_before(a: QWidget, b: QWidget) -> bool:
    """Whether ``b`` may follow ``a`` in reading order: further right on the same line, on a later
    line, or at the top of a column to the right of ``a``."""
    al, at, ar, ab = layout_rect(a)
    bl, bt, br, bb = layout_rect(b)
    overlap = min(ab, bb) - max(at, bt)
    if overlap >= 0.5 * min(ab - at, bb - bt):  # the same line
        return bl >= al
    return bt > at or bl >= ar - 2


def tab_cycle(main: MainWindow, qtbot: Any, start: QWidget, limit: int = 250) -> list[QWidget]:
    """Press Tab from ``start`` until the focus is back there; the widgets it visited, in order.

    A widget may keep the focus for a few presses (a date edit moves through day, month and
    year), but never for long: that would trap a keyboard user."""
    start.setFocus()
    visited: list[QWidget] = []
    held = 0
    for _press in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and now.window() is main, "Tab left the window"
        if visited and now is visited[-1]:
            held += 1
            assert held < 3, f"Tab is stuck in {describe(now)}"
            continue
        held = 0
        if now is start:
            return visited
        visited.append(now)
    raise AssertionError(f"Tab never came back to {describe(start)}: {[describe(w) for w in visited[-5:]]}")


def radio_peers(button: QRadioButton) -> list[QAbstractButton]:
    if button.group() is not None:
        return button.group().buttons()
    siblings = button.parentWidget().findChildren(QRadioButton, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [b for b in siblings if b.autoExclusive()] if button.autoExclusive() else [button]


@pytest.mark.parametrize(("key", "revealed"), [(spec.key, True) for spec in STEPS] + [("reveal", False)])
def test_tab_reaches_every_control_of_a_step_in_reading_order(demo, ctx, qtbot, key: str, revealed: bool) -> None:
    main, workshop_id = demo
    set_revealed(ctx.db, workshop_id, revealed)
    main.open_workshop(workshop_id, key)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    _settle(qtbot)
    view = main.workshop_view
    page = view.current_page()
    visited = tab_cycle(main, qtbot, view.step_list)
    in_page = [w for w in visited if page.isAncestorOf(w)]
    outside = [w for w in visited if not page.isAncestorOf(w)]
    assert outside == [view.back], "only the sidebar's way back lies outside the page"
    assert visited[-1] is view.back, "the page first, then back round to the sidebar"
    expected = [w for w in controls(page) if is_tab_stop(w) and w.isEnabled()]
    skipped = [describe(w) for w in expected if w not in in_page]
    assert not skipped, "Tab skips controls"
    assert len(in_page) == len(set(in_page)), "Tab comes to a control twice in one round"
    wrong_radio = [describe(w) for w in in_page if isinstance(w, QRadioButton) and not w.isChecked()
                   and any(peer.isChecked() for peer in radio_peers(w))]
    assert not wrong_radio, "Tab enters a group of choices at the chosen one (the arrow keys change it)"
    backwards = [f"{describe(a)} → {describe(b)}" for a, b in zip(in_page, in_page[1:], strict=False)
                 if not reads_before(a, b)]
    assert not backwards, "Tab jumps back against the reading order"


# --- a whole session by keyboard -----------------------------------------------------------


class Keyboard:
    """Keys go where a real keyboard sends them: to the widget with the focus."""

    def __init__(self, qtbot: Any, window: QWidget) -> None:
        self.qtbot, self.window = qtbot, window

    def focused(self) -> QWidget:
        return QApplication.focusWidget() or self.window

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focused(), key, modifier)
        QApplication.processEvents()  # as between two real key strokes

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)

    def tab_to(self, target: QWidget, limit: int = 80) -> None:
        for _press in range(limit):
            if self.focused() is target:
                return
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {describe(target)}")

    def next_step(self) -> None:
        self.press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)

    def back_to(self, window: QWidget) -> None:
        window.activateWindow()  # as the window manager does when another window closes
        self.qtbot.waitUntil(window.isActiveWindow)


def test_a_whole_session_by_keyboard_alone(window, ctx, qtbot) -> None:
    from ui.paper_grid import FIRST_Q
    from workshop import plan
    from workshop.commitments import list_commitments
    from workshop.decision import get_decision
    from workshop.participants import list_participants
    from workshop.workshops import get_workshop

    keys = Keyboard(qtbot, window)
    keys.back_to(window)
    assert window.home.currentWidget() is window.welcome
    keys.tab_to(window.welcome.demo_button)
    keys.press(Qt.Key.Key_Space)
    view = window.workshop_view
    assert view is not None and view.current_key == "prepare"
    wid = view.workshop_id

    # Prepare: a participant who turned up unannounced.
    page = view.current_page()
    keys.tab_to(page.new_name)
    keys.type("Kim Keyboard")
    keys.press(Qt.Key.Key_Tab)
    assert keys.focused() is page.new_function
    while page.new_function.currentData() != "marketing":
        keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Space)
    kim = next(p for p in list_participants(ctx.db, wid) if p.name == "Kim Keyboard")
    assert kim.function == "marketing" and not kim.answers

    # Since last time (the demo's workshop follows an earlier one): carry what is still open.
    keys.next_step()
    assert view.current_key == "since"
    page = view.current_page()
    before = len(list_commitments(ctx.db, wid))
    carriable = len(page.panel.review.carriable)
    assert carriable
    keys.tab_to(page.panel.carry_all)
    keys.press(Qt.Key.Key_Space)
    assert len(list_commitments(ctx.db, wid)) == before + carriable

    # Score: Kim's paper form, typed into the grid.
    keys.next_step()
    assert view.current_key == "score"
    page = view.current_page()
    keys.tab_to(page.paper_button)
    keys.press(Qt.Key.Key_Space)
    paper = page.paper
    qtbot.waitUntil(paper.isActiveWindow)
    grid = paper.grid
    assert keys.focused() is grid.view, "the grid is ready for typing"
    keys.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # Kim is the last row
    keys.press(Qt.Key.Key_Home)
    for _column in range(FIRST_Q):
        keys.press(Qt.Key.Key_Right)
    assert grid.model.rows[grid.view.currentIndex().row()].id == kim.id
    form = "43345234512344321234"
    keys.type(form)
    kim = next(p for p in list_participants(ctx.db, wid) if p.id == kim.id)
    assert kim.answers == {f"q{i:02d}": int(d) for i, d in enumerate(form, 1)}
    keys.press(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # close the grid
    qtbot.waitUntil(lambda: page.paper is None)
    keys.back_to(window)

    # Reveal.
    keys.next_step()
    assert view.current_key == "reveal"
    page = view.current_page()
    keys.tab_to(page.reveal_button)
    keys.press(Qt.Key.Key_Space)
    assert get_workshop(ctx.db, wid).revealed

    # Decide: tick a condition, weigh staying against moving up, and say why.
    keys.next_step()
    assert view.current_key == "decide"
    page = view.current_page()
    first_tick = next(check for cid, check in page.boxes.items() if cid not in page.view.ticked)
    keys.tab_to(first_tick.box)
    keys.press(Qt.Key.Key_Space)
    assert first_tick_id(page, first_tick) in get_decision(ctx.db, wid).ticked
    keys.tab_to(page.move)  # the group's earlier choice; the arrow keys choose in a radio group
    keys.press(Qt.Key.Key_Left)
    assert get_decision(ctx.db, wid).choice == "stay"
    keys.press(Qt.Key.Key_Right)  # on second thoughts: move up after all
    assert (get_decision(ctx.db, wid).choice, get_decision(ctx.db, wid).target_stage) == ("move", "aligned")
    keys.tab_to(page.note)
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.type("Clear roles are not enough: we move up.")
    keys.press(Qt.Key.Key_Tab)  # Tab moves on from the note instead of typing a tab
    assert keys.focused() is not page.note

    # Plan: the first practice is in place.
    keys.next_step()
    assert view.current_key == "plan"
    assert get_decision(ctx.db, wid).note == "Clear roles are not enough: we move up."  # stored when the step was left
    page = view.current_page()
    practice = plan.get_plan(ctx.db, wid).items[0]
    assert practice.status != "in_place"
    keys.tab_to(page.findChildren(QAbstractButton, "status_in_place")[0])
    keys.press(Qt.Key.Key_Space)
    assert plan.get_review(ctx.db, wid, practice.practice.id)[0] == "in_place"

    # Funnel, then Commit: a new commitment.
    keys.next_step()
    assert view.current_key == "funnel"
    keys.next_step()
    assert view.current_key == "commit"
    page = view.current_page()
    before = len(list_commitments(ctx.db, wid))
    keys.tab_to(page.new_what)
    keys.type("Weekly lead review, Sales and Marketing together")
    keys.press(Qt.Key.Key_Return)
    whats = [c.what for c in list_commitments(ctx.db, wid)]
    assert len(whats) == before + 1 and "Weekly lead review, Sales and Marketing together" in whats

    # Close.
    keys.next_step()
    assert view.current_key == "close"
    assert view.step_list.currentRow() == len(view.steps) - 1


def first_tick_id(page: Any, check: Any) -> str:
    return next(cid for cid, box in page.boxes.items() if box is check)
