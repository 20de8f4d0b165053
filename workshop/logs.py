"""The log file: where unexpected errors go with their traceback, never to the user's face."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_configured = False


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("AlignmentWorkshop", appauthor=False))


def log_path() -> Path:
    return log_dir() / "workshop.log"


def setup_logging() -> Path | None:
    """Log to a rotating file; returns its path, or None when the folder is not writable."""
    global _configured
    path = log_path()
    if _configured:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured = True
    return path


def log_unexpected(exc: BaseException, context: str = "") -> Path | None:
    path = setup_logging()
    logging.getLogger("workshop").error("Unexpected error %s", context, exc_info=exc)
    return path
