"""``workshop report``: write the client report, handouts or questionnaires as a PDF, or the deck."""

from __future__ import annotations

import argparse


def cmd_report(args: argparse.Namespace) -> int:
    from workshop.errors import InputError
    from workshop.report.build import make_report, make_split_handouts
    from workshop.storage.db import open_database

    if args.split is not None:
        if args.kind != "handouts":
            raise InputError("--split makes one PDF per participant: use it with --kind handouts.")
        written = make_split_handouts(open_database(args.db), args.id, args.split, personal=args.personal,
                                      paper=args.paper, lang=args.lang)
        print(f"{len(written)} handouts written to {args.split}")
        return 0
    if args.out is None:
        raise InputError("Say where to write the file with --out (or --split DIR for one handout per person).")
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
    what = {"client": "Client report", "facilitator": "Client report", "handouts": "Handouts",
            "questionnaires": "Questionnaires", "deck": "Deck"}
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

    help_ = ("write the client report, participant handouts or paper questionnaires as a PDF, or the editable "
             "deck as PowerPoint")
    p = subparsers.add_parser("report", help=help_, description=help_)
    p.set_defaults(handler=cmd_report)
    p.add_argument("id", type=_workshop_id, metavar="ID")
    p.add_argument("--out", metavar="FILE", help="where to write the PDF (or the .pptx for --kind deck)")
    p.add_argument("--split", metavar="DIR",
                   help="handouts: one PDF per participant in this folder, named after them, for e-mailing")
    p.add_argument("--kind", required=True, choices=("client", "facilitator", "handouts", "questionnaires", "deck"),
                   help="what to make (facilitator is the older name of the client report)")
    p.add_argument("--personal", action="store_true",
                   help="handouts: add each participant's own total and stage beside the group's")
    p.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: the workshop's, else A4)")
    p.add_argument("--lang", choices=("nl", "en"), help="language (default: the workshop's)")
    p.add_argument("--blank", type=_count, default=0, metavar="N",
                   help="questionnaires: add N blank forms for people not on the list")

    p.add_argument("--firm", metavar="URL",
                   help="facilitator report: add how the client compares with the firm's other clients")
    p.add_argument("--industry", help="with --firm: compare only with clients of this industry")
