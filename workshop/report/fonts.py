"""The report fonts, shipped in ``resources/fonts/``, and the choice of font per run of text.

DejaVu Sans (regular and bold) sets Latin, Greek, Cyrillic, Armenian and Georgian; a
character it lacks is set in Droid Sans Fallback (Chinese, Japanese, Korean) or, failing
that, in Symbola (monochrome emoji and symbols). All three are TrueType outlines, which
reportlab embeds as subsets, so a PDF carries only the glyphs it uses. The licences
(``LICENSE_DEJAVU.txt``, ``LICENSE_DROID.txt`` Apache 2.0, ``LICENSE_SYMBOLA.txt`` free for
any use) permit embedding and redistribution. Matplotlib draws its charts in DejaVu Sans
too, so chart text and body text match.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from workshop.errors import WorkshopError
from workshop.i18n import N_
from workshop.paths import resources_dir

REGULAR = "WorkshopSans"
BOLD = "WorkshopSans-Bold"
CJK = "WorkshopCJK"
EMOJI = "WorkshopSymbols"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", CJK: "DroidSansFallbackFull.ttf",
         EMOJI: "Symbola.ttf"}
FALLBACKS = (CJK, EMOJI)
ELLIPSIS = "\u2026"
# Invisible joiners and presentation selectors: no font draws them, and left in they print as boxes.
_INVISIBLE = dict.fromkeys((0x200D, 0xFE0E, 0xFE0F), None)


@cache
def register_fonts() -> tuple[str, str]:
    """Register the body fonts with reportlab once; returns (regular, bold) names.

    The fallback fonts are large (parsing the CJK one takes longer than a short report),
    so each is registered only when a text first needs a character the body font lacks.
    """
    from reportlab.lib.fonts import addMapping

    _unicode_map_beyond_bmp()
    _register(REGULAR)
    _register(BOLD)
    # <b> in paragraphs picks the bold face; there is no italic face, so italics stay upright.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
    return REGULAR, BOLD


@cache
def _register(name: str) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    path = folder / FILES[name]
    if not path.is_file():
        raise WorkshopError(N_("The report font {filename} is missing from {folder}; reinstall the app."),
                            filename=FILES[name], folder=folder)
    pdfmetrics.registerFont(TTFont(name, str(path)))
    if name in FALLBACKS:  # one face, used for bold too
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)


def _unicode_map_beyond_bmp() -> None:
    """Make reportlab's text map name characters above U+FFFF (emoji) as UTF-16 pairs.

    Its own map writes such a code point as five hex digits, which PDF readers misread
    (an emoji extracts as a Greek letter); as a surrogate pair it copies and searches right.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_workshop", False):
        return

    def make(fontname: str, subset: list[int]) -> str:
        text = original(fontname, subset)
        for i, code in enumerate(subset):
            if code > 0xFFFF:
                pair = chr(code).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{pair}>", 1)
        return text

    make._workshop = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


@cache
def _coverage(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    _register(name)
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def clean(text: str) -> str:
    """Text without the invisible characters no font can print."""
    return text.translate(_INVISIBLE)


def runs(text: str, base: str = REGULAR) -> list[tuple[str, str]]:
    """``text`` cut into (font, chunk) runs: the base font where it has the glyph, else a fallback."""
    text = clean(text)
    if text.isascii():
        return [(base, text)] if text else []
    own = _coverage(REGULAR)
    out: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        font = base
        if code not in own and not char.isspace():
            font = next((f for f in FALLBACKS if code in _coverage(f)), base)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


_TAG_OR_TEXT = re.compile(r"(<[^>]*>|&[#\w]+;)")


def with_fallback(markup: str) -> str:
    """Paragraph markup with every character the base font lacks wrapped in its fallback font."""
    if markup.isascii():
        return markup
    parts = []
    for piece in _TAG_OR_TEXT.split(markup):
        if not piece or piece.startswith(("<", "&")):
            parts.append(piece)
            continue
        parts.append("".join(chunk if font == REGULAR else f'<font face="{font}">{chunk}</font>'
                             for font, chunk in runs(piece)))
    return "".join(parts)


def string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(chunk, f, size) for f, chunk in runs(text, font))


def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened at the end with an ellipsis so that it fits ``width``."""
    text = clean(" ".join(text.split()))
    if string_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if string_width(text[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS if low else ""


def draw_runs(canvas: Any, x: float, y: float, text: str, font: str, size: float, align: str = "left") -> float:
    """Draw ``text`` at (x, y) font by font; ``align`` left, right or centre on x. Returns the width."""
    width = string_width(text, font, size)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for f, chunk in runs(text, font):
        canvas.setFont(f, size)
        canvas.drawString(x, y, chunk)
        x += string_width(chunk, f, size)
    return width


def font_for_file(filename: str) -> str | None:
    """The registered report font that is the same face as a matplotlib font file, if any."""
    for name, ours in FILES.items():
        if filename == ours:
            return name
    return None
