"""``workshop brand``: the firm's name, logo, colour and confidentiality line on every deliverable."""

from __future__ import annotations

import argparse


def cmd_brand(args: argparse.Namespace) -> int:
    from workshop.branding import check_colour, get_branding, read_logo, set_branding
    from workshop.cli.core import _db

    # Check the values before taking the database's write lock: a typo never locks anyone out.
    if args.colour is not None:
        check_colour(args.colour)
    if args.logo is not None:
        read_logo(args.logo)
    if args.client_logo is not None or args.workshop is not None:
        return _client_logo(args)
    changing = args.clear or any(v is not None for v in (args.name, args.logo, args.colour, args.confidential))
    if changing:
        info = set_branding(_db(args, write=True), firm_name=args.name, colour=args.colour,
                            confidentiality=args.confidential, logo=args.logo, clear=args.clear)
    else:
        info = get_branding(_db(args))
    if not info.is_set:
        print("No branding: deliverables carry the app's own plain look.")
        return 0
    print(f"Firm: {info.firm_name or '-'}")
    print(f"Colour: {info.colour or '-'}")
    print(f"Confidentiality line: {info.confidentiality or '-'}")
    print(f"Logo: {f'{info.logo_type.upper()}, {len(info.logo) // 1024 or 1} KB' if info.logo else '-'}")
    return 0


def _client_logo(args: argparse.Namespace) -> int:
    from workshop.branding import read_logo, set_texts
    from workshop.cli.core import _db
    from workshop.errors import InputError

    if args.client_logo is None or args.workshop is None:
        raise InputError("Give both --workshop ID and --client-logo FILE (or --client-logo none to remove it).")
    remove = args.client_logo.lower() == "none"
    if not remove:
        read_logo(args.client_logo)
    set_texts(_db(args, write=True), args.workshop, client_logo=None if remove else args.client_logo,
              clear_client_logo=remove)
    print(f"Client logo {'removed from' if remove else 'set for'} workshop {args.workshop}.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    help_ = "set or show the firm's branding used on every report, handout and deck"
    p = subparsers.add_parser("brand", help=help_, description=help_ + "; with no options it shows it")
    p.set_defaults(handler=cmd_brand)
    p.add_argument("--name", metavar="TEXT", help="the firm's name")
    p.add_argument("--logo", metavar="FILE", help="the firm's logo, PNG or SVG, at most 512 KB")
    p.add_argument("--colour", "--color", metavar="#RRGGBB", help="the firm's colour for titles and rules")
    p.add_argument("--confidential", metavar="TEXT", help="a confidentiality line for covers and footers")
    p.add_argument("--clear", action="store_true", help="remove the branding first (then apply any other option)")
    p.add_argument("--workshop", type=int, metavar="ID", help="with --client-logo: the workshop whose cover shows it")
    p.add_argument("--client-logo", metavar="FILE",
                   help="the client's logo (PNG or SVG, at most 512 KB) for one workshop, or 'none'")
