"""The ``workshop`` and ``workshop-gui`` commands: the command line of ``workshop.cli.core`` with
the window behind it (no command opens the app) and the interface checks in ``--self-test``."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from workshop import cli

# The modules of the first window that need no Qt: the lock, the database (SQLAlchemy and
# its SQLite dialect) and the list of workshops (the models, scoring, the instrument).
CORE_MODULES = ("workshop.storage.lock", "workshop.storage.db", "sqlalchemy.dialects.sqlite", "workshop.workshops")


def _open_app(args: argparse.Namespace) -> int:
    # the command line loads Qt only when the window opens
    from ui.platform_libs import display_problem

    problem = display_problem()  # before Qt: it aborts the process on a missing library
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    _load_core_before_qt(args.db)
    from ui.app import run

    return run(db=args.db, exit_after_startup=args.exit_after_startup)


def _load_core_before_qt(db: str | None) -> None:
    """Import what the first window needs without Qt before PySide6 itself.

    Once PySide6 is loaded, its import hook reads the source of every module imported after
    it (looking for ``from __feature__ import``): for SQLAlchemy and the standard library
    modules it pulls in, megabytes read and scanned on every start."""
    for name in CORE_MODULES:
        importlib.import_module(name)
    _check_database_early(db)
    # What is loaded so far lives as long as the app: the garbage collector, which runs
    # often while modules load, need not walk it again.
    gc.freeze()


def _check_database_early(db: str | None) -> None:
    """Run the database's opening check while Qt loads: SQLite works without the GIL, so
    on a second core the check is done by the time the window opens the file."""
    from workshop.errors import WorkshopError
    from workshop.storage.db import resolve_url, sqlite_path
    from workshop.storage.health import check_early

    try:
        path = sqlite_path(resolve_url(db))
    except WorkshopError:
        return  # opening the database reports it, in the window
    if path is not None:
        check_early(path)


def _gui_checks() -> list:
    # the command line loads Qt only for --self-test
    from ui.selftest import GUI_CHECKS

    return GUI_CHECKS


FACE = cli.Face(open_app=_open_app, gui_checks=_gui_checks)


def main(argv: Sequence[str] | None = None) -> int:
    if _probing(argv):
        return _probe()
    return cli.main(argv, FACE)


def gui_main() -> int:
    if _probing(None):
        return _probe()
    return cli.gui_main(FACE)


def _probing(argv: Sequence[str] | None) -> bool:
    from ui.platform_libs import PROBE_FLAG

    return list(sys.argv[1:] if argv is None else argv) == [PROBE_FLAG]


def _probe() -> int:
    from ui.selftest import run_platform_probe

    return run_platform_probe()


if __name__ == "__main__":
    sys.exit(main())
