"""The report font: DejaVu Sans (regular and bold), shipped in ``resources/fonts/``.

The fonts are embedded (subset) in every PDF, so accented Dutch text prints anywhere.
The licence (``resources/fonts/LICENSE_DEJAVU.txt``) permits embedding and redistribution.
Matplotlib draws its charts in DejaVu Sans too, so chart text and body text match.
"""

from __future__ import annotations

from functools import cache

from workshop.errors import WorkshopError
from workshop.i18n import N_
from workshop.paths import resources_dir

REGULAR = "WorkshopSans"
BOLD = "WorkshopSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> tuple[str, str]:
    """Register the TrueType fonts with reportlab once; returns (regular, bold) names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for name, filename in FILES.items():
        path = folder / filename
        if not path.is_file():
            raise WorkshopError(N_("The report font {filename} is missing from {folder}; reinstall the app."),
                                filename=filename, folder=folder)
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> in paragraphs picks the bold face; there is no italic face, so italics stay upright.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
    return REGULAR, BOLD


def font_for_file(filename: str) -> str | None:
    """The registered report font that is the same face as a matplotlib font file, if any."""
    for name, ours in FILES.items():
        if filename == ours:
            return name
    return None
