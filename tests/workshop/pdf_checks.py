"""Reading a printed PDF back with poppler: words with their boxes, margins, broken words."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')
_PUNCT = " \t\n.,;:!?()[]\"'“”‘’«»·—–/"


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: list[Word]


def read_pages(path: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = []
    for n, (width, height, body) in enumerate(_PAGE.findall(out), start=1):
        words = [Word(n, html.unescape(t), float(a), float(b), float(c), float(d))
                 for a, b, c, d, t in _WORD.findall(body)]
        pages.append(Page(n, float(width), float(height), words))
    return pages


def outside_margins(pages: list[Page], side: float, top: float, bottom: float, slack: float = 1.0) -> list[Word]:
    """Words that reach into the side margins or past the header or footer band."""
    bad = []
    for page in pages:
        for w in page.words:
            if (w.x0 < side - slack or w.x1 > page.width - side + slack or w.y0 < top - slack
                    or w.y1 > page.height - bottom + slack):
                bad.append(w)
    return bad


def tokens(pages: list[Page]) -> set[str]:
    """Every printed word, also cut at hyphens (a line may break after one), punctuation stripped."""
    found: set[str] = set()
    for page in pages:
        for w in page.words:
            for piece in re.split(r"[-\u2010\u2011]", w.text):
                piece = piece.strip(_PUNCT)
                if piece:
                    found.add(piece)
    return found


def broken_words(pages: list[Page], texts: list[str], lang: str = "") -> list[str]:
    """Words of ``texts`` that do not print whole (split mid-word over two lines, or missing).

    With ``lang``, a word hyphenated over lines at points its language allows ("Gemid-" above
    "delde") counts as whole; a split anywhere else, with a hyphen or without, does not.
    """
    found = tokens(pages) | (hyphenated(pages, lang) if lang else set())
    missing = []
    for text in texts:
        for word in text.split():
            for piece in re.split(r"[-\u2010\u2011]", word):
                piece = piece.strip(_PUNCT)
                if piece and piece not in found:
                    missing.append(piece)
    return missing


def hyphenated(pages: list[Page], lang: str) -> set[str]:
    """Words printed hyphenated over two or more lines, put together again, where every break is at a
    point the language's dictionary allows (a break elsewhere leaves the word out)."""
    from workshop.report.hyphenation import dictionary

    dic = dictionary(lang)
    whole: set[str] = set()
    for page in pages:
        for head in page.words:
            text = head.text.rstrip(_PUNCT.replace("-", ""))
            if len(text) > 1 and text.endswith("-"):
                _join(page, head, re.split(r"[-\u2010\u2011]", text[:-1])[-1].lstrip(_PUNCT), [], dic, whole)
    return whole


def _join(page: Page, head: Word, start: str, cuts: list[int], dic: object, whole: set[str]) -> None:
    """Follow ``start`` (a word's part before a line-end hyphen) onto the next line, in the same column."""
    line = head.y1 - head.y0
    for tail in page.words:
        if not (0.5 * line < tail.y0 - head.y0 <= 2.5 * line and head.x0 - 150 <= tail.x0 <= head.x1):
            continue
        first = re.split(r"[-\u2010\u2011]", tail.text)[0].strip(_PUNCT)
        if not first:
            continue
        joined, at = start + first, [*cuts, len(start)]
        if dic is not None and all(cut in dic.positions(joined) for cut in at):  # type: ignore[attr-defined]
            whole.add(joined.strip(_PUNCT))
        rest = tail.text.rstrip(_PUNCT.replace("-", ""))
        if rest == first + "-" and len(at) < 8:  # the word goes on over a third line
            _join(page, tail, joined, at, dic, whole)


def page_texts(pages: list[Page]) -> list[str]:
    return [" ".join(w.text for w in page.words) for page in pages]
