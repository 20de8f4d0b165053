"""Is an SQLite database file sound? Asked on every open, before anything may write to it.

A damaged file that still opens is the dangerous case: without this check the app would
back it up over the good backups and write into it. So the file is read through a
connection that cannot write (``db.readonly_connect``) and SQLite's ``quick_check`` runs
on it; a file that fails is refused untouched, and the caller is told which backup is
the newest good one. Applies to SQLite files only; a database server checks itself.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from workshop.errors import DatabaseError
from workshop.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
# Up to this size the full integrity_check (which also compares every index with its
# table) runs on open: about 20-35 ms for 60 workshops (2 MB) against 12-16 ms for
# quick_check. Larger files get quick_check; their full check is the one every backup
# gets, off the start-up path.
THOROUGH_UP_TO = 4 * 1024 * 1024
WAL_HEADER = 32
WAL_FRAME_HEADER = 24


@dataclass(frozen=True)
class Health:
    """What a look at a database file found.

    ``state`` is ``new`` (no file yet), ``empty`` (0 bytes, or a database with nothing in
    it), ``foreign`` (not an SQLite file at all), ``damaged`` or ``ok``; ``wal_cut`` says the
    write-ahead log ends in the middle of a change (SQLite drops that unfinished change; the
    earlier ones are whole).
    """

    state: str
    detail: str = ""
    wal_cut: bool = False

    @property
    def sound(self) -> bool:
        return self.state in ("new", "ok")


class DamagedDatabaseError(DatabaseError):
    """The database file is damaged or empty; it was left untouched."""

    def __init__(self, message: str, path: Path, good_backup: Path | None, problems: list[str] | None = None) -> None:
        super().__init__(message, problems)
        self.path = path
        self.good_backup = good_backup
        self.headline, self.advice = message, ""  # the message in two parts, for a dialog


def readonly_uri(path: Path) -> str:
    """An SQLite URI that cannot write a byte to the file."""
    # Without a WAL or journal file the main file is all there is: read it as immutable (no
    # locks, no -shm file, works on read-only media). With one, a read-only connection
    # honours what it holds (on read-only media that needs the -shm file to be there).
    journals = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    return path.resolve().as_uri() + ("?mode=ro" if journals else "?immutable=1")


def readonly_connect(path: Path) -> sqlite3.Connection:
    """A connection that cannot write a byte to an SQLite file (raises sqlite3.Error)."""
    return sqlite3.connect(readonly_uri(path), uri=True)


def check_database_file(path: Path, *, thorough: bool = False) -> Health:
    """Look at an SQLite file without writing a byte: ``quick_check`` (or the full
    ``integrity_check`` with ``thorough``), and whether it holds anything at all."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Health("new")
    except OSError as exc:
        return Health("damaged", exc.strerror or str(exc))
    wal = Path(f"{path}-wal")
    wal_size = wal.stat().st_size if wal.is_file() else 0
    if size == 0 and wal_size == 0:
        return Health("empty", _("0 bytes"))
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return Health("damaged", exc.strerror or str(exc))
    if size and not header.startswith(SQLITE_HEADER):
        return Health("foreign", _("it does not start like an SQLite database"))
    try:
        conn = readonly_connect(path)
    except sqlite3.Error as exc:
        return Health("damaged", str(exc))
    try:
        rows = conn.execute("PRAGMA integrity_check" if thorough else "PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            return Health("damaged", "; ".join(str(r[0]) for r in rows[:3]))
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            return Health("empty", _("it holds no tables"))
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.Error as exc:
        return Health("damaged", str(exc))
    finally:
        conn.close()
    return Health("ok", wal_cut=wal_is_cut(wal_size, page_size))


# The opening check started early (at start-up, while Qt loads on the other core), by file.
_early: dict[str, tuple[tuple[int, ...], bool, threading.Thread, list[Health]]] = {}


def _identity(path: Path) -> tuple[int, ...] | None:
    """What changes when the file or its write-ahead log does: inode, size and time of both."""
    try:
        main = path.stat()
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        log: tuple[int, ...] = (wal.st_ino, wal.st_size, wal.st_mtime_ns)
    except OSError:
        log = ()
    return (main.st_dev, main.st_ino, main.st_size, main.st_mtime_ns, *log)


def check_early(path: Path) -> None:
    """Start the opening check of ``path`` in the background; ``checked`` takes its result
    when the file has not changed since, and checks again otherwise."""
    before = _identity(path)
    if before is None:
        return
    thorough = thorough_is_cheap(path)
    found: list[Health] = []
    thread = threading.Thread(target=lambda: found.append(check_database_file(path, thorough=thorough)),
                              name="opening-check", daemon=True)
    thread.start()
    _early[os.path.realpath(path)] = (before, thorough, thread, found)


def checked(path: Path, *, thorough: bool) -> Health:
    """``check_database_file``, or the result of the early check when it still holds."""
    early = _early.pop(os.path.realpath(path), None)
    if early is not None:
        before, early_thorough, thread, found = early
        thread.join()
        if found and early_thorough == thorough and _identity(path) == before:
            return found[0]
    return check_database_file(path, thorough=thorough)


def thorough_is_cheap(path: Path) -> bool:
    try:
        return path.stat().st_size <= THOROUGH_UP_TO
    except OSError:
        return False


def wal_is_cut(wal_size: int, page_size: int) -> bool:
    """Whether a write-ahead log ends inside a frame: the computer stopped while writing.

    SQLite ignores an unfinished frame (its checksum does not match), so the changes
    before it are whole; this only says that the last one was lost.
    """
    if wal_size == 0:
        return False
    return wal_size < WAL_HEADER or (wal_size - WAL_HEADER) % (WAL_FRAME_HEADER + page_size) != 0


def is_workshop_database(path: Path) -> bool:
    """Whether a file (a backup, say) passes quick_check and holds an Alignment Workshop database."""
    try:
        if path.stat().st_size == 0 or check_database_file(path).state != "ok":
            return False
        conn = readonly_connect(path)
    except (OSError, sqlite3.Error):
        return False
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {"alembic_version", "clients", "workshops", "participants"} <= tables
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def refuse(path: Path, health: Health, good_backup: Path | None) -> DamagedDatabaseError:
    """The error for a damaged or empty database, offering the newest good backup."""
    if health.state == "empty":
        first = _("The database {path} is empty ({detail}), although backups of it exist.")
    elif health.state == "foreign":
        first = _("The database {path} is not an Alignment Workshop database, or it is damaged ({detail}).")
    else:
        first = _("The database {path} is damaged ({detail}).")
    parts = [
        first.format(path=path, detail=health.detail),
        _("It was left untouched: nothing was written to it and no backup was made of it."),
    ]
    if good_backup is not None:
        parts.append(_(
            "The newest good backup is {backup}. Restore it in the app, or with: workshop restore \"{backup}\" "
            "(the damaged file is kept aside in the backups folder)."
        ).format(backup=good_backup))
    else:
        parts.append(_(
            "There is no good backup of it. Keep the file as it is: a specialist may still rescue part of it "
            "(sqlite3 \"{path}\" .recover)."
        ).format(path=path))
    error = DamagedDatabaseError(" ".join(parts), path, good_backup)
    error.headline, error.advice = parts[0], " ".join(parts[1:])
    return error


def on_read_only_medium(path: Path) -> bool:
    """Whether the file (or the folder it would be in) lies on a file system mounted read-only."""
    probe = path if path.exists() else path.parent
    try:
        return bool(os.statvfs(probe).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
