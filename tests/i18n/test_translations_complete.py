"""Every string a user can see has a Dutch and an English text.

English is the source language of the code; Dutch lives in ``resources/locale/nl/*.po``.
The instrument and the phone page carry both languages themselves. The test reads the
code with ``ast``: strings passed to a translation function must be in the Dutch
catalogue, and strings handed straight to a Qt text setter must go through one.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from workshop.i18n import catalogue
from workshop.instrument import default_instrument

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.joinpath("ui").rglob("*.py"), *ROOT.joinpath("workshop").rglob("*.py")])
# Names under which a translation function is called: _("…"), N_("…"), t("…"), self._("…").
TRANSLATORS = {"_", "N_", "t"}
# Qt calls whose text argument reaches the screen.
QT_TEXT = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip", "setAccessibleName",
    "setAccessibleDescription", "setTitle", "addAction", "addMenu", "setWhatsThis", "QLabel", "QPushButton",
    "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "information", "warning", "critical", "question",
    "setLabelText", "setHeaderLabels", "addTab", "setTabText", "showMessage",
}
WORD = re.compile(r"[A-Za-z]{2,}")


def _translated_calls(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        arg = node.args[0]
        if name in TRANSLATORS and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((node.lineno, arg.value))
    return found


def _bare_qt_texts(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in QT_TEXT:
            continue
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and WORD.search(arg.value):
                found.append((node.lineno, arg.value))
            if isinstance(arg, ast.JoinedStr):
                literal = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
                if WORD.search(literal):
                    found.append((node.lineno, literal))
    return found


def _parsed() -> list[tuple[Path, ast.AST]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in SOURCES]


def test_every_marked_string_has_a_dutch_translation() -> None:
    dutch = catalogue("nl")
    missing = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path, tree in _parsed()
        if path.parts[-2:] != ("workshop", "cli.py")
        for line, text in _translated_calls(tree)
        if text not in dutch
    ]
    assert not missing, f"{len(missing)} string(s) without Dutch:\n" + "\n".join(missing)


def test_no_untranslated_text_reaches_a_qt_widget() -> None:
    bare = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path, tree in _parsed()
        if path.parts[-2] == "ui" or "ui" in path.relative_to(ROOT).parts[:1]
        for line, text in _bare_qt_texts(tree)
    ]
    assert not bare, f"{len(bare)} literal text(s) shown without translation:\n" + "\n".join(bare)


def test_dutch_translations_keep_their_placeholders() -> None:
    dutch = catalogue("nl")
    placeholder = re.compile(r"\{[a-z_0-9]*\}|%\(?[a-z_]*\)?[sd]")
    wrong = [f"{msgid!r} → {msgstr!r}" for msgid, msgstr in dutch.items()
             if sorted(placeholder.findall(msgid)) != sorted(placeholder.findall(msgstr))]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_instrument_is_complete_in_both_languages(lang: str) -> None:
    instrument = default_instrument()
    texts = [instrument.title, instrument.source, instrument.themes_note]
    texts += [s.text for s in instrument.statements] + [s.label for s in instrument.scale]
    texts += [t.name for t in instrument.themes] + [s.name for s in instrument.stages]
    texts += [s.description for s in instrument.stages]
    texts += [p.title for p in instrument.practices] + [p.description for p in instrument.practices]
    for rule in instrument.decision.values():
        texts += [c.text for c in (*rule.stay_if, *rule.move_if)]
    texts += [b.name for b in instrument.funnel.buying_stages]
    texts += [s.name for s in instrument.funnel.sales_steps] + [s.contribution for s in instrument.funnel.sales_steps]
    assert all(text(lang).strip() for text in texts)


def test_phone_page_strings_exist_in_both_languages() -> None:
    """app.js holds ``var STRINGS = {en: {key: "…", …}, nl: {…}}``; both need the same keys."""
    script = (ROOT / "resources" / "phone" / "app.js").read_text(encoding="utf-8")
    block = script[script.index("STRINGS = {"):]
    en_part = block[block.index("en: {"):block.index("nl: {")]
    nl_part = block[block.index("nl: {"):]
    nl_part = nl_part[: nl_part.index("\n  };")]
    entry = re.compile(r'^\s+([a-z_0-9]+):\s*"(.*)",?\s*$', re.MULTILINE)
    english, dutch = dict(entry.findall(en_part)), dict(entry.findall(nl_part))
    assert len(english) > 20
    assert set(english) == set(dutch), set(english) ^ set(dutch)
    assert all(v.strip() for v in [*english.values(), *dutch.values()])
