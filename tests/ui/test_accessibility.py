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
from PySide6.QtCore import QPoint, Qt
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
    kiosk = KioskWindow(ctx, workshop_id)
    qtbot.addWidget(kiosk)
    kiosk.show()
    for page in range(kiosk.stack.count()):
        kiosk.stack.setCurrentIndex(page)
        _settle(qtbot)
        missing[f"kiosk page {page}"] = unnamed(kiosk)
    kiosk.unlocked = True
    kiosk.close()

    paper = PaperEntryWindow(ctx, workshop_id)
    qtbot.addWidget(paper)
    paper.show()
    _settle(qtbot)
    missing["paper grid"] = unnamed(paper)
    paper.close()

    set_revealed(ctx.db, workshop_id, True)
    presenter = PresenterWindow(ctx)
    qtbot.addWidget(presenter)
    presenter.show()
    for spec in STEPS:
        ctx.bus.step_changed.emit(workshop_id, spec.key)
        _settle(qtbot)
        missing[f"presenter {spec.key}"] = unnamed(presenter)
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
    from workshop.backup import backup_on_start
    from workshop.importing import plan_import
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
