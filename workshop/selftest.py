"""``workshop --self-test``: prove on a throw-away database that every part of the app works.

Run after an install or a build; each check prints one line and the exit code is 0 only
if all passed. The checks that need Qt (main window, phone server) are added by the GUI
package, so this module stays free of Qt.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Check = tuple[str, Callable[[Path], str]]


def check_migrations(folder: Path) -> str:
    from workshop.storage.db import HEAD, current_revision, open_database

    db = open_database(folder / "selftest.db")
    revision = current_revision(db.engine)
    db.close()
    if revision != HEAD:
        raise RuntimeError(f"schema at {revision}, expected {HEAD}")
    return f"schema {revision}"


def check_instrument(_folder: Path) -> str:
    from workshop.instrument import LANGUAGES, load_instrument

    instrument = load_instrument()
    for lang in LANGUAGES:
        for statement in instrument.statements:
            if not statement.text(lang):
                raise RuntimeError(f"{statement.id} has no {lang} text")
    return f"{instrument.id} {instrument.version}, {len(instrument.statements)} statements in nl and en"


def check_scoring(folder: Path) -> str:
    from workshop.demo import create_demo
    from workshop.results_json import results_json
    from workshop.storage.db import open_database

    db = open_database(folder / "selftest.db")
    try:
        data = results_json(db, create_demo(db, "nl"))
    finally:
        db.close()
    if data["stage"] is None or data["complete"] < 16:
        raise RuntimeError("the demo workshop did not score")
    return f"demo scored: mean {data['total']['mean']:.1f}, stage {data['stage']}"


def check_report(folder: Path) -> str:
    """A one-page PDF with the embedded font and the stage gauge, as the reports draw it."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from workshop.charts import stage_gauge
    from workshop.report.fonts import register_fonts
    from workshop.results import compute
    from workshop.storage.db import open_database
    from workshop.workshops import list_workshops

    db = open_database(folder / "selftest.db")
    try:
        results = compute(db, max(w.id for w in list_workshops(db)))
    finally:
        db.close()
    figure = stage_gauge(results, "nl")
    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=200)
    regular, _bold = register_fonts()
    out = folder / "selftest.pdf"
    canvas = Canvas(str(out), pagesize=A4)
    width, height = A4
    canvas.setFont(regular, 14)
    canvas.drawString(60, height - 80, "Zelftest: Geïntegreerd, Uitgelijnd — één pagina")
    canvas.drawImage(ImageReader(png), 60, height - 400, width=width - 120, height=280, preserveAspectRatio=True)
    canvas.showPage()
    canvas.save()
    data = out.read_bytes()
    if not data.startswith(b"%PDF") or b"FontFile2" not in data:
        raise RuntimeError("the PDF is damaged or has no embedded font")
    return f"one-page PDF with a chart and an embedded font, {len(data) // 1024} KB"


def check_deck(folder: Path) -> str:
    """The editable deck, and the fallback fonts for Chinese names and emoji (both must be bundled)."""
    import zipfile

    from workshop.report import make_report
    from workshop.report.fonts import runs
    from workshop.storage.db import open_database
    from workshop.workshops import list_workshops

    db = open_database(folder / "selftest.db")
    try:
        out = make_report(db, max(w.id for w in list_workshops(db)), "deck", folder / "selftest.pptx")
    finally:
        db.close()
    with zipfile.ZipFile(out) as deck:
        slides = [n for n in deck.namelist() if n.startswith("ppt/slides/slide")]
    fonts = {font for font, _chunk in runs("Zoë 欧阳 \U0001f680")}
    if not slides or len(fonts) < 3:
        raise RuntimeError(f"the deck has {len(slides)} slides and the text found {len(fonts)} of 3 fonts")
    return f"deck with {len(slides)} slides, {len(fonts)} fonts for Latin, Chinese and emoji"


def check_branding(_folder: Path) -> str:
    """An SVG logo drawn to PNG, and the hyphenation dictionaries of both languages (both must be bundled)."""
    from workshop.branding import check_logo_bytes
    from workshop.report.hyphenation import syllables

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="30" height="10"/></svg>'
    png, _kind = check_logo_bytes(svg)
    words = {"nl": "Gemiddelde", "en": "Responsibilities"}
    broken = {lang: "-".join(syllables(word, lang)) for lang, word in words.items()}
    if any(text == words[lang] for lang, text in broken.items()):
        raise RuntimeError(f"a hyphenation dictionary is missing: {broken}")
    return f"SVG logo drawn ({len(png)} bytes), hyphenation {broken['nl']}, {broken['en']}"


CORE_CHECKS: list[Check] = [
    ("migrations", check_migrations),
    ("instrument", check_instrument),
    ("scoring", check_scoring),
    ("report", check_report),
    ("deck", check_deck),
    ("branding", check_branding),
]


def run_checks(checks: list[Check], out: Callable[[str], None] = print) -> int:
    """Run every check (each after the one before, on one temporary folder)."""
    failures = 0
    with tempfile.TemporaryDirectory(prefix="workshop-selftest-") as tmp:
        folder = Path(tmp)
        for name, check in checks:
            start = time.perf_counter()
            try:
                detail = check(folder)
            except Exception as exc:  # noqa: BLE001 - a self-test reports every failure and goes on
                failures += 1
                out(f"FAIL  {name}: {type(exc).__name__}: {exc}")
            else:
                out(f"ok    {name}: {detail} ({(time.perf_counter() - start) * 1000:.0f} ms)")
    out("self-test passed" if not failures else f"self-test FAILED: {failures} check(s)")
    return 0 if not failures else 1
