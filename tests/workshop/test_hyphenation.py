"""Hyphenation per language: only a word too wide for its column is hyphenated, and only where its
language allows; the read-back check accepts exactly those breaks and refuses any other."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from tests.workshop.pdf_checks import broken_words, read_pages
from workshop.report.common import Para, grid
from workshop.report.hyphenation import hyphenator
from workshop.report.styles import make_styles

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

HEADER = {"nl": ["#", "Gemiddelde", "Spreiding", "Verantwoordelijkheid"],
          "en": ["#", "Commitments", "Responsibilities", "Understanding"]}
CELL = {"nl": "Klantgerichtheid en samenwerkingsbereidheid", "en": "Accountability and responsiveness"}
WIDTHS = [8 * mm, 14 * mm, 14 * mm, 20 * mm]


class _Ctx:
    def __init__(self, lang: str) -> None:
        self.styles = make_styles(lang=lang)


def _narrow_table(path: Path, lang: str) -> Path:
    table = grid(_Ctx(lang), HEADER[lang], [["1", CELL[lang], "2,5", CELL[lang]]], WIDTHS)
    SimpleDocTemplate(str(path), leftMargin=20 * mm).build([table])
    return path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_long_words_in_narrow_cells_are_hyphenated_where_the_language_allows(tmp_path: Path, lang: str) -> None:
    pages = read_pages(_narrow_table(tmp_path / f"{lang}.pdf", lang))
    words = [w for page in pages for w in page.words]
    ends = [w.text for w in words if w.text.endswith("-")]
    assert ends, "nothing was hyphenated"
    expected = HEADER[lang] + CELL[lang].split()
    assert not broken_words(pages, expected, lang), broken_words(pages, expected, lang)
    right = 20 * mm + 6 + sum(WIDTHS) - 4 + 0.5  # the frame's and the cell's paddings, a little slack
    assert all(w.x1 <= right for w in words), [(w.text, w.x1) for w in words if w.x1 > right]
    assert broken_words(pages, expected)  # without the language, a hyphenated word is not whole


def test_words_that_fit_are_never_hyphenated(tmp_path: Path) -> None:
    text = ("Verantwoordelijkheid en samenwerking tussen verkoop en marketing beginnen bij gezamenlijke "
            "definities van leads, klantreizen en doelstellingen. ") * 6
    SimpleDocTemplate(str(tmp_path / "body.pdf")).build([Para(text, make_styles(lang="nl").body)])
    pages = read_pages(tmp_path / "body.pdf")
    assert not [w.text for page in pages for w in page.words if w.text.endswith("-")]
    assert not broken_words(pages, text.split(), "nl")


def test_breaks_offered_only_for_words_too_wide() -> None:
    breaks = hyphenator("nl", 8.8, 40)
    assert breaks("Gemiddelde") == [("Gemiddel", "de"), ("Gemid", "delde"), ("Ge", "middelde")]
    assert breaks("Sales") == []
    assert breaks("Sales-Inkoop") == [("Sales-", "Inkoop")]  # its own hyphen only: both parts fit
    assert hyphenator("", 8.8, 40)("Gemiddelde") == []


def _two_lines(path: Path, first: str, second: str) -> Path:
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(100, 700, first)
    canvas.drawString(100, 688, second)
    canvas.save()
    return path


@pytest.mark.parametrize(("first", "second", "whole"), [
    ("Gemid-", "delde", True),  # a Dutch syllable break
    ("Gemidd-", "elde", False),  # a hyphen, but not at a syllable
    ("Gemiddel", "de", False),  # cut without a hyphen
    ("Spreidin", "g", False),
    ("Sprei-", "ding", True),
])
def test_the_check_accepts_only_breaks_at_syllables(tmp_path: Path, first: str, second: str, whole: bool) -> None:
    pages = read_pages(_two_lines(tmp_path / "two.pdf", first, second))
    assert (broken_words(pages, [first.rstrip("-") + second], "nl") == []) is whole
