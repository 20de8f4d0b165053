"""The log file: where unexpected errors go with their traceback, never to the user's face."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_handler: logging.Handler | None = None
_handler_path: Path | None = None


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("AlignmentWorkshop", appauthor=False))


def log_path() -> Path:
    return log_dir() / "workshop.log"


def setup_logging() -> Path | None:
    """Log to a rotating file; returns its path, or None when the folder is not writable.

    The file follows the user's log folder: if that moved (another user profile, a test's
    home), the handler moves with it instead of writing to the old place.
    """
    global _handler, _handler_path
    path = log_path()
    if _handler is not None and _handler_path == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _handler, _handler_path = handler, path
    return path


def log_unexpected(exc: BaseException, context: str = "") -> Path | None:
    path = setup_logging()
    logging.getLogger("workshop").error("Unexpected error %s", context, exc_info=exc)
    return path
