"""The one way to the database: engine, pragmas, units of work, migrations.

A path means SQLite; a full URL (``postgresql://…``) is passed to SQLAlchemy as it is.
Opening a database brings its schema to the current revision: a new file is created
and migrated from the first revision, an older one is backed up and upgraded, and one
written by a newer version of the app is refused untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workshop.errors import DatabaseError

# Every revision this version of the app knows, oldest first. A test keeps it equal to
# the Alembic scripts, so opening a database needs no Alembic import (start-up speed).
KNOWN_REVISIONS: tuple[str, ...] = ("0001",)
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
    return Path(parsed.database)


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
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
    def _on_begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN")


class Database:
    """An open, migrated database and its session factory."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = str(engine.url.render_as_string(hide_password=False))
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work: commit on success, roll back on any error."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _install_sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_database(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to the current revision."""
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"Cannot create the folder for the database {path}: {exc.strerror}.") from None
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"Cannot open the database {path or url}: {exc.orig}.") from None
    if revision is not None and revision not in KNOWN_REVISIONS:
        engine.dispose()
        raise DatabaseError(
            f"The database {path or url} was written by a newer version of Alignment Workshop "
            f"(schema {revision}). Install the newer version to open it; the file was left untouched."
        )
    if migrate and revision != HEAD:
        if revision is not None and path is not None:
            backup_database(engine, backup_path_for(path, f"before-upgrade-{revision}"))
        _upgrade(engine)
    return Database(engine)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def _upgrade(engine: Engine) -> None:
    from workshop.migrations.runner import upgrade

    try:
        upgrade(engine)
    except OperationalError as exc:
        raise DatabaseError(f"Could not upgrade the database: {exc.orig}.") from None


def backup_path_for(path: Path, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.parent / "backups" / f"{path.stem}-{stamp}-{label}.db"


def backup_database(engine: Engine, dest: Path) -> Path:
    """Copy a consistent snapshot with SQLite's backup API (never a half-written WAL)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(str(dest))
        try:
            raw.driver_connection.backup(target)
        finally:
            target.close()
    finally:
        raw.close()
    return dest
