"""``workshop run-sheet``: the facilitator's one-page agenda with times, as a PDF."""

from __future__ import annotations

import argparse


def cmd_run_sheet(args: argparse.Namespace) -> int:
    from workshop.report.run_sheet import make_run_sheet
    from workshop.storage.db import open_database

    path = make_run_sheet(open_database(args.db), args.id, args.out, lang=args.lang, paper=args.paper,
                          start=args.start)
    print(f"Run sheet written to {path}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    from workshop.cli.core import _workshop_id

    help_ = "write the facilitator's run sheet: the agenda with times, purpose and what to look for per step"
    p = subparsers.add_parser("run-sheet", help=help_, description=help_)
    p.set_defaults(handler=cmd_run_sheet)
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--start", metavar="HH:MM", help="start time (default: the workshop's, else 09:00)")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: the workshop's, else A4)")
    p.add_argument("--lang", choices=("nl", "en"), help="language (default: the workshop's)")
