"""Damaged, empty, cut-off, shared and unusual files: a clear message, and the database and
its backups exactly as they were (compared byte for byte before and after).

The disk-full and read-only-media cases mount a tiny tmpfs when the tests run as root
(CI does); otherwise they are skipped, and test_storage_errors injects the same errors.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop.participants import add_participant
from workshop.storage import backup
from workshop.storage.db import open_database
from workshop.storage.health import DamagedDatabaseError
from workshop.workshops import create_workshop, list_workshops

CLI = [sys.executable, "-m", "workshop.cli"]


def cli(db_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "--db", str(db_path), *args], capture_output=True, text=True, timeout=60,
                          input=stdin)


def snapshot(db_path: Path) -> dict[str, bytes]:
    """The database (with its WAL) and every backup, byte for byte."""
    files = {p.name: p.read_bytes() for p in (db_path, Path(f"{db_path}-wal")) if p.exists()}
    folder = backup.backups_folder(db_path)
    if folder.is_dir():
        files.update({f"backups/{p.name}": p.read_bytes() for p in folder.iterdir()})
    return files


def assert_untouched(db_path: Path, before: dict[str, bytes]) -> None:
    after = snapshot(db_path)
    for name, content in before.items():
        assert name in after, f"{name} is gone"
        assert after[name] == content, f"{name} changed"


def fill(db_path: Path, backups: int = 3) -> list[Path]:
    """A database with a workshop and a few participants, and ``backups`` good start backups."""
    db = open_database(db_path)
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01")
    made = []
    for i in range(backups):
        add_participant(db, w.id, f"Person {i}", "sales")
        made.append(backup.backup_on_start(db))
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return made


def flip_bytes_in_participants(db_path: Path, count: int = 40) -> None:
    with sqlite3.connect(db_path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'participants'").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    end = root * page_size  # the cells of a page grow from its end
    for i in range(end - count, end):
        data[i] ^= 0xFF
    db_path.write_bytes(bytes(data))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "workshop.db"


def test_flipped_bytes_in_a_data_page_are_refused_untouched_and_the_newest_good_backup_offered(path: Path) -> None:
    made = fill(path)
    flip_bytes_in_participants(path)
    before = snapshot(path)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(path)
    assert caught.value.good_backup == made[-1]
    for command in (["list"], ["results", "1"], ["new", "--client", "B", "--title", "T", "--date", "2026-02-01"]):
        result = cli(path, *command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "is damaged" in result.stderr and "left untouched" in result.stderr
        assert str(made[-1]) in result.stderr and "workshop restore" in result.stderr
    assert_untouched(path, before)
    assert len(backup.list_backups(path)) == 3  # no start backup of the damaged file pushed a good one out


def test_restoring_the_offered_backup_keeps_the_damaged_file_aside(path: Path) -> None:
    made = fill(path)
    flip_bytes_in_participants(path)
    damaged = path.read_bytes()
    result = cli(path, "restore", str(made[-1]))
    assert result.returncode == 0, result.stderr
    aside = [b for b in backup.list_backups(path) if b.kind == "damaged"]
    assert len(aside) == 1 and aside[0].path.read_bytes() == damaged
    assert backup.newest_good_backup(path) != aside[0].path
    db = open_database(path)
    assert [w.title for w in list_workshops(db)] == ["Offsite"]
    db.close()


def test_a_zero_byte_database_with_backups_is_refused_untouched(path: Path) -> None:
    made = fill(path)
    path.write_bytes(b"")
    before = snapshot(path)
    for command in (["list"], ["demo"]):
        result = cli(path, *command)
        assert result.returncode == 1 and "is empty" in result.stderr and str(made[-1]) in result.stderr
        assert "No workshops yet" not in result.stdout
    assert_untouched(path, before)
    assert path.stat().st_size == 0


def test_a_zero_byte_file_without_backups_becomes_a_new_database(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    assert cli(path, "list").returncode == 0
    assert path.stat().st_size > 0


def _leave_a_wal(path: Path) -> None:
    """Two committed workshops that live only in the WAL (the writer stopped without closing)."""
    code = textwrap.dedent(f"""
        import os
        from workshop.storage.db import open_database
        from workshop.workshops import create_workshop
        db = open_database({str(path)!r})
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        create_workshop(db, "Acme", "First", "2026-03-01")
        create_workshop(db, "Acme", "Second", "2026-03-02")
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_truncated_wal_keeps_what_was_whole_and_the_file_as_found(path: Path) -> None:
    fill(path)
    _leave_a_wal(path)
    wal = Path(f"{path}-wal")
    wal_bytes = wal.read_bytes()
    with open(wal, "r+b") as handle:  # the last frame cut in half, as a power cut leaves it
        handle.truncate(len(wal_bytes) - 2000)
    before = snapshot(path)
    result = cli(path, "list")
    assert result.returncode == 0, result.stderr
    assert "in the middle of saving a change" in result.stderr and "First" in result.stdout
    assert "Second" not in result.stdout  # its commit frame was cut off
    kept = [b for b in backup.list_backups(path) if b.kind == "wal-cut"]
    assert len(kept) == 1
    assert kept[0].path.read_bytes() == before[path.name]
    assert Path(f"{kept[0].path}-wal").read_bytes() == before[f"{path.name}-wal"]
    for name, content in before.items():  # every backup as it was
        if name.startswith("backups/"):
            assert (path.parent / name).read_bytes() == content
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


HOLD = textwrap.dedent("""
    import sys, time
    from workshop.storage.lock import open_for_writing
    db, held = open_for_writing(sys.argv[1], "the Alignment Workshop app", hold=False)
    print("held", flush=True)
    time.sleep(60)
""")


@pytest.fixture
def holder(path: Path) -> Iterator[subprocess.Popen[str]]:
    fill(path)
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lock on the file itself is Linux-only")
def test_a_hard_linked_second_writer_is_refused_with_the_holder(path: Path, holder: subprocess.Popen[str],
                                                                  tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "same-file.db"
    other.parent.mkdir()
    os.link(path, other)
    before = snapshot(path)
    result = cli(other, "new", "--client", "B", "--title", "Via the link", "--date", "2026-02-01")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"process {holder.pid}" in result.stderr and "the Alignment Workshop app" in result.stderr
    assert "nothing was changed" in result.stderr
    assert_untouched(path, before)
    assert not Path(f"{other}-wal").exists() or Path(f"{other}-wal").stat().st_size == 0


def test_collect_machine_does_not_bypass_the_lock(path: Path, holder: subprocess.Popen[str]) -> None:
    before = snapshot(path)
    result = cli(path, "collect", "1", "--machine", "--host", "127.0.0.1", "--port", "0", stdin="")
    assert result.returncode == 1
    event = json.loads(result.stdout.splitlines()[0])
    assert event["event"] == "error" and f"process {holder.pid}" in event["message"]
    assert "in use by the Alignment Workshop app" in event["message"]
    assert_untouched(path, before)


PARENT = textwrap.dedent("""
    import json, subprocess, sys
    from workshop.storage.lock import open_for_writing
    db, held = open_for_writing(sys.argv[1], "the Alignment Workshop app", hold=False)
    child = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", sys.argv[1], "collect", "1", "--machine",
                            "--host", "127.0.0.1", "--port", "0"], input="stop\\n", capture_output=True, text=True,
                           timeout=60)
    print(child.stdout.splitlines()[0])
""")


def test_collect_machine_runs_under_the_lock_of_the_app_that_started_it(path: Path) -> None:
    fill(path)
    result = subprocess.run([sys.executable, "-c", PARENT, str(path)], capture_output=True, text=True, timeout=90)
    assert json.loads(result.stdout)["event"] == "ready", result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "sparse-10gb"])
@pytest.mark.parametrize("command", ["import", "import-responses"])
def test_unreadable_inputs_are_refused_at_once(path: Path, tmp_path: Path, kind: str, command: str) -> None:
    fill(path)
    if kind == "dev-zero":
        source = Path("/dev/zero")
        if not source.exists():
            pytest.skip("no /dev/zero here")
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        source = tmp_path / "pipe.csv"
        os.mkfifo(source)  # nobody ever writes to it: opening it for reading would wait forever
    else:
        source = tmp_path / "huge.json"
        with open(source, "wb") as handle:
            handle.truncate(10 * 1024**3)  # sparse: 10 GB long, no space used
    before = snapshot(path)
    args = ["import", str(source)] if command == "import" else ["import-responses", "1", str(source)]
    result = cli(path, *args)  # the timeout of cli() catches a read that never ends
    assert result.returncode == 2 and "Traceback" not in result.stderr
    expected = "larger than" if kind == "sparse-10gb" else "not an ordinary file"
    assert expected in result.stderr and "was not read" in result.stderr
    assert_untouched(path, before)


# --- a tiny file system: disk full, read-only media (root only) --------------------------


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0 and bool(
        shutil.which("mount"))


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    if not _can_mount():
        pytest.skip("mounting a tiny file system needs root on Linux")
    point = tmp_path / "stick"
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)]).returncode != 0:
        pytest.skip("this machine does not allow mounting")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def _fill_the_disk(folder: Path, leave: int) -> None:
    free = shutil.disk_usage(folder).free
    with open(folder / "filler", "wb") as handle:
        try:
            handle.write(b"\x00" * max(0, free - leave))
        except OSError:
            pass


@pytest.mark.parametrize("leave", [0, 12 * 1024])
def test_disk_full_on_a_tiny_file_system_changes_nothing(tiny_fs: Path, leave: int) -> None:
    path = tiny_fs / "workshop.db"
    fill(path, backups=2)
    _fill_the_disk(tiny_fs, leave)
    before = snapshot(path)
    big = "x" * 200
    result = cli(path, "new", "--client", big, "--title", big, "--date", "2026-02-01", "--place", big * 20)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "disk is full" in result.stderr and "nothing was changed" in result.stderr, result.stderr
    assert_untouched(path, before)
    (tiny_fs / "filler").unlink()
    db = open_database(path)
    assert [w.title for w in list_workshops(db)] == ["Offsite"]
    db.close()


def test_read_only_media_open_read_only_with_a_note(tiny_fs: Path) -> None:
    path = tiny_fs / "workshop.db"
    fill(path, backups=2)
    if subprocess.run(["mount", "-o", "remount,ro", str(tiny_fs)]).returncode != 0:
        pytest.skip("cannot remount read-only here")
    before = snapshot(path)
    shown = cli(path, "list")
    assert shown.returncode == 0 and "Offsite" in shown.stdout, shown.stderr
    assert "read-only medium" in shown.stderr
    refused = cli(path, "new", "--client", "B", "--title", "T", "--date", "2026-02-01")
    assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
    db = open_database(path)
    assert db.read_only and "immutable=1" in db.url
    db.close()
    assert_untouched(path, before)


def test_another_spelling_through_a_bind_mount_is_refused(path: Path, holder: subprocess.Popen[str],
                                                           tmp_path: Path) -> None:
    if not _can_mount():
        pytest.skip("a bind mount needs root on Linux")
    view = tmp_path / "view"
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(path.parent), str(view)]).returncode != 0:
        pytest.skip("this machine does not allow bind mounts")
    try:
        before = snapshot(path)
        other = view / path.name  # the same file under a name resolve() cannot map back
        assert other.resolve() != path.resolve()
        result = cli(other, "demo")
        assert result.returncode == 1 and f"process {holder.pid}" in result.stderr
        assert_untouched(path, before)
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_backups_are_listed_with_their_check_even_when_the_database_is_damaged(path: Path) -> None:
    made = fill(path)
    flip_bytes_in_participants(path)
    made[0].write_bytes(made[0].read_bytes()[:3000])  # the oldest backup cut short
    before = snapshot(path)
    result = cli(path, "backups", "--json")
    assert result.returncode == 1 and "is damaged" in result.stderr
    listed = {Path(b["path"]): b["good"] for b in json.loads(result.stdout)}
    assert listed == {made[0]: False, made[1]: True, made[2]: True}
    assert "DAMAGED" in cli(path, "backups").stdout
    assert_untouched(path, before)
