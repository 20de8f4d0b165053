"""Render sample pages of every printed document, in both languages, to docs/screenshots/.

    python scripts/report_pages.py        (needs pdftoppm from poppler-utils)

Each document is made from the demo workshop on a throw-away database, then chosen pages
are turned into PNG files named report-<kind>-<lang>-p<N>.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop.demo import create_demo  # noqa: E402
from workshop.report.build import make_report  # noqa: E402
from workshop.storage.db import open_database  # noqa: E402

PAGES = {"facilitator": (1, 2, 4, 7, 8), "handouts": (1,), "questionnaires": (1,)}


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    out_dir = ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en", "nl"):
            db = open_database(Path(tmp) / f"{lang}.db")
            workshop_id = create_demo(db, lang)
            for kind, pages in PAGES.items():
                pdf = make_report(db, workshop_id, kind, Path(tmp) / f"{kind}-{lang}.pdf", personal=kind == "handouts")
                for page in pages:
                    stem = out_dir / f"report-{kind}-{lang}-p{page}"
                    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                                    str(pdf), str(stem)], check=True)
                    print(stem.with_suffix(".png").relative_to(ROOT))
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
