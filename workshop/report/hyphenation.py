"""Hyphenation per language, for words too wide for their column (narrow table cells).

A word that fits its column is never broken: it moves to the next line whole, or breaks
after one of its own hyphens. Only a word wider than the column is hyphenated, at the
points the language's dictionary allows (pyphen's, as LibreOffice uses): "Gemid-delde",
never "Gemiddel-d". The language travels with the paragraph styles (``hyphenationLang``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from workshop.report.fonts import BOLD, string_width

DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}  # the documents' languages; British spelling, as the app's


@cache
def dictionary(lang: str) -> Any:
    """pyphen's dictionary for a document language (``nl``, ``en``, or already ``nl_NL``), or None."""
    if not lang:
        return None
    import pyphen

    name = DICTIONARIES.get(lang, lang)
    return pyphen.Pyphen(lang=name) if name in pyphen.LANGUAGES else None


def syllables(word: str, lang: str) -> list[str]:
    """``word`` cut at the points its language allows (the whole word when it has none)."""
    dic = dictionary(lang)
    if dic is None:
        return [word]
    cuts = [0, *dic.positions(word), len(word)]
    return [word[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def _too_wide(piece: str, size: float, width: float) -> bool:
    # measured in the bold face with a hyphen: the worst case, as the column's fit is measured
    return string_width(piece + "-", BOLD, size) * 1.01 > width


def widest_piece(words: list[str], lang: str, size: float, width: float) -> float:
    """The widest piece that cannot break once words too wide for ``width`` are hyphenated."""
    widest = 0.0
    for word in words:
        for piece in word.split("-"):
            pieces = syllables(piece, lang) if _too_wide(piece, size, width) else [piece]
            widest = max([widest, *(string_width(p + "-", BOLD, size) * 1.01 for p in pieces)])
    return widest


def hyphenator(lang: str, size: float, width: float) -> Callable[[str], list[tuple[str, str]]]:
    """reportlab's ``hyphenationLang`` callable: where a word may break, latest first.

    After its own hyphens always; at its language's syllables only when (a part of) the
    word is too wide for the column at this type size.
    """
    dic = dictionary(lang)

    def breaks(word: str) -> list[tuple[str, str]]:
        cuts = {i + 1 for i in range(1, len(word) - 1) if word[i] == "-"}
        if dic is not None:
            start = 0
            for piece in word.split("-"):
                if _too_wide(piece, size, width):
                    cuts.update(start + p for p in dic.positions(piece))
                start += len(piece) + 1
        return [(word[:i], word[i:]) for i in sorted(cuts, reverse=True) if 0 < i < len(word)]

    return breaks
