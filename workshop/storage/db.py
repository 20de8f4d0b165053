"""The one way to the database: engine, pragmas, units of work, migrations.

A path means SQLite; a full URL (``postgresql://…``) is passed to SQLAlchemy as it is.
Opening a database brings its schema to the current revision: a new file is created
and migrated from the first revision, an older one is backed up and upgraded, and one
written by a newer version of the app is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from workshop.errors import DatabaseError
from workshop.i18n import N_, _
from workshop.storage.backup_files import backup_path_for
from workshop.storage.health import readonly_connect, readonly_uri

# Every revision this version of the app knows, oldest first. A test keeps it equal to
# the Alembic scripts, so opening a database needs no Alembic import (start-up speed).
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")
HEAD = KNOWN_REVISIONS[-1]
ENV_VAR = "WORKSHOP_DB"


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("AlignmentWorkshop", appauthor=False)) / "workshop.db"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """The database URL from ``--db``, else ``$WORKSHOP_DB``, else the default file."""
    value = str(db) if db else os.environ.get(ENV_VAR) or str(default_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if parsed.database.startswith("file:") and parsed.query.get("uri") == "true":
        # An SQLite URI, e.g. sqlite:///file:/path/workshop.db?mode=ro&uri=true (read-only).
        from urllib.parse import unquote, urlsplit

        return Path(unquote(urlsplit(parsed.database).path))
    return Path(parsed.database)


def sqlite_driver(raw: PoolProxiedConnection) -> sqlite3.Connection:
    """The sqlite3 connection under the pool's wrapper (backups need the module's own API)."""
    conn = raw.driver_connection
    if not isinstance(conn, sqlite3.Connection):
        raise TypeError(f"not an SQLite connection: {type(conn).__name__}")
    return conn


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Take transaction control away from the sqlite3 module, so that BEGIN is ours
        # and DDL is transactional: a failed migration rolls back whole.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError:
            pass  # a read-only folder cannot hold a WAL file; rollback journal still works
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


class Database:
    """An open, migrated database and its session factory.

    ``read_only`` is set when the file lies on a read-only medium; ``notices`` holds what
    the faces should tell the user about the opening (e.g. an unfinished last change).
    """

    def __init__(self, engine: Engine, *, read_only: bool = False, notices: list[str] | None = None) -> None:
        self.engine = engine
        self.url = str(engine.url.render_as_string(hide_password=False))
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.read_only = read_only
        self.notices: list[str] = list(notices or [])

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def where(self) -> object:
        """The file, or the server's URL without its password: for messages."""
        return self.path or self.engine.url.render_as_string(hide_password=True)

    @property
    def on_server(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work: commit on success, roll back on any error."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if is_storage_failure(exc):
                    raise storage_error(exc, self.where) from exc
                if is_damaged_row(exc):
                    raise damaged_row_error(exc, self.where) from exc
                raise

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _install_sqlite_pragmas(engine)
        return engine
    if is_postgresql(url):
        from workshop.storage.server import make_server_engine

        return make_server_engine(url)
    return create_engine(url, pool_pre_ping=True)


def is_postgresql(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def open_database(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to the current revision."""
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(N_("Cannot create the folder for the database {path}: {strerror}."),
                                path=path, strerror=exc.strerror) from None
        if path.is_dir():
            raise DatabaseError(N_("{path} is a folder, not a database file."), path=path)
        # Look before touching: a newer database is refused before any pragma can write to it.
        _refuse_newer(path, peek_revision(path))
        url, read_only, notices = _check_sqlite_file(path, url)
    else:
        read_only, notices = False, []
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except DBAPIError as exc:
        engine.dispose()
        if path is None and is_postgresql(url):
            from workshop.storage.server import connection_error

            raise connection_error(exc, url) from None
        raise storage_error(exc, path or url, opening=True) from None
    if revision is not None and revision not in KNOWN_REVISIONS:
        engine.dispose()
        _refuse_newer(path or engine.url.render_as_string(hide_password=True), revision)
    if migrate and revision != HEAD and not read_only:
        if revision is not None and path is not None:
            backup_database(engine, backup_path_for(path, f"before-upgrade-{revision}"))
        _upgrade(engine)
    return Database(engine, read_only=read_only, notices=notices)


def _check_sqlite_file(path: Path, url: str) -> tuple[str, bool, list[str]]:
    """SQLite files only: refuse a damaged or empty file untouched, open one on read-only
    media as immutable, and keep a copy of a file whose last change was cut off.

    Returns the URL to open, whether it is read-only, and notices for the user.
    """
    from workshop.storage import health

    found = health.checked(path, thorough=health.thorough_is_cheap(path))
    if found.state in ("damaged", "foreign") or (found.state == "empty" and _has_backups(path)):
        from workshop.storage.backup_files import newest_good_backup

        raise health.refuse(path, found, newest_good_backup(path))
    notices = []
    if found.state != "new" and health.on_read_only_medium(path):
        notices.append(_("The database {path} is on a read-only medium: it is opened read-only, so you can look "
                         "at everything but nothing can be saved.").format(path=path))
        return "sqlite:///" + readonly_uri(path) + "&uri=true", True, notices
    if found.wal_cut:
        from workshop.storage.backup_files import keep_as_found

        kept = keep_as_found(path, "wal-cut")
        notices.append(_("The database {path} was closed in the middle of saving a change (the computer stopped?). "
                         "Everything saved before that change is there; the file as it was found is kept in {kept}.")
                       .format(path=path, kept=kept))
    return url, False, notices


def _has_backups(path: Path) -> bool:
    from workshop.storage.backup_files import list_backups

    return bool(list_backups(path))


def _refuse_newer(where: object, revision: str | None) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(_(
            "The database {path} was written by a newer version of Alignment Workshop (schema {revision}). "
            "Install the newer version to open it; the file was left untouched."
        ).format(path=where, revision=revision))


def peek_revision(path: Path) -> str | None:
    """The schema revision of an SQLite file, read without writing a byte (None if unknown)."""
    if not path.is_file():
        return None
    try:
        conn = readonly_connect(path)
    except sqlite3.Error:
        return None
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone():
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


_STORAGE_MESSAGES = {
    sqlite3.SQLITE_READONLY: N_("The database {path} is read-only, so nothing can be saved. Check the permissions "
                                "of the file and its folder, or copy the database to a folder you can write to."),
    sqlite3.SQLITE_FULL: N_("The disk is full; nothing was changed (the last change was not saved). Free some space "
                            "and try again; everything saved before is safe."),
    sqlite3.SQLITE_BUSY: N_("The database {path} is busy: another program is writing to it. Try again in a moment."),
    sqlite3.SQLITE_LOCKED: N_("The database {path} is busy: another program is writing to it. Try again in a moment."),
    sqlite3.SQLITE_IOERR: N_("The database {path} could not be read or written ({detail}). Is the disk or USB stick "
                             "still connected? The last change was not saved."),
    sqlite3.SQLITE_CANTOPEN: N_("The database {path} cannot be opened ({detail}). Check that the file and its "
                                "folder exist and that you may write to them."),
    sqlite3.SQLITE_CORRUPT: N_("The database {path} is damaged ({detail}). Restore the latest backup."),
    sqlite3.SQLITE_NOTADB: N_("The database {path} is not an Alignment Workshop database, or it is damaged."),
}


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_storage_failure(exc: BaseException) -> bool:
    """Whether an error means the storage failed (read-only, full, damaged), not a bug."""
    if isinstance(exc, OperationalError):
        return True
    return isinstance(exc, (DBAPIError, sqlite3.DatabaseError)) and _sqlite_code(exc) in _STORAGE_MESSAGES


def storage_error(exc: BaseException, where: object, *, opening: bool = False) -> DatabaseError:
    """A DatabaseError a facilitator understands for an error of SQLite (or the server)."""
    detail = str(getattr(exc, "orig", None) or exc)
    code = _sqlite_code(exc)
    if code == sqlite3.SQLITE_IOERR and disk_is_full(where):
        # SQLite reports some failed writes to a full disk as I/O errors.
        code = sqlite3.SQLITE_FULL
    template = _STORAGE_MESSAGES.get(code) if code is not None else None
    if template is None:
        verb = "opened" if opening else "used"
        return DatabaseError(f"The database {where} cannot be {verb}: {detail}.")
    return DatabaseError(_(template).format(path=where, detail=detail))


def _is_full(exc: BaseException) -> bool:
    import errno

    return (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or _sqlite_code(exc) == sqlite3.SQLITE_FULL


def disk_is_full(where: object) -> bool:
    """Whether the folder of a database file has (next to) no free space left."""
    if not isinstance(where, Path):
        return False
    import shutil

    try:
        return shutil.disk_usage(where.parent).free < 64 * 1024
    except OSError:
        return False


def is_damaged_row(exc: BaseException) -> bool:
    """Whether an error came from turning a stored value into Python (a damaged row), e.g.
    a date that is not a date: raised inside SQLAlchemy's result processing."""
    if not isinstance(exc, (ValueError, TypeError, OverflowError)) or exc.__traceback__ is None:
        return False
    tb = exc.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    name = tb.tb_frame.f_code.co_filename.replace("\\", "/")
    return "/sqlalchemy/" in name and ("processors" in name or "sqltypes" in name or "/engine/" in name)


def damaged_row_error(exc: BaseException, where: object) -> DatabaseError:
    return DatabaseError(_(
        "A row in the database {path} is damaged and cannot be read ({detail}). Nothing was changed. "
        "Restore the newest backup (File → Restore from backup, or `workshop restore`)."
    ).format(path=where, detail=exc))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def _upgrade(engine: Engine) -> None:
    from workshop.storage.migrations.runner import upgrade

    try:
        upgrade(engine)
    except OperationalError as exc:
        raise DatabaseError(N_("Could not upgrade the database: {orig}."), orig=exc.orig) from None


def check_copy(conn: sqlite3.Connection) -> str | None:
    """What is wrong with a fresh backup, or None: checked in full before it takes its
    place (backups run off the start-up path, so the thorough check costs no waiting)."""
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return None if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])


def backup_database(engine: Engine, dest: Path) -> Path:
    """Copy a consistent snapshot with SQLite's backup API (never a half-written WAL).

    The copy is written under a temporary name and renamed when complete, and it is a
    single self-contained file (rollback journal, no WAL), so it can be opened anywhere.
    """
    part = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        raw = engine.raw_connection()
        try:
            target = sqlite3.connect(str(part))
            try:
                sqlite_driver(raw).backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
                problem = check_copy(target)
            finally:
                target.close()
        finally:
            raw.close()
        if problem is not None:
            part.unlink(missing_ok=True)
            raise DatabaseError(_("The backup {path} came out damaged ({detail}), so the database itself may be "
                                  "damaged. The backup was not kept and the older backups are untouched.")
                                .format(path=dest, detail=problem))
        with part.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(part, dest)
    except (OSError, sqlite3.Error, DBAPIError) as exc:
        part.unlink(missing_ok=True)
        if _is_full(exc):
            raise DatabaseError(_("The disk is full, so the backup {path} was not written; nothing was changed and "
                                  "the older backups are untouched. Free some space.").format(path=dest)) from None
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise DatabaseError(N_("Could not write the backup {dest}: {detail}."), dest=dest, detail=detail) from None
    return dest
