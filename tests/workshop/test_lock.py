"""One writer per database file: a second one is told who holds it and writes nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workshop.errors import DatabaseError
from workshop.storage import lock
from workshop.workshops import list_workshops

HOLD = textwrap.dedent("""
    import sys, time
    from workshop.storage.lock import acquire_writer_lock
    held = acquire_writer_lock(sys.argv[1], "the Alignment Workshop app")
    print("held", flush=True)
    time.sleep(60)
""")


def holder_process(db_path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_is_refused_with_the_holder_named(db_path: Path) -> None:
    first = lock.acquire_writer_lock(db_path, "the Alignment Workshop app")
    try:
        with pytest.raises(DatabaseError) as caught:
            lock.acquire_writer_lock(db_path, "the command `workshop new`")
        message = caught.value.message
        assert f"process {os.getpid()}" in message and socket.gethostname() in message
        assert "the Alignment Workshop app" in message and "nothing was changed" in message
        holder = lock.read_holder(db_path)
        assert holder is not None and holder.pid == os.getpid() and holder.since is not None
    finally:
        first.release()
    assert not lock.lock_path_for(db_path).exists()  # released and tidied up
    with lock.acquire_writer_lock(db_path) as again:
        assert again.held
    assert not again.held


def test_another_process_holding_the_lock_blocks_cli_writers_but_not_readers(db_path: Path, tmp_path: Path) -> None:
    proc = holder_process(db_path)
    try:
        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(db_path), *args],
                                  capture_output=True, text=True, timeout=60)

        refused = cli("new", "--client", "A", "--title", "B", "--date", "2026-01-01")
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert f"process {proc.pid}" in refused.stderr and "in use by the Alignment Workshop app" in refused.stderr
        csv = tmp_path / "r.csv"
        csv.write_text("name,function\nAnn,sales\n", encoding="utf-8")
        assert cli("import-responses", "1", str(csv)).returncode == 1
        assert cli("demo").returncode == 1
        assert cli("restore", str(csv)).returncode == 2  # not a backup: refused before locking
        assert cli("list").returncode == 0  # reading is fine while another program writes
        with pytest.raises(DatabaseError, match=f"process {proc.pid}"):
            lock.open_for_writing(db_path)
    finally:
        proc.kill()
        proc.wait()
    from workshop.storage.db import open_database

    assert list_workshops(open_database(db_path)) == []


def test_a_killed_holder_never_blocks(db_path: Path) -> None:
    for _ in range(3):
        proc = holder_process(db_path)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert lock.lock_path_for(db_path).exists()  # the stale file stays behind …
        with lock.acquire_writer_lock(db_path) as taken:  # … and is simply taken over
            assert lock.read_holder(db_path).pid == os.getpid()
            assert taken.held


def test_file_systems_without_locks_fall_back_to_the_process_id(db_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def unsupported(fd: int) -> None:
        raise lock._Unsupported

    monkeypatch.setattr(lock, "_os_lock", unsupported)
    path = lock.lock_path_for(db_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    path.write_text(f'{{"pid": {int(dead.stdout)}, "host": "{socket.gethostname()}", "program": "x"}}')
    with lock.acquire_writer_lock(db_path):  # a holder that no longer runs: taken over
        pass
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        path.write_text(f'{{"pid": {proc.pid}, "host": "{socket.gethostname()}", "since": "2026-05-04T09:30:00", '
                        '"program": "the Alignment Workshop app"}')
        with pytest.raises(DatabaseError, match=f"process {proc.pid}.*since 2026-05-04 09:30"):
            lock.acquire_writer_lock(db_path)
    finally:
        proc.kill()
        proc.wait()


def test_garbage_in_the_lock_file_is_harmless(db_path: Path) -> None:
    lock.lock_path_for(db_path).write_bytes(b"\x00\xffnot json")
    assert lock.read_holder(db_path) is None
    with lock.acquire_writer_lock(db_path):
        with pytest.raises(DatabaseError, match="in use by"):
            lock.acquire_writer_lock(db_path)


def test_open_for_writing_locks_then_opens(tmp_path: Path) -> None:
    path = tmp_path / "new" / "w.db"
    database, held = lock.open_for_writing(path, hold=False)
    assert held is not None and held.held and database.path == path.resolve()
    with pytest.raises(DatabaseError, match="in use by"):
        lock.open_for_writing(path, hold=False)
    held.release()
    database.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="file permissions do not bind the root user")
def test_read_only_folder_and_file_get_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "w.db"
    from workshop.storage.db import open_database

    open_database(path).close()
    os.chmod(path, 0o444)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            lock.acquire_writer_lock(path)
    finally:
        os.chmod(path, 0o644)
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            lock.acquire_writer_lock(path)
    finally:
        os.chmod(folder, 0o755)


def test_read_only_database_file_is_refused_before_writing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores file modes, so the check is fed what a normal user would see.
    real = os.access
    monkeypatch.setattr(lock.os, "access", lambda p, mode: False if Path(p) == db_path else real(p, mode))
    with pytest.raises(DatabaseError, match="is read-only"):
        lock.acquire_writer_lock(db_path)
    assert not lock.lock_path_for(db_path).exists() or lock.read_holder(db_path) is None
