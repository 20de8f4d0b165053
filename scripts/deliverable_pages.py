"""Sample pages of the client-grade deliverables, from the real-data workshop, to docs/screenshots/.

    python scripts/deliverable_pages.py     (needs pdftoppm; soffice for the deck's slides)

The workshop has long names in five scripts, a Chinese name, emoji, 60 participants and
overdue commitments; the firm's branding (name, colour, logo, confidentiality line) and a
client's logo (an SVG) are set.
PDF pages become deliverable-<kind>-<lang>-<paper>-p<N>.png; the deck is converted to PDF
by LibreOffice (with the app's fonts, as on a machine that has them) and its slides become
deliverable-deck-<lang>-s<N>.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.real_data import TODAY, create_real_workshop  # noqa: E402
from workshop.branding import set_branding, set_texts  # noqa: E402
from workshop.report import make_report  # noqa: E402
from workshop.storage.db import open_database  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PAGES = {("client", "a4"): (1, 2, 14, 15), ("handouts", "letter"): (1, 2), ("questionnaires", "letter"): (1,)}
SLIDES = (1, 2, 4, 8, 11)
SUMMARY = {
    "en": "A motivated group that wants to move on. The widest gaps are about feedback and joint planning: "
          "start there, with one monthly pipeline review that both directors attend.",
    "nl": "Een gemotiveerde groep die verder wil. De grootste verschillen gaan over feedback en samen plannen: "
          "begin daar, met één maandelijkse pijplijnbespreking waar beide directeuren bij zijn.",
}


def _logo(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 20, 160, 180), 30, fill="#7A1F5C")
    draw.text((190, 70), "KEES & PARTNERS", fill="#333333", font_size=48)
    image.save(path)
    return path


CLIENT_LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">'
               '<circle cx="60" cy="60" r="56" fill="#2A7A3B"/><path d="M30 60 L55 85 L92 36" stroke="white" '
               'stroke-width="12" fill="none" stroke-linecap="round"/><rect x="130" y="30" width="100" height="22" '
               'rx="6" fill="#2A7A3B"/><rect x="130" y="68" width="70" height="22" rx="6" fill="#8BBF95"/></svg>')


def png(pdf: Path, page: int, stem: Path, dpi: int = 80) -> None:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                    str(stem)], check=True)
    print(stem.with_suffix(".png").relative_to(ROOT))


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for lang in ("en", "nl"):
            db = open_database(folder / f"{lang}.db")
            wid = create_real_workshop(db, lang)
            set_branding(db, firm_name="Kees & Partners Adviseurs", colour="#7A1F5C", logo=_logo(folder / "logo.png"),
                         confidentiality={"en": "Confidential: for the client's board only",
                                          "nl": "Vertrouwelijk: alleen voor de directie van de klant"}[lang])
            client_logo = folder / "client.svg"  # an SVG, drawn to PNG when it is stored
            client_logo.write_text(CLIENT_LOGO, encoding="utf-8")
            set_texts(db, wid, summary=SUMMARY[lang], client_logo=client_logo)
            for (kind, paper), pages in PAGES.items():
                pdf = make_report(db, wid, kind, folder / f"{kind}-{lang}.pdf", lang=lang, paper=paper,
                                  personal=kind == "handouts", today=TODAY)
                for page in pages:
                    png(pdf, page, OUT / f"deliverable-{kind}-{lang}-{paper}-p{page}")
            deck = make_report(db, wid, "deck", folder / f"deck-{lang}.pptx", lang=lang, today=TODAY)
            db.close()
            if shutil.which("soffice") is None:
                print("soffice is missing: no slides rendered", file=sys.stderr)
                continue
            home = folder / "home"
            (home / ".fonts").mkdir(parents=True, exist_ok=True)
            for font in (ROOT / "resources" / "fonts").glob("*.ttf"):
                shutil.copy(font, home / ".fonts" / font.name)
            subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                            str(deck)], check=True, capture_output=True, env={**os.environ, "HOME": str(home)})
            for slide in SLIDES:
                png(deck.with_suffix(".pdf"), slide, OUT / f"deliverable-deck-{lang}-s{slide}", dpi=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
