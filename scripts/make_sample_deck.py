"""Write the deck of the real-data workshop (long names in five scripts, emoji, 60 people) to a file.

Used by CI to prove LibreOffice opens the deck, and handy to look at one: python
scripts/make_sample_deck.py OUT.pptx [nl|en]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.real_data import TODAY, create_real_workshop  # noqa: E402
from workshop.branding import set_branding  # noqa: E402
from workshop.report import make_report  # noqa: E402
from workshop.storage.db import open_database  # noqa: E402


def main(out: str, lang: str = "en") -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "real.db")
        wid = create_real_workshop(db, lang)
        set_branding(db, firm_name="Kees & Partners Adviseurs", colour="#7A1F5C",
                     confidentiality="Confidential: for the client's board only")
        make_report(db, wid, "deck", out, lang=lang, today=TODAY)
        db.close()
    print(f"deck written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
