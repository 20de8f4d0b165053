"""Backups: one on every start, one before every upgrade and restore, a copy on request,
and restoring a chosen backup.

Rotation keeps generations: the last ten, plus the newest of each day for a week and of
each week for two months; and it never deletes the newest backup known to be good. Each
new backup is checked (``quick_check``) before it takes its place, so a damaged copy never
pushes a good one out. A damaged database is never backed up at all: opening refuses it
(``workshop.storage.health``).

Every copy is made with SQLite's backup API (a consistent snapshot, never a half-copied
WAL file), written under a temporary name and renamed when complete. Backups live in
``backups/`` beside the database as ``<name>-YYYYmmdd-HHMMSS-<label>.db``. They keep
whatever the database held when they were made, also data deleted later, until they are
rotated out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workshop.changes import Changes
from workshop.errors import DatabaseError, InputError
from workshop.i18n import N_
from workshop.storage.backup_files import (  # noqa: F401 - also the names callers import from here
    FOLDER,
    KINDS,
    SET_ASIDE,
    SQLITE_HEADER,
    BackupInfo,
    backup_path_for,
    backups_folder,
    keep_as_found,
    list_backups,
    newest_good_backup,
)
from workshop.storage.db import (
    HEAD,
    KNOWN_REVISIONS,
    Database,
    _upgrade,
    backup_database,
    readonly_connect,
)

KEEP = 10
DAILY_DAYS = 7
WEEKLY_DAYS = 62
KEEP_AS_FOUND = 3  # copies of a file whose last change was cut off
EVERYTHING = Changes(
    workshops=True, participants=True, answers=True, decision=True, practices=True, funnel=True, commitments=True
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, to show before restoring it."""

    revision: str
    clients: int
    workshops: int
    participants: int
    latest: str | None  # "client — title (date)" of the most recent workshop


@dataclass(frozen=True)
class RestoreReport:
    safety_backup: Path  # the state just before the restore
    restored: Path
    changes: Changes


def generations(backups: list[BackupInfo], now: dt.datetime, keep: int = KEEP) -> set[Path]:
    """Which backups (newest first) rotation keeps: the ``keep`` newest, the newest of each
    day of the last week and of each week of the last two months."""
    regular = [b for b in backups if b.kind not in SET_ASIDE]
    kept = {b.path for b in regular[:keep]}
    days: dict[dt.date, Path] = {}
    weeks: dict[tuple[int, int], Path] = {}
    for b in regular:
        age = now - b.created
        if age <= dt.timedelta(days=DAILY_DAYS):
            days.setdefault(b.created.date(), b.path)
        if age <= dt.timedelta(days=WEEKLY_DAYS):
            weeks.setdefault(tuple(b.created.isocalendar())[:2], b.path)
    kept |= set(days.values()) | set(weeks.values())
    for kind in SET_ASIDE:  # the damaged file stays; copies as found only a few
        aside = [b.path for b in backups if b.kind == kind]
        kept |= set(aside if kind == "damaged" else aside[:KEEP_AS_FOUND])
    return kept


def rotate(db_path: Path, keep: int = KEEP, *, known_good: Path | None = None) -> list[Path]:
    """Delete the backups no generation keeps (and leftovers of interrupted ones), never
    the newest good one: ``known_good`` if given (just checked), else found by checking."""
    backups = list_backups(db_path)
    kept = generations(backups, dt.datetime.now(), keep)
    good = known_good if known_good is not None else newest_good_backup(db_path, backups)
    if good is not None:
        kept.add(good)
    removed = []
    for info in reversed(backups):  # oldest first: an interrupted rotation leaves the newer ones
        if info.path in kept:
            continue
        try:
            info.path.unlink()
            Path(f"{info.path}-wal").unlink(missing_ok=True)
            removed.append(info.path)
        except OSError as exc:
            log.warning("Could not remove the old backup %s: %s", info.path, exc)
    folder = backups_folder(db_path)
    for part in folder.glob(f"{db_path.stem}-*.db.part") if folder.is_dir() else ():
        part.unlink(missing_ok=True)
    return removed


def _sqlite_file(db: Database) -> Path:
    path = db.path
    if path is None:
        raise DatabaseError(N_(
            "This database is on a database server: back it up there with pg_dump (for example `pg_dump -Fc -f "
            "firm.dump`); the app backs up SQLite files only."))
    return path


def _same_content(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    except OSError:
        return False


def backup_now(db: Database, label: str, keep: int = KEEP) -> Path:
    """A backup into the backups folder, then rotation. Raises DatabaseError."""
    path = _sqlite_file(db)
    previous = list_backups(path)
    dest = backup_database(db.engine, backup_path_for(path, label))  # checked before it is renamed
    # Nothing changed since the newest backup: keep that one instead of pushing an older
    # state out of the rotation with an identical copy.
    if previous and label == "start" and _same_content(dest, previous[0].path):
        dest.unlink(missing_ok=True)
        dest = previous[0].path
    rotate(path, keep, known_good=dest)
    return dest


def backup_is_sound(info: BackupInfo) -> bool:
    """Whether a listed backup can be restored (a copy set aside as found never counts)."""
    if info.kind in SET_ASIDE:
        return False
    try:
        summarize(info.path, thorough=False)
    except (InputError, DatabaseError):
        return False
    return True


def backup_on_start(db: Database) -> Path | None:
    """The start-up backup; None for a database server. Raises DatabaseError if it fails."""
    if db.path is None:
        return None
    dest = backup_now(db, "start")
    log.info("Start-up backup: %s", dest)
    return dest


def delete_older_backups(db: Database) -> tuple[Path, list[Path]]:
    """Make a fresh backup of the current state, then delete every other backup (for
    example so that deleted personal data is gone from the backups too)."""
    fresh = backup_now(db, "clean")
    path = _sqlite_file(db)
    removed = []
    for info in list_backups(path):
        if info.path != fresh:
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError as exc:
                raise DatabaseError(N_("Could not delete the backup {path}: {strerror}."),
                                    path=info.path, strerror=exc.strerror) from None
    for extra in backups_folder(path).glob(f"{path.stem}-*.db-wal"):
        extra.unlink(missing_ok=True)
    return fresh, removed


def backup_to(db: Database, out: str | os.PathLike[str]) -> Path:
    """A consistent copy of the whole database to a file of the user's choice."""
    path = _sqlite_file(db)
    out = Path(out).expanduser().resolve()
    if out == path.resolve():
        raise InputError(N_("{out} is the database itself; choose another file for the backup."), out=out)
    if out.is_dir():
        raise InputError(N_("{out} is a folder; give a file name for the backup, e.g. {value}."),
                         out=out, value=out / 'workshop-backup.db')
    if not out.parent.is_dir():
        raise InputError(N_("The folder {parent} does not exist."), parent=out.parent)
    return backup_database(db.engine, out)


def summarize(source: str | os.PathLike[str], *, thorough: bool = True) -> BackupSummary:
    """Check that a file is a sound, restorable database and say what it holds
    (``thorough``: the full integrity_check, else the quicker quick_check).

    Raises InputError for anything that is not a sound Alignment Workshop database and
    DatabaseError for one written by a newer version of the app.
    """
    source = Path(source)
    name = source.name
    try:
        if not source.is_file():
            raise InputError(N_("{source}: there is no such file."), source=source)
        with source.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InputError(N_("{source}: cannot read the file ({strerror})."),
                         source=source, strerror=exc.strerror) from None
    if header != SQLITE_HEADER:
        raise InputError(N_("{name}: not a backup of an Alignment Workshop database."), name=name)
    try:
        conn = readonly_connect(source)
    except sqlite3.Error as exc:
        raise InputError(N_("{name}: cannot be opened ({exc})."), name=name, exc=exc) from None
    try:
        check = conn.execute("PRAGMA integrity_check" if thorough else "PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise InputError(N_("{name}: the backup is damaged and cannot be restored."),
                             [r[0] for r in check[:5]], name=name)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "clients", "workshops", "participants"} <= tables:
            raise InputError(N_("{name}: not a backup of an Alignment Workshop database."), name=name)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        if revision not in KNOWN_REVISIONS:
            raise DatabaseError(
                N_("{name} was made by a newer version of Alignment Workshop (schema {revision}); install "
                   "that version to restore it."), name=name, revision=revision
            )
        count = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("clients", "workshops", "participants")
        }
        latest = conn.execute(
            "SELECT c.name, w.title, w.date FROM workshops w JOIN clients c ON c.id = w.client_id "
            "ORDER BY w.date DESC, w.id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error as exc:
        raise InputError(N_("{name}: the backup is damaged and cannot be restored ({exc})."),
                         name=name, exc=exc) from None
    finally:
        conn.close()
    return BackupSummary(
        revision=revision, clients=count["clients"], workshops=count["workshops"],
        participants=count["participants"],
        latest=f"{latest[0]} — {latest[1]} ({latest[2]})" if latest else None,
    )


def restore_backup(db: Database, source: str | os.PathLike[str]) -> RestoreReport:
    """Replace the database's contents with a backup; the current state is backed up first.

    The copy is one write transaction of SQLite's backup API into the open database, so
    it is wholly done or not at all. A backup from an earlier schema is upgraded after.
    """
    path = _sqlite_file(db)
    source = Path(source).expanduser().resolve()
    if source == path.resolve():
        raise InputError(N_("That is the database itself, not a backup of it."))
    summary = summarize(source)
    safety = backup_now(db, "before-restore")
    try:
        src = readonly_connect(source)
    except sqlite3.Error as exc:
        raise InputError(N_("{name}: cannot be opened ({exc})."), name=source.name, exc=exc) from None
    db.engine.dispose()
    raw = db.engine.raw_connection()
    try:
        target = raw.driver_connection
        try:
            src.backup(target)
        except sqlite3.OperationalError:
            # A backup with another page size cannot be copied into a WAL database: copy it
            # in rollback-journal mode, then switch back.
            target.execute("PRAGMA journal_mode=DELETE")
            src.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as exc:
        raise DatabaseError(
            N_("The backup could not be restored ({exc}); the database was left as it was. The state before "
               "the attempt is also in {name}."), exc=exc, name=safety.name
        ) from None
    finally:
        raw.close()
        src.close()
    db.engine.dispose()
    if summary.revision != HEAD:
        _upgrade(db.engine)
    log.info("Restored %s into %s (state before: %s)", source, path, safety)
    return RestoreReport(safety_backup=safety, restored=source, changes=EVERYTHING)


def replace_database_file(db_path: Path, source: str | os.PathLike[str], label: str = "before-restore") -> Path | None:
    """Restore into a database that cannot be opened (damaged, or from a newer version).

    The file as it is (with its WAL, if any) is copied into the backups folder first;
    then the backup replaces it by an atomic rename. Returns where the old file went
    (None if there was none).
    Call with the writer lock held and no connection open.
    """
    source = Path(source).expanduser().resolve()
    summarize(source)
    folder = backups_folder(db_path)
    safety = backup_path_for(db_path, label)
    fresh = db_path.with_name(db_path.name + ".restoring")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if db_path.exists():
            shutil.copy2(db_path, safety)
            wal = Path(f"{db_path}-wal")
            if wal.exists():
                shutil.copy2(wal, Path(f"{safety}-wal"))
        shutil.copyfile(source, fresh)
        with fresh.open("rb+") as handle:
            os.fsync(handle.fileno())
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(fresh, db_path)
    except OSError as exc:
        fresh.unlink(missing_ok=True)
        raise DatabaseError(N_("Could not restore {name} into {db_path}: {value}."),
                            name=source.name, db_path=db_path, value=exc.strerror or exc) from None
    return safety if safety.exists() else None


def replace_damaged(db_path: Path, source: Path) -> Path | None:
    """Put a good backup in place of a damaged (or empty) database, as its one writer; the
    damaged file is kept in the backups folder ("damaged"). Returns where it went."""
    from workshop.storage.lock import acquire_writer_lock

    with acquire_writer_lock(db_path, "Alignment Workshop (restoring a backup)"):
        return replace_database_file(db_path, source, "damaged")
