"""Close: make a PDF in the background, see its pages, save it and print it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from ui.background import wait_for_all
from ui.steps.close import ClosePage
from workshop.demo import create_demo

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def make_page(qtbot, ctx, wid) -> ClosePage:
    page = ClosePage(ctx, wid)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def text_of(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_make_preview_save_and_print(qtbot, ctx, db, tmp_path: Path, monkeypatch) -> None:
    wid = create_demo(db, "nl")
    page = make_page(qtbot, ctx, wid)
    assert page.language.currentData() == "nl"  # the workshop's language by default
    page.kind_buttons["handouts"].click()
    assert page.personal.isEnabled() and not page.blank.isEnabled()
    page.personal.setChecked(True)
    qtbot.mouseClick(page.make, Qt.MouseButton.LeftButton)
    assert page.bar.isVisible()  # the work runs in the background, the window stays usable
    qtbot.waitUntil(lambda: page.pdf is not None, timeout=30000)
    assert page.preview.count == 17  # one page per participant
    assert page.preview.image.pixmap() is not None and not page.preview.image.pixmap().isNull()
    page.preview.next.click()
    assert page.preview.counter.text() == "Page 2 of 17"
    assert "17" in page.status.text()

    target = tmp_path / "saved.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda: str(target))
    page.save.click()
    assert "Jij" in text_of(target)  # the personal handout, in Dutch

    printed = tmp_path / "printed.pdf"

    def printer() -> QPrinter:
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(printed))
        p.setResolution(72)
        p.setFullPage(True)
        return p

    monkeypatch.setattr(page, "ask_printer", printer)
    page.print_.click()
    assert wait_for_all(30000)
    assert printed.exists() and printed.stat().st_size > 1000
    assert "17" in page.status.text()


def test_cancel_leaves_nothing(qtbot, ctx, db) -> None:
    wid = create_demo(db, "en")
    page = make_page(qtbot, ctx, wid)
    page.make.click()
    page.cancel()
    assert wait_for_all(30000)
    assert page.pdf is None
    assert page.make.isEnabled()
    assert "Cancelled" in page.status.text() or page.pdf is None


def test_summary_is_kept_and_the_deck_is_made(qtbot, ctx, db, tmp_path: Path, monkeypatch) -> None:
    from pptx import Presentation

    from workshop.branding import get_texts

    wid = create_demo(db, "en")
    page = make_page(qtbot, ctx, wid)
    assert page.kind_buttons["client"].isChecked() and page.summary.isEnabled()
    qtbot.keyClicks(page.summary, "Strong will to change; start with the lead hand-off.")
    qtbot.waitUntil(lambda: "lead hand-off" in get_texts(db, wid).summary, timeout=5000)
    page.kind_buttons["deck"].click()
    assert not page.summary.isEnabled() and page.make.text() == "Make slides"
    page.make.click()
    qtbot.waitUntil(lambda: page.pdf is not None, timeout=30000)
    assert "slides" in page.status.text() and not page.print_.isEnabled()
    target = tmp_path / "deck"
    monkeypatch.setattr(page, "ask_save_path", lambda: str(target))
    page.save.click()
    assert len(Presentation(str(tmp_path / "deck.pptx")).slides) >= 8
