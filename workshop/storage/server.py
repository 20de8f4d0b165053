"""PostgreSQL, the firm's shared database: engine, credentials, and what differs from SQLite.

Credentials never go into the project's files. A URL names the server, the database and
the user; the password comes from where libpq looks itself (a service file named with
``?service=…``, ``PGPASSFILE`` or ``~/.pgpass``) or from the system keyring, where the
window can remember it. A password typed into a URL still works but is not stored.

What SQLite needs and a server does not: the file lock (the server runs many writers,
and edits are checked optimistically by publish), the WAL pragmas, and backups with the
SQLite backup API (on a server that is ``pg_dump``'s job).
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url

from workshop.errors import DatabaseError, PasswordNeeded
from workshop.i18n import N_

KEYRING_SERVICE = "Alignment Workshop database"
DRIVER = "postgresql+psycopg"

log = logging.getLogger(__name__)


def normalized(url: str | URL) -> URL:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy's default driver is another one)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername=DRIVER)
    return parsed


def credential_key(url: str | URL) -> str:
    """What a password is filed under in the keyring: user, server and database, no password."""
    parsed = make_url(url)
    host = parsed.host or parsed.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.username or ''}@{host}{port}/{parsed.database or ''}"


def stored_password(url: str | URL) -> str | None:
    """The password remembered in the system keyring for this database, if any."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, credential_key(url))
    except Exception as exc:  # noqa: BLE001 - no keyring on this system is an ordinary case
        log.debug("No keyring: %s", exc)
        return None


def remember_password(url: str | URL, password: str) -> bool:
    """Store the password in the system keyring; False when this system has none."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, credential_key(url), password)
        return True
    except Exception as exc:  # noqa: BLE001
        log.warning("Could not store the password in the keyring: %s", exc)
        return False


def forget_password(url: str | URL) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, credential_key(url))
    except Exception:  # noqa: BLE001 - nothing stored, or no keyring
        pass


def make_server_engine(url: str | URL, password: str | None = None) -> Engine:
    parsed = normalized(url)
    connect_args: dict[str, object] = {"connect_timeout": 10, "application_name": "Alignment Workshop"}
    if parsed.password is None:
        secret = password or stored_password(parsed)
        if secret:
            connect_args["password"] = secret
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)


def needs_password(exc: BaseException) -> bool:
    """Whether connecting failed for want of a (right) password, so asking for one helps."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "no password supplied" in text or "password authentication failed" in text


def connection_error(exc: BaseException, url: str | URL) -> DatabaseError:
    """Why a server could not be reached, in words a consultant can act on (no password shown)."""
    where = make_url(url).render_as_string(hide_password=True)
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if needs_password(exc):
        return PasswordNeeded(N_(
            "The database server {where} wants a password. Put it in a libpq password file (PGPASSFILE or "
            "~/.pgpass) or service file, or let the window remember it in the system keyring ({detail})."
        ), where=where, detail=detail)
    return DatabaseError(N_("The database server {where} cannot be reached: {detail}."), where=where, detail=detail)


def create_database_if_missing(url: str | URL, password: str | None = None) -> bool:
    """Create the database a URL names on its server, if it is not there yet; True if created.

    Connects to the server's ``postgres`` database for that, so the role needs CREATEDB
    (or the administrator creates the database and this finds it).
    """
    from sqlalchemy import text

    parsed = normalized(url)
    name = parsed.database or ""
    if not name:
        raise ValueError("the URL names no database")
    admin = make_server_engine(parsed.set(database="postgres"), password).execution_options(
        isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
                return False
            quoted = conn.dialect.identifier_preparer.quote(name)
            conn.exec_driver_sql(f"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0")
            return True
    finally:
        admin.dispose()
