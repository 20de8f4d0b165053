"""``workshop report``: write the facilitator report, handouts or questionnaires as a PDF."""

from __future__ import annotations

import argparse


def cmd_report(args: argparse.Namespace) -> int:
    from workshop.report.build import make_report
    from workshop.storage.db import open_database

    db = open_database(args.db)
    comparison = None
    if args.firm:
        from workshop.benchmark import benchmark

        firm = open_database(args.firm)
        try:
            comparison = benchmark(db, args.id, firm, industry=args.industry)
        finally:
            firm.close()
    path = make_report(
        db, args.id, args.kind, args.out,
        personal=args.personal, paper=args.paper, lang=args.lang, blank=args.blank, benchmark=comparison,
    )
    what = {"facilitator": "Facilitator report", "handouts": "Handouts", "questionnaires": "Questionnaires"}
    print(f"{what[args.kind]} written to {path}")
    return 0


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= number <= 500:
        raise argparse.ArgumentTypeError("choose 0 to 500 blank forms")
    return number


def register(subparsers: argparse._SubParsersAction) -> None:
    from workshop.cli.core import _workshop_id

    help_ = "write the facilitator report, participant handouts or paper questionnaires as a PDF"
    p = subparsers.add_parser("report", help=help_, description=help_)
    p.set_defaults(handler=cmd_report)
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--kind", required=True, choices=("facilitator", "handouts", "questionnaires"),
                   help="what to make")
    p.add_argument("--personal", action="store_true",
                   help="handouts: add each participant's own total and stage beside the group's")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: the workshop's, else A4)")
    p.add_argument("--lang", choices=("nl", "en"), help="language (default: the workshop's)")
    p.add_argument("--blank", type=_count, default=0, metavar="N",
                   help="questionnaires: add N blank forms for people not on the list")

    p.add_argument("--firm", metavar="URL",
                   help="facilitator report: add how the client compares with the firm's other clients")
    p.add_argument("--industry", help="with --firm: compare only with clients of this industry")
