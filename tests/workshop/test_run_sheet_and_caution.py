"""The run sheet PDF (one page, times from the workshop's start) and the skip-a-stage caution."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.workshop.plan_helpers import workshop_at
from workshop import decision
from workshop.errors import InputError
from workshop.guide import default_guide
from workshop.report.run_sheet import make_run_sheet
from workshop.workshops import get_workshop, update_workshop

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def text_and_pages(path: Path) -> tuple[str, int]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), int(info.split("Pages:")[1].split()[0])


@needs_poppler
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_run_sheet_is_one_page_with_times_from_the_start(db, tmp_path: Path, lang: str) -> None:  # noqa: ANN001
    wid = workshop_at(db, "defined", lang=lang)
    update_workshop(db, wid, start_time="13.30")
    assert get_workshop(db, wid).start_time == "13:30"
    text, pages = text_and_pages(make_run_sheet(db, wid, tmp_path / "run.pdf"))
    assert pages == 1
    agenda = default_guide().agenda(get_workshop(db, wid).date, __import__("datetime").time(13, 30))
    for item in agenda:
        assert item.start.strftime("%H:%M") in text
    assert default_guide().step("decide").purpose(lang)[:40] in text
    assert ("Draaiboek" if lang == "nl" else "Run sheet") in text


@needs_poppler
def test_run_sheet_without_start_time_says_it_assumes_nine(db, tmp_path: Path) -> None:  # noqa: ANN001
    wid = workshop_at(db, None, lang="en")
    text, _pages = text_and_pages(make_run_sheet(db, wid, tmp_path / "run.pdf"))
    assert "09:00" in text and "No start time is set" in text


def test_bad_start_times_are_refused(db) -> None:  # noqa: ANN001
    wid = workshop_at(db, None)
    for bad in ("25:00", "9", "noon", "12:7"):
        with pytest.raises(InputError, match="start time"):
            update_workshop(db, wid, start_time=bad)
    update_workshop(db, wid, start_time="")
    assert get_workshop(db, wid).start_time is None


def test_a_move_that_skips_a_stage_is_flagged(db) -> None:  # noqa: ANN001
    wid = workshop_at(db, "undefined")
    decision.record_decision(db, wid, "move", "aligned")
    view = decision.get_decision(db, wid)
    assert view.skipped_stages == ("defined",)
    decision.record_decision(db, wid, "move", "integrated")
    assert decision.get_decision(db, wid).skipped_stages == ("defined", "aligned")
    decision.record_decision(db, wid, "move", "defined")
    assert decision.get_decision(db, wid).skipped_stages == ()
    decision.record_decision(db, wid, "stay")
    assert decision.get_decision(db, wid).skipped_stages == ()


@needs_poppler
def test_cli_writes_a_run_sheet(db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    from workshop.cli import main

    wid = workshop_at(db, "defined", lang="en")
    out = tmp_path / "run.pdf"
    assert main(["--db", str(db.path), "run-sheet", str(wid), "--out", str(out), "--start", "14:00"]) == 0
    assert "Run sheet written to" in capsys.readouterr().out
    text, pages = text_and_pages(out)
    assert pages == 1 and "14:00" in text and "No start time" not in text
    assert get_workshop(db, wid).start_time is None  # printing with --start changes nothing stored
    assert main(["--db", str(db.path), "run-sheet", str(wid), "--out", str(out), "--start", "25:00"]) == 2
    assert "start time" in capsys.readouterr().err


@needs_poppler
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_follow_ups_run_sheet_has_the_review_of_last_time_before_scoring(db, tmp_path: Path,  # noqa: ANN001
                                                                           lang: str) -> None:
    from workshop.workshops import duplicate_as_follow_up

    first = workshop_at(db, "defined", lang=lang)
    follow = duplicate_as_follow_up(db, first, "2099-06-01", "Six months on").id
    text, pages = text_and_pages(make_run_sheet(db, follow, tmp_path / "run.pdf"))
    name = "Terugblik" if lang == "nl" else "Since last time"
    score = "Scoren" if lang == "nl" else "Score"
    assert pages == 1 and name in text and text.index(name) < text.index(score + " ")
    assert default_guide().step("since").purpose(lang)[:30] in text
    first_text, _ = text_and_pages(make_run_sheet(db, first, tmp_path / "first.pdf"))
    assert name not in first_text
