"""``workshop commitments ID``: list a workshop's commitments, or write them as an Excel-safe CSV."""

from __future__ import annotations

import argparse

SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t"}


def _id(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a workshop id (a whole number)")
    return int(value)


def cmd_commitments(args: argparse.Namespace) -> int:
    from workshop.commitments import STATUS_LABELS, export_csv, list_commitments
    from workshop.i18n import translator
    from workshop.storage.db import open_database
    from workshop.workshops import get_workshop

    db = open_database(args.db)
    lang = args.lang or get_workshop(db, args.id).language
    items = list_commitments(db, args.id, sort=args.sort, status=args.status)
    if args.csv:
        path = export_csv(db, args.id, args.csv, lang=lang, delimiter=SEPARATORS.get(args.sep or ""), items=items)
        print(f"{len(items)} commitment(s) written to {path}")
        return 0
    if not items:
        print("No commitments yet.")
    t = translator(lang)
    for c in items:
        due = c.due_date.isoformat() if c.due_date else "no date"
        late = "  OVERDUE" if c.is_overdue() else ""
        owner = f" ({c.owner})" if c.owner else ""
        print(f"{c.id:>5}  {due:<10}  {t(STATUS_LABELS[c.status]):<8} {c.what}{owner}{late}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    text = "list a workshop's commitments, or write them as a CSV that is safe to open in Excel"
    p = sub.add_parser("commitments", help=text, description=text)
    p.set_defaults(handler=cmd_commitments)
    p.add_argument("id", type=_id, metavar="ID")
    p.add_argument("--csv", metavar="FILE", help="write a CSV (UTF-8 with BOM) instead of listing")
    p.add_argument("--sep", choices=tuple(SEPARATORS),
                   help="CSV separator (default: semicolon for a Dutch workshop, comma for English)")
    p.add_argument("--lang", choices=("nl", "en"), help="language of headers and labels (default: the workshop's)")
    p.add_argument("--status", choices=("open", "done", "dropped"), help="only commitments with this status")
    p.add_argument("--sort", default="position",
                   choices=("position", "what", "owner", "function", "due_date", "status"))
