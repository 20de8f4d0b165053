"""The ``workshop`` command line: a thin face over the service functions.

Errors a user can fix are printed as readable lines on stderr (exit 2 for bad input,
1 otherwise); anything unexpected is logged with its traceback and summarised.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop import __version__
from workshop.errors import WorkshopError
from workshop.i18n import system_language

if TYPE_CHECKING:  # imported by the commands that open it (start-up speed)
    from workshop.storage.db import Database

# The other command groups of this package; each adds its subcommands with ``register(subparsers)``.
COMMAND_GROUPS: tuple[str, ...] = ("workshop.cli.safety", "workshop.cli.report", "workshop.cli.collect",
                                   "workshop.cli.commitments", "workshop.cli.firm", "workshop.cli.guide",
                                   "workshop.cli.brand")


def _db(args: argparse.Namespace, *, write: bool = False) -> Database:
    """The database; a command that writes first becomes its one writer (workshop.storage.lock)."""
    if write:
        from workshop.storage.lock import open_for_writing

        database = open_for_writing(args.db, f"the command `workshop {args.command}`")[0]
    else:
        from workshop.storage.db import open_database

        database = open_database(args.db)
    for notice in database.notices:  # e.g. read-only medium, an interrupted last save
        print(f"note: {notice}", file=sys.stderr)
    return database


def cmd_new(args: argparse.Namespace) -> int:
    from workshop.workshops import create_workshop

    w = create_workshop(
        _db(args, write=True), args.client, args.title, args.date,
        language=args.lang, min_group_size=args.min_group,
        place=args.place or "", facilitator=args.facilitator or "",
    )
    print(w.id)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from workshop.demo import create_demo

    print(create_demo(_db(args, write=True), lang=args.lang))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from workshop.workshops import list_workshops

    rows = list_workshops(_db(args), args.search or "")
    if args.json:
        print(json.dumps([
            {"id": r.id, "client": r.client, "title": r.title, "date": r.date.isoformat(),
             "participants": r.participants, "complete": r.complete, "mean": r.mean, "stage": r.stage}
            for r in rows
        ], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No workshops yet. Create one with `workshop new` or try `workshop demo`.")
    for r in rows:
        mean = f"{r.mean:.1f}" if r.mean is not None else "–"
        print(f"{r.id:>5}  {r.date.isoformat()}  {r.client} — {r.title}  "
              f"({r.complete}/{r.participants} complete, mean {mean}, {r.stage or 'no stage yet'})")
    return 0


def cmd_import_responses(args: argparse.Namespace) -> int:
    from workshop.importing import import_responses

    report = import_responses(_db(args, write=True), args.id, args.file)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{report.added} participant(s) added, {report.updated} updated.")
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from workshop.results import results_text
    from workshop.results_json import results_json

    db = _db(args)
    if args.json:
        print(json.dumps(results_json(db, args.id), ensure_ascii=False, indent=2))
    else:
        print(results_text(db, args.id, args.lang))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workshop.transfer import export_workshop

    path = export_workshop(_db(args), args.id, args.out)
    print(f"Workshop {args.id} written to {path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workshop.transfer import import_workshop

    print(import_workshop(_db(args, write=True), args.file))
    return 0


def _workshop_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a workshop id (a whole number)") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a workshop id")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop",
        description="Alignment Workshop: run a Sales–Marketing alignment workshop. "
        "Without a command, the app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or URL (default: $WORKSHOP_DB, "
                        "else workshop.db in your data folder)")
    parser.add_argument("--exit-after-startup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--self-test", action="store_true",
                        help="check on a temporary database that every part of the app works, then exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(handler=handler)
        return p

    p = add("new", cmd_new, "create a workshop and print its id")
    p.add_argument("--client", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("--min-group", type=int, default=3, metavar="N",
                   help="smallest group shown as a breakdown (default 3)")
    p.add_argument("--place")
    p.add_argument("--facilitator")

    p = add("demo", cmd_demo, "create a realistic demo workshop and print its id")
    p.add_argument("--lang", choices=("nl", "en"), default="en")

    p = add("list", cmd_list, "list the workshops")
    p.add_argument("--json", action="store_true")
    p.add_argument("--search", help="only clients or titles containing this text")

    p = add("import-responses", cmd_import_responses, "import answers from a CSV file (all or nothing)")
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("file", metavar="FILE")

    p = add("results", cmd_results, "show a workshop's results")
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("--json", action="store_true", help="the results JSON documented in the README")
    p.add_argument("--lang", choices=("nl", "en"), help="language of the statements (default: the workshop's)")

    p = add("export", cmd_export, "write a whole workshop to one file")
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE")

    p = add("import", cmd_import, "create a new workshop from a workshop file and print its id")
    p.add_argument("file", metavar="FILE")

    for module in COMMAND_GROUPS:
        importlib.import_module(module).register(sub)
    return parser


@dataclass(frozen=True)
class Face:
    """What the window adds to the command line, handed in by ``ui.launch`` (this package
    never imports the GUI): opening the app, and the self-test's checks of the interface."""

    open_app: Callable[[argparse.Namespace], int] | None = None
    gui_checks: Callable[[], list] | None = None


def _open_gui(args: argparse.Namespace, face: Face) -> int:
    if face.open_app is None:
        print("The window is not part of `python -m workshop`; start `workshop` (or `python -m ui`). "
              "Run `workshop --help` for the command line.", file=sys.stderr)
        return 1
    return face.open_app(args)


def _self_test(face: Face) -> int:
    from workshop.selftest import CORE_CHECKS, run_checks

    if face.gui_checks is not None:
        return run_checks(CORE_CHECKS + face.gui_checks())

    def gui_missing(_folder: object) -> str:
        raise RuntimeError("the interface is not loaded by `python -m workshop`; run `workshop --self-test`")

    return run_checks([*CORE_CHECKS, ("gui", gui_missing)])


def main(argv: Sequence[str] | None = None, face: Face = Face()) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    try:
        if args.self_test:
            return _self_test(face)
        if args.command is None:
            return _open_gui(args, face)
        return args.handler(args)
    except WorkshopError as exc:
        print(f"error: {exc.render(system_language())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (say `| head`) stopped early: not a failure. Point stdout at devnull so
        # the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: log, summarise, exit
        from workshop.logs import log_unexpected

        path = log_unexpected(exc, f"in `workshop {args.command}`")
        where = f"; details are in {path}" if path else ""
        print(f"error: something unexpected went wrong ({type(exc).__name__}: {exc}){where}", file=sys.stderr)
        return 1


def gui_main(face: Face) -> int:
    """Entry point of ``workshop-gui``: the app, with the same options."""
    args = build_parser().parse_args(sys.argv[1:])
    if args.self_test:
        return _self_test(face)
    return _open_gui(args, face)


if __name__ == "__main__":
    sys.exit(main())
