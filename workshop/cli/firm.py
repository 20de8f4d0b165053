"""The firm's database: ``firm-setup``, ``publish``, ``fetch``, ``benchmark`` and ``client``.

The laptop's database is ``--db`` as everywhere; the firm's is a URL given with
``--to``, ``--from`` or ``--firm`` (or ``$WORKSHOP_FIRM_DB``). Passwords never go on the
command line: they come from a libpq service or password file, or the system keyring.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by the commands that open it (start-up speed)
    from workshop.storage.db import Database

from workshop.i18n import N_

FIRM_ENV = "WORKSHOP_FIRM_DB"


def _firm(url: str | None) -> Database:
    from workshop.errors import InputError
    from workshop.storage.db import open_database

    url = url or os.environ.get(FIRM_ENV)
    if not url:
        raise InputError(N_("Name the firm's database: a postgresql:// URL, or set ${FIRM_ENV}."), FIRM_ENV=FIRM_ENV)
    return open_database(url)


def _local(args: argparse.Namespace, *, write: bool = False) -> Database:
    if write:
        from workshop.storage.lock import open_for_writing

        return open_for_writing(args.db, f"the command `workshop {args.command}`")[0]
    from workshop.storage.db import open_database

    return open_database(args.db)


def cmd_firm_setup(args: argparse.Namespace) -> int:
    from workshop.errors import InputError
    from workshop.publish import names_by_default, set_names_by_default
    from workshop.storage.db import is_postgresql, resolve_url

    url = args.firm or os.environ.get(FIRM_ENV)
    if not url:
        raise InputError(N_("Name the firm's database: a postgresql:// URL, or set ${FIRM_ENV}."), FIRM_ENV=FIRM_ENV)
    if is_postgresql(resolve_url(url)):
        from sqlalchemy.exc import DBAPIError

        from workshop.storage.server import connection_error, create_database_if_missing

        try:
            if create_database_if_missing(url):
                print("Created the database.")
        except DBAPIError as exc:
            raise connection_error(exc, url) from None
    firm = _firm(url)
    if args.names is not None:
        set_names_by_default(firm, args.names == "yes")
    policy = "published" if names_by_default(firm) else "left behind"
    print(f"The firm database is ready. Participants' names are {policy} by default.")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from workshop.publish import publish

    local = _local(args, write=True)
    names = False if args.without_names else (True if args.with_names else None)
    report = publish(local, args.id, _firm(args.to), names=names, force=args.force)
    if args.json:
        print(json.dumps({"workshop_uuid": report.workshop_uuid, "client_uuid": report.client_uuid,
                          "names": report.names, "backups": report.backups,
                          "workshops": [o.__dict__ for o in report.outcomes]}, ensure_ascii=False, indent=2))
        return 0
    for outcome in report.outcomes:
        print(f"{outcome.date}  {outcome.title}: {outcome.action}")
    if report.backups:
        print(f"The firm's earlier copy was kept as a backup ({report.backups}).")
    print(f"Published workshop {report.workshop_uuid} of client {report.client_uuid}"
          f"{'' if report.names else ', without participants’ names'}.")
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from workshop.publish import fetch

    report = fetch(_local(args, write=True), args.uuid, _firm(args.source))
    for outcome in report.outcomes:
        note = "  (changed here and at the firm: kept this laptop's copy)" if outcome.action == "kept" else ""
        print(f"{outcome.date}  {outcome.title}: {outcome.action}{note}")
    print(f"Client {report.client} ({report.client_uuid}): {len(report.outcomes)} workshop(s).")
    return 0


def cmd_benchmark(args: argparse.Namespace) -> int:
    from workshop.benchmark import benchmark, measure_label

    report = benchmark(_local(args), args.id, _firm(args.firm), industry=args.industry, size=args.size)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    scope = ", ".join(x for x in (args.industry, args.size) if x) or "all industries and sizes"
    print(f"{report.client} against {report.peers} other client(s) of the firm ({scope}):")
    for m in report.measures:
        value = "–" if m.value is None else f"{m.value:.1f}"
        where = f"percentile {m.percentile:.0f}" if m.percentile is not None else m.reason
        print(f"  {measure_label(m.id, 'en'):<32} {value:>6}   {where}")
    return 0


def cmd_client(args: argparse.Namespace) -> int:
    from workshop.client_profile import UNSET, get_profile, set_profile

    if args.industry is None and args.size is None:
        profile = get_profile(_local(args), args.client)
    else:
        profile, _changes = set_profile(
            _local(args, write=True), args.client,
            industry=UNSET if args.industry is None else args.industry,
            size=UNSET if args.size is None else args.size,
        )
    print(f"{profile.name}  uuid {profile.uuid}  industry {profile.industry or '–'}  size {profile.size or '–'}")
    return 0


def register(sub: Any) -> None:
    from workshop.cli.core import _workshop_id as _id
    from workshop.vocabulary import CLIENT_SIZES

    def add(name: str, handler: Any, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(handler=handler)
        return p

    p = add("firm-setup", cmd_firm_setup, "create (if missing) and migrate the firm's shared database")
    p.add_argument("--firm", metavar="URL", help=f"the firm's database (default: ${FIRM_ENV})")
    p.add_argument("--names", choices=("yes", "no"),
                   help="whether publishing takes participants' names along by default")

    p = add("publish", cmd_publish, "copy a workshop, its client and history into the firm's database")
    p.add_argument("id", type=_id, metavar="ID")
    p.add_argument("--to", metavar="URL", help=f"the firm's database (default: ${FIRM_ENV})")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--without-names", action="store_true", help="leave participants' names behind")
    group.add_argument("--with-names", action="store_true", help="take names along, whatever the firm's default")
    p.add_argument("--force", action="store_true",
                   help="replace the firm's copy even if it changed since; the firm's copy is kept as a backup")
    p.add_argument("--json", action="store_true")

    p = add("fetch", cmd_fetch, "bring a client's history from the firm's database onto this laptop")
    p.add_argument("uuid", metavar="UUID", help="the UUID of the client or of one of its workshops")
    p.add_argument("--from", dest="source", metavar="URL", help=f"the firm's database (default: ${FIRM_ENV})")

    p = add("benchmark", cmd_benchmark, "compare a workshop with the firm's other clients (percentiles)")
    p.add_argument("id", type=_id, metavar="ID")
    p.add_argument("--firm", metavar="URL", help=f"the firm's database (default: ${FIRM_ENV})")
    p.add_argument("--industry", help="only clients of this industry")
    p.add_argument("--size", choices=CLIENT_SIZES, help="only clients of this size (employees)")
    p.add_argument("--json", action="store_true")

    p = add("client", cmd_client, "show or set a client's industry and size")
    p.add_argument("client", metavar="CLIENT", help="the client's name (any case) or id")
    p.add_argument("--industry", help="e.g. 'Manufacturing' (empty to clear)")
    p.add_argument("--size", help=f"employees: one of {', '.join(CLIENT_SIZES)} (empty to clear)")
