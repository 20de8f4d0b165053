"""Client-grade deliverables from real-world data: every kind, both languages, A4 and letter.

The PDFs are read back with poppler: the Chinese name and the emoji are there as text, no
word runs into the margins (``pdftotext -bbox``), no word is split in the middle, every
font is embedded. The deck is read back with python-pptx.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.real_data import (
    CJK_NAME,
    CLIENT,
    EMOJI,
    LONG_NAMES,
    TODAY,
    create_empty_workshop,
    create_real_workshop,
)
from tests.workshop.pdf_checks import MM, broken_words, outside_margins, page_texts, read_pages
from workshop.branding import get_branding, set_branding, set_texts
from workshop.cli import main
from workshop.errors import InputError
from workshop.report import make_report
from workshop.report.build import make_split_handouts, safe_file_name
from workshop.storage.db import open_database

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
SIDE = 18 * MM  # the report's side margin
BAND = 5 * MM  # header and footer sit inside the page, at least this far from its edge
HEADERS = {"en": ["Mean", "Spread", "Marketing", "Commitments", "Statement"],
           "nl": ["Gemiddelde", "Spreiding", "Marketing", "Afspraken", "Stelling"]}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> dict:
    folder = tmp_path_factory.mktemp("real")
    path = folder / "real.db"
    shutil.copy(template_db, path)
    db = open_database(path)
    wid = create_real_workshop(db, "en")
    set_branding(db, firm_name="Kees & Partners Adviseurs", colour="#7A1F5C",
                 confidentiality="Confidential \u2014 prepared for the board of " + CLIENT)
    set_texts(db, wid, summary="The room agreed more than the scores suggest. " * 12)
    yield {"db": db, "id": wid, "folder": folder, "path": path}
    db.close()


def _check_pdf(path: Path, lang: str, names: list[str]) -> list[str]:
    pages = read_pages(path)
    assert pages, path
    bad = outside_margins(pages, SIDE, BAND, BAND)
    assert not bad, [(w.page, w.text, round(w.x0), round(w.x1)) for w in bad[:5]]
    assert not broken_words(pages, names, lang), broken_words(pages, names, lang)[:10]
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    for line in fonts.splitlines()[2:]:
        assert "TrueType" in line and " yes yes yes " in line, line  # embedded subsets with a text map
    return page_texts(pages)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_kind_prints_real_data_cleanly(real: dict, lang: str, paper: str) -> None:
    db, wid, folder = real["db"], real["id"], real["folder"]
    people = 60
    for kind in ("client", "handouts", "questionnaires"):
        out = make_report(db, wid, kind, folder / f"{kind}-{lang}-{paper}.pdf", lang=lang, paper=paper,
                          personal=kind == "handouts", today=TODAY)
        names = LONG_NAMES + (HEADERS[lang] if kind == "client" else [])
        texts = _check_pdf(out, lang, names)
        whole = " ".join(texts)
        assert CJK_NAME in whole and EMOJI in whole, kind
        if kind == "handouts":
            label = {"en": "Page 1 of", "nl": "Pagina 1 van"}[lang]
            firsts = [i for i, t in enumerate(texts) if label in t]
            assert len(firsts) == people - 1 or len(firsts) == people
            # one sheet each: never more than two pages per person
            assert all(b - a <= 2 for a, b in zip(firsts, [*firsts[1:], len(texts)], strict=True))
        if kind == "questionnaires":
            assert len(texts) == people  # one sheet each, also on letter paper


@pytest.mark.slow
def test_client_report_opens_with_the_executive_summary(real: dict) -> None:
    out = make_report(real["db"], real["id"], "client", real["folder"] / "client.pdf", today=TODAY)
    texts = page_texts(read_pages(out))
    assert "Sales and Marketing alignment" in texts[0] and "Facilitator report" not in texts[0]
    assert "Executive summary" in texts[1] and "What stands out" in texts[1]
    assert "The room agreed more than the scores suggest." in texts[1]
    whole = " ".join(texts)
    assert "Action plan" in whole and "Success measure" in whole
    assert "Appendix: how the answers are spread" in whole and "Which statements form each theme" in whole
    assert "\u26a0 Overdue" in whole  # overdue items say so, with a mark
    assert "Kees & Partners Adviseurs" in texts[2]  # the firm in the running header
    assert all("Confidential" in t for t in texts)  # the confidentiality line on every page
    from workshop.instrument import default_instrument

    # Client pages never talk about "this app" (the instrument's own notes are its authors' to word).
    assert "this app" not in whole.replace(" ".join(default_instrument().themes_note("en").split()), "")


def test_status_truth_on_handouts(real: dict) -> None:
    out = make_report(real["db"], real["id"], "handouts", real["folder"] / "status.pdf", lang="nl", today=TODAY)
    first = [t for t in page_texts(read_pages(out))][:2]
    assert "\u26a0 Te laat" in " ".join(first)


def test_empty_and_single_workshops_print_short_and_true(db, tmp_path: Path) -> None:  # noqa: ANN001
    empty = create_empty_workshop(db, "en")
    single = create_empty_workshop(db, "nl", with_participant=True)
    out = make_report(db, empty, "client", tmp_path / "empty.pdf")
    texts = page_texts(read_pages(out))
    assert len(texts) <= 4
    whole = " ".join(texts)
    assert "Nobody has answered yet" in whole
    assert "fewer than 3" not in whole.replace("fewer than 3 complete participants", "")
    handouts = page_texts(read_pages(make_report(db, empty, "handouts", tmp_path / "eh.pdf")))
    assert len(handouts) == 1 and "Nobody has answered yet" in handouts[0]
    one = page_texts(read_pages(make_report(db, single, "client", tmp_path / "one.pdf")))
    assert f"{CJK_NAME} Solo" not in " ".join(one)  # the client report names nobody
    assert "60,0" not in " ".join(one)  # one person's total is theirs: the privacy rule withholds it
    assert "Nog niemand" not in " ".join(one)  # and the report says why, not that nobody answered


def test_deck_reads_back(real: dict) -> None:
    from pptx import Presentation

    out = make_report(real["db"], real["id"], "deck", real["folder"] / "deck.pptx", today=TODAY)
    deck = Presentation(str(out))
    assert round(deck.slide_width / deck.slide_height, 2) == round(16 / 9, 2)
    titles = [next(s.text_frame.text for s in slide.shapes if s.name == "Title") for slide in deck.slides]
    assert titles[0].startswith("Sales and Marketing alignment") and CLIENT in titles[0]
    for expected in ("Where we stand", "Sales and Marketing side by side", "Where Sales and Marketing differ most",
                     "Where the group scores lowest", "Decision and target", "Practice review", "The buying funnel",
                     "Commitments", "Since the previous workshop"):
        assert expected in titles, expected
    assert len(deck.slides) == len(titles) >= 11
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    side = tables[0]
    assert side.cell(0, 0).text == "Group" and side.cell(1, 0).text == "Whole group"
    cells = [c.text for t in tables for row in t.rows for c in row.cells]
    assert any("\u26a0 Overdue" == c for c in cells)
    assert any(CJK_NAME in c for c in cells) and any(EMOJI in c for c in cells)
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 2  # mean totals and the trend, as native charts
    assert list(charts[0].plots[0].categories)[0] == "Whole group"
    assert "Other" not in list(charts[0].plots[0].categories)  # below the minimum: never broken down
    assert [s.name for s in charts[1].plots[0].series] == ["Whole group", "Sales", "Marketing"]
    footer = [s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame]
    assert any("Kees & Partners Adviseurs" in t and "Confidential" in t for t in footer)
    dutch = Presentation(str(make_report(real["db"], real["id"], "deck", real["folder"] / "nl.pptx", lang="nl")))
    dutch_titles = [next(s.text_frame.text for s in sl.shapes if s.name == "Title") for sl in dutch.slides]
    assert "Besluit en doel" in dutch_titles


def test_split_handouts_one_file_per_person(real: dict, tmp_path: Path) -> None:
    written = make_split_handouts(real["db"], real["id"], tmp_path, today=TODAY)
    assert len(written) == 60 and len({p.name for p in written}) == 60
    assert (tmp_path / f"{CJK_NAME}.pdf") in written
    one = page_texts(read_pages(tmp_path / f"{CJK_NAME}.pdf"))
    assert 1 <= len(one) <= 2 and CJK_NAME in one[0]
    assert safe_file_name('a/b:c*?"<>|', set()) == "abc"
    assert safe_file_name("CON", set()) == "_CON"
    used: set[str] = set()
    assert [safe_file_name("Jan", used), safe_file_name("jan", used)] == ["Jan", "jan (2)"]


def test_branding_is_checked_and_kept(db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    from PIL import Image

    with pytest.raises(InputError, match="#RRGGBB"):
        set_branding(db, colour="red")
    big = tmp_path / "big.png"
    Image.effect_noise((1200, 1200), 100).convert("RGB").save(big)
    with pytest.raises(InputError, match="at most 512 KB"):
        set_branding(db, logo=big)
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="30" height="10"/>'
                   '<image href="file:///etc/hostname" width="5" height="5"/></svg>')
    with pytest.raises(InputError, match="outside itself"):
        set_branding(db, logo=svg)
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "#7A1F5C").save(logo)
    info = set_branding(db, firm_name="Firma", logo=logo, colour="#00ff00")
    assert info.logo_type == "png" and info.colour == "#00FF00"
    assert get_branding(db).firm_name == "Firma"
    assert set_branding(db, clear=True).is_set is False


def test_brand_command(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "#7A1F5C").save(logo)
    assert main(["--db", str(db_path), "brand"]) == 0
    assert "No branding" in capsys.readouterr().out
    assert main(["--db", str(db_path), "brand", "--colour", "blue"]) == 2
    assert "#RRGGBB" in capsys.readouterr().err
    assert main(["--db", str(db_path), "brand", "--name", "Kees & Partners", "--logo", str(logo),
                 "--colour", "#7A1F5C", "--confidential", "Vertrouwelijk"]) == 0
    out = capsys.readouterr().out
    assert "Kees & Partners" in out and "#7A1F5C" in out and "PNG" in out
    db = open_database(db_path)
    assert get_branding(db).confidentiality == "Vertrouwelijk"
    wid = create_empty_workshop(db, "en", with_participant=True)
    db.close()
    assert main(["--db", str(db_path), "brand", "--workshop", str(wid)]) == 2  # both are needed
    capsys.readouterr()
    from workshop.storage.lock import _release_held

    _release_held()  # the first writer in this process keeps its lock until exit, as the command line does
    assert main(["--db", str(db_path), "brand", "--workshop", str(wid), "--client-logo", str(logo)]) == 0
    db = open_database(db_path)
    from workshop.branding import get_texts

    assert get_texts(db, wid).client_logo == logo.read_bytes()
    db.close()


def test_long_header_is_shortened_with_an_ellipsis(real: dict) -> None:
    out = make_report(real["db"], real["id"], "client", real["folder"] / "header.pdf", today=TODAY)
    second = read_pages(out)[2]
    top = [w for w in second.words if w.y1 < 22 * MM]
    assert any(w.text.endswith("\u2026") for w in top)
    assert re.search(r"Kees", " ".join(w.text for w in top))
