"""Where the app's bundled data lives, both from a source checkout and from a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder that ships beside the ``workshop`` package."""
    if getattr(sys, "frozen", False):
        # PyInstaller unpacks bundled data under _MEIPASS, not next to the modules (its boot loader sets
        # sys._MEIPASS, which typeshed does not know).
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent / "resources"
