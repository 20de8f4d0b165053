"""A throw-away PostgreSQL server for tests, benchmarks and trying the firm database locally.

    python scripts/pg_test_server.py            # start one, print its URL, stop on Ctrl+C

It runs Debian's (or any) PostgreSQL binaries: ``initdb`` and ``pg_ctl`` in a temporary
folder, listening only on a Unix socket in that folder (no TCP port), with trust
authentication for that socket alone. Run as root, the server runs as the unprivileged
``postgres`` user, because PostgreSQL refuses to run as root.

Set ``WORKSHOP_TEST_PG_URL`` to an existing server's URL (a role that may create
databases) to use that server instead of starting one.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ENV_URL = "WORKSHOP_TEST_PG_URL"


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server could be started (the reason says why)."""


@dataclass
class Server:
    """A running server: ``url(name)`` gives the URL of one of its databases."""

    base: str  # e.g. postgresql+psycopg://postgres@/{db}?host=/tmp/x
    folder: Path | None = None
    _run_as: list[str] | None = None

    def url(self, database: str = "postgres") -> str:
        return self.base.format(db=database)

    def stop(self) -> None:
        if self.folder is None:
            return
        subprocess.run([*(self._run_as or []), _tool("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the server programs out of PATH, one folder per major version.
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    if candidates:
        return candidates[-1]
    raise ServerUnavailable(f"`{name}` is not installed (Debian/Ubuntu: apt-get install postgresql)")


def _version_key(path: str) -> int:
    try:
        return int(Path(path).parent.parent.name)
    except ValueError:
        return 0


def start_server(folder: str | os.PathLike[str] | None = None) -> Server:
    """Start a server (or use ``$WORKSHOP_TEST_PG_URL``); raises ServerUnavailable."""
    existing = os.environ.get(ENV_URL)
    if existing:
        return Server(base=_with_database_placeholder(existing))
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="awpg-", dir=folder))  # short: a socket path has ~100 characters
    run_as: list[str] = []
    user = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            raise ServerUnavailable("running as root and there is no `postgres` user to run the server") from None
        os.chown(root, account.pw_uid, account.pw_gid)
        # The folders above must be passable for the server user.
        for parent in root.parents:
            if parent != Path("/") and parent.stat().st_mode & 0o001 == 0:
                os.chmod(parent, parent.stat().st_mode | 0o001)
        run_as = ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else ["su", "postgres", "-c"]
        user = "postgres"
        if run_as[0] == "su":
            raise ServerUnavailable("`runuser` is missing, so the server cannot be started as `postgres`")
    data = root / "data"
    steps = [
        [*run_as, initdb, "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
        [*run_as, pg_ctl, "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60", "-o",
         f"-c listen_addresses='' -c unix_socket_directories='{root}' -c fsync=off -c full_page_writes=off "
         "-c synchronous_commit=off -c max_connections=200", "start"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = (root / "server.log").read_text(errors="replace")[-2000:] if (root / "server.log").exists() else ""
            shutil.rmtree(root, ignore_errors=True)
            raise ServerUnavailable(f"{Path(step[len(run_as)]).name} failed: {done.stderr.strip()[-2000:]} {log}")
    return Server(base=f"postgresql+psycopg://{user}@/{{db}}?host={root}", folder=root, _run_as=run_as)


def _with_database_placeholder(url: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.set(database="__DB__").render_as_string(hide_password=False).replace("__DB__", "{db}")


def main() -> int:
    try:
        server = start_server()
    except ServerUnavailable as exc:
        print(f"No server: {exc}", file=sys.stderr)
        return 1
    print(server.url("postgres"))
    print("Create a firm database with:  workshop --db '" + server.url("firm") + "' firm-setup", file=sys.stderr)
    print("Ctrl+C stops the server and deletes its folder.", file=sys.stderr)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
