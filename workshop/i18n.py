"""Translation of interface and report strings (gettext catalogues, English as the source).

Dutch catalogues are the ``.po`` files in ``resources/locale/nl/`` (one per area, e.g.
``ui.po``, ``report.po``); they are read directly, so there is no compile step that could
leave a stale binary behind. Mark strings with ``_()`` (current interface language) or
take ``translator(lang)`` where the language is the workshop's (reports, handouts).
"""

from __future__ import annotations

import ast
import locale
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from workshop.paths import resources_dir

LANGUAGES = ("nl", "en")
_current = "en"


def locale_dir() -> Path:
    return resources_dir() / "locale"


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of one .po file; untranslated (empty) and fuzzy entries are skipped."""
    catalogue: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    fuzzy = False
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None and not fuzzy:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                catalogue[key] = value

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            msgid = msgstr = None
            fuzzy = True
        elif line.startswith("msgid "):
            flush()
            if msgstr is not None or msgid is None:
                fuzzy = fuzzy and msgstr is None
            msgid, msgstr = [_po_string(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_po_string(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_po_string(line))
        elif not line:
            flush()
            msgid = msgstr = current = None
            fuzzy = False
    flush()
    return catalogue


def _po_string(quoted: str) -> str:
    """The text of a quoted .po string; most have no escapes and need no parser (start-up speed)."""
    quoted = quoted.strip()
    body = quoted[1:-1]
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"' or '"' in body or "\\" in body:
        return str(ast.literal_eval(quoted))
    return body


@cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    folder = locale_dir() / lang
    if folder.is_dir():
        for path in sorted(folder.glob("*.po")):
            merged.update(read_po(path))
    return merged


Translate = Callable[[str], str]  # a gettext function: English source text in, translation out


def translator(lang: str) -> Translate:
    """A gettext function for one language (English strings are the source)."""
    table = catalogue(lang) if lang != "en" else {}
    return lambda message: table.get(message, message)


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate into the current interface language."""
    if _current == "en":
        return message
    return catalogue(_current).get(message, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated where shown)."""
    return message


def system_language() -> str:
    """nl when the system speaks Dutch, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "nl" if code.lower().startswith("nl") else "en"
