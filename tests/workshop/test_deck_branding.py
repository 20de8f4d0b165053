"""The deck in the firm's colours: table headers filled with it, their text black or white by contrast,
and the firm's and the client's logos on the title slide."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.fixtures.real_data import TODAY, create_real_workshop
from workshop.branding import contrast, on_paper, set_branding, set_texts, text_colour_on
from workshop.report import make_report


def test_text_on_a_colour_is_whichever_contrasts_more() -> None:
    assert text_colour_on("#7A1F5C") == "#FFFFFF"  # dark plum
    assert text_colour_on("#1F4E79") == "#FFFFFF"  # the house navy
    assert text_colour_on("#FFD84D") == "#1A1A1A"  # sunflower
    assert text_colour_on("#00B0F0") == "#1A1A1A"  # a light cyan: white on it would read poorly
    assert text_colour_on("#FFFFFF") == "#1A1A1A" and text_colour_on("#000000") == "#FFFFFF"


def test_a_colour_too_light_for_titles_on_paper_is_darkened() -> None:
    assert on_paper("#7A1F5C") == "#7A1F5C" and on_paper("#1f4e79") == "#1F4E79"  # dark enough as it is
    yellow = on_paper("#FFD84D")
    assert contrast("#FFD84D", "#FFFFFF") < 3 <= contrast(yellow, "#FFFFFF")  # now reads on white
    red, green, blue = (int(yellow[i:i + 2], 16) for i in (1, 3, 5))
    assert red > green > blue  # still a shade of the same yellow


def _headers(path: Path) -> list:
    from pptx import Presentation

    deck = Presentation(str(path))
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert tables
    return [cell for table in tables for cell in table.rows[0].cells]


def _fill_and_text(cell) -> tuple[str, str]:  # noqa: ANN001
    run = cell.text_frame.paragraphs[0].runs[0]
    return str(cell.fill.fore_color.rgb), str(run.font.color.rgb)


@pytest.mark.parametrize(("colour", "text"), [("#FFD84D", "1A1A1A"), ("#7A1F5C", "FFFFFF"), ("", "FFFFFF")])
def test_deck_table_headers_carry_the_firm_colour(db, tmp_path: Path, colour: str, text: str) -> None:  # noqa: ANN001
    wid = create_real_workshop(db, "en")
    if colour:
        set_branding(db, colour=colour)
    out = make_report(db, wid, "deck", tmp_path / "deck.pptx", today=TODAY)
    fill = colour.lstrip("#") or "1F4E79"  # no colour of its own: the house navy
    assert {_fill_and_text(cell) for cell in _headers(out)} == {(fill, text)}
    from pptx import Presentation

    title = next(s for s in Presentation(str(out)).slides[1].shapes if s.name == "Title")
    assert str(title.text_frame.paragraphs[0].runs[0].font.color.rgb) == on_paper("#" + fill).lstrip("#")


def test_title_slide_shows_both_logos(db, tmp_path: Path) -> None:  # noqa: ANN001
    wid = create_real_workshop(db, "en")
    firm, client = tmp_path / "firm.png", tmp_path / "client.png"
    Image.new("RGB", (300, 100), "#7A1F5C").save(firm)
    Image.new("RGB", (200, 200), "#2A7A3B").save(client)
    set_branding(db, firm_name="Kees & Partners", logo=firm)
    set_texts(db, wid, client_logo=client)
    from pptx import Presentation

    deck = Presentation(str(make_report(db, wid, "deck", tmp_path / "deck.pptx", today=TODAY)))
    pictures = [s for s in deck.slides[0].shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    blobs = {p.image.blob for p in pictures}
    assert blobs == {firm.read_bytes(), client.read_bytes()}
    assert all(p.left >= 0 and p.top >= 0 and p.left + p.width <= deck.slide_width
               and p.top + p.height <= deck.slide_height for p in pictures)
    assert len({p.left for p in pictures}) == 2  # side by side, never on top of each other


def test_table_cells_read_back_as_written_whatever_the_text() -> None:
    from pptx import Presentation

    from workshop.report.deck import Deck, _rgb

    deck = Deck.__new__(Deck)
    deck.colour, deck.on_colour = _rgb("7A1F5C"), _rgb("FFFFFF")
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    rows = [["1", "Two lines\nof text", "李小龙 😀"], ["2", "", "Kees & <Partners>"], ["3", "soft\vbreak", "bell\x07"]]
    table = deck.table(slide, ["#", "What", "Owner"], rows, [1.0, 6.0, 3.0], size=11)
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["#", "What", "Owner"], *rows[:2], ["3", "soft\vbreak", "bell_x0007_"]]
    body = table.cell(1, 1).text_frame.paragraphs
    assert [p.runs[0].font.size.pt for p in body] == [11, 11] and body[0].runs[0].font.bold is False
    assert str(table.cell(2, 0).fill.fore_color.rgb) == "F2F2F2"  # the stripes below the header
