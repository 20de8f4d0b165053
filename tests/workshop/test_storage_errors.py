"""A read-only database or folder, or a full disk: a clear DatabaseError, nothing corrupts.

Tests usually run as root, where file permissions do not bind. A read-only database is
therefore opened the way SQLite itself makes one read-only (``mode=ro``), a full disk is
SQLite's own "database or disk is full" (a page limit), and the permission tests run only
for a normal user.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from workshop.errors import DatabaseError
from workshop.importing import import_responses
from workshop.participants import add_participant, list_participants, set_answer
from workshop.storage.db import open_database
from workshop.transfer import export_workshop, import_workshop
from workshop.workshops import create_workshop, list_workshops

from .helpers import header, row, write_csv

NOT_ROOT = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                              reason="file permissions do not bind the root user")


@pytest.fixture
def filled(db, db_path: Path, tmp_path: Path):  # noqa: ANN001, ANN201
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01")
    ann, _ = add_participant(db, w.id, "Ann", "sales")
    set_answer(db, ann.id, "q01", 4, "kiosk")
    exported = export_workshop(db, w.id, tmp_path / "w.json")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return w.id, ann.id, exported


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_read_only_database_gives_a_clear_message_and_stays_whole(db, db_path: Path, filled, tmp_path: Path) -> None:
    wid, ann, exported = filled
    db.close()
    before = db_path.read_bytes()
    ro = open_database(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    assert [w.title for w in list_workshops(ro)] == ["Offsite"]  # reading still works
    csv = write_csv(tmp_path / "r.csv", [header(), row("Bob", "sales", 2)])
    attempts = [
        lambda: set_answer(ro, ann, "q01", 1, "kiosk"),
        lambda: add_participant(ro, wid, "Bob", "sales"),
        lambda: create_workshop(ro, "Acme", "Another", "2026-02-01"),
        lambda: import_responses(ro, wid, csv),
        lambda: import_workshop(ro, exported),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError) as caught:
            attempt()
        assert "read-only" in caught.value.message and "nothing can be saved" in caught.value.message
    assert list_participants(ro, wid)[0].answers == {"q01": 4}
    ro.close()
    assert db_path.read_bytes() == before and integrity(db_path) == "ok"


def _disk_full_after(db, pages: int) -> None:  # noqa: ANN001
    """Every new connection may grow the file by only ``pages`` pages: SQLite's "disk is full"."""
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def limit(dbapi_connection, _record) -> None:  # noqa: ANN001
        count = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={count + pages}")


def test_full_disk_during_a_large_import_keeps_everything_as_it_was(db, db_path: Path, filled,
                                                                     tmp_path: Path) -> None:
    wid, ann, _ = filled
    rows = [header()] + [row(f"Person {i} " + "x" * 150, "marketing", 3) for i in range(1500)]
    csv = write_csv(tmp_path / "big.csv", rows)
    _disk_full_after(db, 5)
    with pytest.raises(DatabaseError) as caught:
        import_responses(db, wid, csv)
    assert "disk is full" in caught.value.message and "safe" in caught.value.message
    assert [p.name for p in list_participants(db, wid)] == ["Ann"]  # the import is wholly absent
    set_answer(db, ann, "q02", 5, "kiosk")  # a small write still fits
    db.close()
    assert integrity(db_path) == "ok"
    again = open_database(db_path)  # space freed: the same import now goes through whole
    import_responses(again, wid, csv)
    assert len(list_participants(again, wid)) == 1501
    again.close()


def test_storage_error_translation_covers_damage(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + os.urandom(4000))
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert "damaged" in caught.value.message or "not an Alignment Workshop database" in caught.value.message


@NOT_ROOT
def test_read_only_folder_cli_writes_are_refused_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "w.db"
    open_database(path).close()
    before = path.read_bytes()
    os.chmod(folder, 0o555)
    try:
        result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(path), "new", "--client", "A",
                                 "--title", "B", "--date", "2026-01-01"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 1 and "read-only" in result.stderr and "Traceback" not in result.stderr
    finally:
        os.chmod(folder, 0o755)
    assert path.read_bytes() == before and integrity(path) == "ok"


@NOT_ROOT
def test_read_only_file_service_writes_are_refused_clearly(db, db_path: Path, filled) -> None:
    wid, ann, _ = filled
    db.close()
    os.chmod(db_path, 0o444)
    try:
        again = open_database(db_path)
        with pytest.raises(DatabaseError, match="read-only"):
            set_answer(again, ann, "q01", 1, "kiosk")
        again.close()
    finally:
        os.chmod(db_path, 0o644)
    assert integrity(db_path) == "ok"


def _unwritable_folder() -> Path | None:
    """A folder where nobody, not even root, can create a file (Linux sysfs), if there is one."""
    folder = Path("/sys")
    if not folder.is_dir():
        return None
    try:
        fd = os.open(folder / "workshop-write-test", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return folder
    os.close(fd)
    os.unlink(folder / "workshop-write-test")
    return None


@pytest.mark.skipif(_unwritable_folder() is None, reason="no folder that even root cannot write to")
def test_folder_where_nothing_can_be_created_gives_a_clear_message() -> None:
    path = _unwritable_folder() / "workshop.db"
    from workshop.storage.lock import acquire_writer_lock

    with pytest.raises(DatabaseError, match="is read-only"):
        acquire_writer_lock(path)
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(path), "new", "--client", "A",
                             "--title", "B", "--date", "2026-01-01"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "read-only" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(path), "list"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "cannot be opened" in result.stderr and "Traceback" not in result.stderr
