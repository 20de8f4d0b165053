"""Screenshots for docs/screenshots, refreshed only when asked (WORKSHOP_SAVE_SCREENSHOTS=1):
a test run must not change the checkout."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def asked() -> bool:
    return os.environ.get("WORKSHOP_SAVE_SCREENSHOTS") == "1"


def shots_folder(scratch: Path) -> Path:
    """docs/screenshots when asked, else a scratch folder of the test's own."""
    return SCREENSHOTS if asked() else scratch


def snapshot(widget: QWidget, name: str) -> None:
    """Save ``widget`` as docs/screenshots/<name> when asked; always check that it draws."""
    image = widget.grab()
    assert not image.isNull()
    if asked():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        image.save(str(SCREENSHOTS / name))
