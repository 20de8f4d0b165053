"""Commands for backups, restoring and personal-data requests.

``workshop backup --out FILE``, ``workshop backups``, ``workshop restore FILE``,
``workshop participant-data``, ``workshop forget-participant`` and ``workshop delete-client``.
Service modules are imported inside the handlers, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workshop.i18n import N_


def _workshop_id(value: str) -> int:
    from workshop.cli.core import _workshop_id as parse

    return parse(value)


def cmd_backup(args: argparse.Namespace) -> int:
    from workshop.storage.backup import backup_to
    from workshop.storage.db import open_database

    path = backup_to(open_database(args.db), args.out)
    print(f"Backup written to {path}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from workshop.errors import DatabaseError
    from workshop.storage.backup import KINDS, backup_is_sound, list_backups
    from workshop.storage.db import open_database, resolve_url, sqlite_path
    from workshop.storage.health import DamagedDatabaseError

    code = 0
    try:
        open_database(args.db).close()
    except DamagedDatabaseError as exc:  # the list is just what one needs then
        print(f"error: {exc}", file=sys.stderr)
        code = exc.exit_code
    path = sqlite_path(resolve_url(args.db))
    if path is None:
        raise DatabaseError(N_(
            "This database is on a database server: back it up there with pg_dump (for example `pg_dump -Fc -f "
            "firm.dump`); the app backs up SQLite files only."))
    rows = [(b, backup_is_sound(b)) for b in list_backups(path)]
    if args.json:
        print(json.dumps([
            {"path": str(b.path), "created": b.created.isoformat(timespec="seconds"), "kind": b.kind, "size": b.size,
             "good": good}
            for b, good in rows
        ], indent=2))
        return code
    if not rows:
        print(f"No backups yet in {path.parent / 'backups'}.")
    for b, good in rows:
        state = "good" if good else "DAMAGED"
        print(f"{b.created:%Y-%m-%d %H:%M:%S}  {KINDS.get(b.kind, b.kind):<34} {b.size / 1024:>8.0f} KB  {state:<7}  "
              f"{b.path}")
    return code


def cmd_restore(args: argparse.Namespace) -> int:
    from workshop.errors import DatabaseError
    from workshop.storage.backup import replace_database_file, restore_backup, summarize
    from workshop.storage.db import open_database, resolve_url, sqlite_path
    from workshop.storage.health import DamagedDatabaseError
    from workshop.storage.lock import acquire_writer_lock

    path = sqlite_path(resolve_url(args.db))
    if path is None:
        raise DatabaseError(N_(
            "This database is on a database server: restore it there with pg_restore from a pg_dump file, not with "
            "the app."))
    summary = summarize(args.file)  # refuse a bad file before anything else
    with acquire_writer_lock(path, "the command `workshop restore`"):
        try:
            db = open_database(args.db)
        except DatabaseError as exc:
            if not path.exists():
                raise
            # The database cannot be opened (damaged, or too new): keep it aside, put the backup in place.
            print(f"The database cannot be opened ({exc.message}); replacing the file.", file=sys.stderr)
            label = "damaged" if isinstance(exc, DamagedDatabaseError) else "before-restore"
            safety = replace_database_file(path, args.file, label)
            open_database(args.db).close()
        else:
            try:
                safety = restore_backup(db, args.file).safety_backup
            finally:
                db.close()
    print(f"Restored {args.file}: {summary.workshops} workshop(s), {summary.participants} participant(s).")
    if safety is not None:
        print(f"The state before the restore was kept in {safety}")
    return 0


def cmd_participant_data(args: argparse.Namespace) -> int:
    from workshop.privacy import export_participant_data, find_participant
    from workshop.storage.db import open_database

    db = open_database(args.db)
    pid = find_participant(db, args.id, args.name)
    out = export_participant_data(db, pid, args.out, across_client=not args.this_workshop_only)
    print(f"Personal data written to {out}")
    return 0


def _confirm(args: argparse.Namespace, what: str) -> bool:
    if args.yes:
        return True
    print(f"{what}\nNothing was deleted. Add --yes to delete.", file=sys.stderr)
    return False


def cmd_forget_participant(args: argparse.Namespace) -> int:
    from workshop.privacy import backups_note, delete_participant_data, find_participant, find_person
    from workshop.storage.lock import open_for_writing

    db = open_for_writing(args.db, f"the command `workshop {args.command}`")[0]
    pid = find_participant(db, args.id, args.name)
    records = find_person(db, pid, across_client=not args.this_workshop_only)
    listing = "\n".join(
        f"  {r.client} — {r.workshop_title} ({r.workshop_date}): {r.name or 'anonymous'}, {r.answers} answer(s)"
        for r in records
    )
    if not _confirm(args, f"This deletes, with all their answers:\n{listing}"):
        return 1
    report = delete_participant_data(db, pid, across_client=not args.this_workshop_only)
    print(f"Deleted {len(report.records)} participant record(s) with {report.answers} answer(s).")
    for what in report.named_in_commitments:
        print(f"note: a commitment still names them as owner: {what}")
    print(f"note: {backups_note()}")
    return 0


def cmd_delete_client(args: argparse.Namespace) -> int:
    from workshop.privacy import backups_note, delete_client, find_client
    from workshop.storage.lock import open_for_writing

    db = open_for_writing(args.db, f"the command `workshop {args.command}`")[0]
    client = find_client(db, args.client)
    what = (f"This deletes the client {client.name!r} with {client.workshops} workshop(s), "
            f"{client.participants} participant(s), {client.answers} answer(s) and {client.commitments} commitment(s).")
    if not _confirm(args, what):
        return 1
    delete_client(db, client.id)
    print(f"Deleted the client {client.name!r} and its whole history.")
    print(f"note: {backups_note()}")
    return 0


def register(sub: Any) -> None:
    def add(name: str, handler: Any, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(handler=handler)
        return p

    p = add("backup", cmd_backup, "write a consistent copy of the whole database to a file")
    p.add_argument("--out", required=True, metavar="FILE")

    p = add("backups", cmd_backups, "list the automatic backups, newest first")
    p.add_argument("--json", action="store_true")

    p = add("restore", cmd_restore, "replace the database with a backup (the current state is backed up first)")
    p.add_argument("file", metavar="FILE")

    for name, handler, help_ in (
        ("participant-data", cmd_participant_data, "write everything stored about one participant as JSON"),
        ("forget-participant", cmd_forget_participant, "delete a participant with all their answers"),
    ):
        p = add(name, handler, help_)
        p.add_argument("id", type=_workshop_id, metavar="WORKSHOP_ID")
        p.add_argument("name", metavar="NAME", help="the participant's name (any case), or #ID")
        p.add_argument("--this-workshop-only", action="store_true",
                       help="leave namesakes in the client's other workshops alone")
        if handler is cmd_participant_data:
            p.add_argument("--out", required=True, metavar="FILE")
        else:
            p.add_argument("--yes", action="store_true", help="really delete")

    p = add("delete-client", cmd_delete_client, "delete a client with all its workshops and answers")
    p.add_argument("client", metavar="CLIENT", help="the client's name (any case) or id")
    p.add_argument("--yes", action="store_true", help="really delete")
