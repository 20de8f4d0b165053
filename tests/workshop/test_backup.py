"""Backups: on start (the last ten kept), before restore and upgrade, on request; restoring."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.errors import DatabaseError, InputError
from workshop.participants import add_participant, list_participants, set_answer
from workshop.storage import backup
from workshop.storage.db import backup_database, backup_path_for, open_database
from workshop.workshops import create_workshop, list_workshops


def titles(db) -> list[str]:  # noqa: ANN001
    return sorted(w.title for w in list_workshops(db))


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_start_backup_is_a_sound_single_file_copy(db, db_path: Path) -> None:
    create_workshop(db, "Acme", "Offsite", "2026-01-01")
    path = backup.backup_on_start(db)
    assert path is not None and path.parent == db_path.parent / "backups"
    assert path.name.startswith("workshop-") and path.name.endswith("-start.db")
    assert not list(path.parent.glob("*-wal")) and not list(path.parent.glob("*.part"))
    assert integrity(path) == "ok"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT title FROM workshops").fetchall() == [("Offsite",)]
    [info] = backup.list_backups(db_path)
    assert info.path == path and info.kind == "start" and info.size == path.stat().st_size


def test_backup_copies_committed_data_still_in_the_wal(db, db_path: Path) -> None:
    create_workshop(db, "Acme", "In the WAL only", "2026-01-01")
    assert Path(f"{db_path}-wal").stat().st_size > 0  # not checkpointed into the main file yet
    path = backup.backup_on_start(db)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT title FROM workshops").fetchall() == [("In the WAL only",)]


def test_only_the_last_ten_are_kept_newest_first(db, db_path: Path) -> None:
    made = []
    for i in range(13):
        create_workshop(db, "Acme", f"W{i}", "2026-01-01")  # a change, so every start makes a new backup
        made.append(backup.backup_on_start(db))
    listed = backup.list_backups(db_path)
    assert len(listed) == backup.KEEP == 10
    assert [b.path for b in listed] == list(reversed(made[3:]))
    assert len(list((db_path.parent / "backups").iterdir())) == 10
    assert [b.created for b in listed] == sorted((b.created for b in listed), reverse=True)


def test_a_start_without_changes_keeps_the_previous_backup(db, db_path: Path) -> None:
    create_workshop(db, "Acme", "W", "2026-01-01")
    first = backup.backup_on_start(db)
    assert backup.backup_on_start(db) == first
    assert len(backup.list_backups(db_path)) == 1


def test_backups_of_other_databases_and_leftovers_are_left_alone(db, db_path: Path) -> None:
    folder = db_path.parent / "backups"
    folder.mkdir()
    other = folder / "other-20260101-120000-start.db"
    other.write_bytes(b"x")
    leftover = folder / "workshop-20260101-120000-start.db.part"  # a backup interrupted by a crash
    leftover.write_bytes(b"half")
    backup.backup_on_start(db)
    assert [b.path.name.endswith("-start.db") for b in backup.list_backups(db_path)] == [True]
    assert other.exists() and not leftover.exists()


def test_same_second_names_never_overwrite(db, db_path: Path) -> None:
    first = backup_database(db.engine, backup_path_for(db_path, "start"))
    second = backup_database(db.engine, backup_path_for(db_path, "start"))
    assert first != second and first.exists() and second.exists()


def test_backup_to_a_file_and_restore_it(db, db_path: Path, tmp_path: Path) -> None:
    create_workshop(db, "Acme", "Kept", "2026-01-01")
    copy = backup.backup_to(db, tmp_path / "copy.db")
    create_workshop(db, "Acme", "Added after", "2026-02-01")
    report = backup.restore_backup(db, copy)
    assert titles(db) == ["Kept"]
    assert report.changes.workshops and report.changes.answers
    # The state just before the restore was backed up first and can itself be restored.
    assert report.safety_backup.name.endswith("-before-restore.db")
    with sqlite3.connect(report.safety_backup) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT title FROM workshops")) == ["Added after", "Kept"]
    backup.restore_backup(db, report.safety_backup)
    assert titles(db) == ["Added after", "Kept"]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_restore_is_seen_by_a_second_connection_and_writes_go_on(db, tmp_path: Path) -> None:
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01")
    person, _ = add_participant(db, w.id, "Ann", "sales")
    set_answer(db, person.id, "q01", 4, "kiosk")
    copy = backup.backup_to(db, tmp_path / "copy.db")
    set_answer(db, person.id, "q01", 1, "kiosk")
    other = open_database(db.url)
    assert list_participants(other, w.id)[0].answers == {"q01": 1}
    backup.restore_backup(db, copy)
    assert list_participants(other, w.id)[0].answers == {"q01": 4}
    set_answer(other, person.id, "q02", 5, "kiosk")
    assert list_participants(db, w.id)[0].answers == {"q01": 4, "q02": 5}
    other.close()


def test_restore_of_a_backup_with_another_page_size(db, tmp_path: Path) -> None:
    create_workshop(db, "Acme", "Small pages", "2026-01-01")
    source = tmp_path / "small.db"
    target = sqlite3.connect(source)
    target.execute("PRAGMA page_size=1024")
    raw = db.engine.raw_connection()
    raw.driver_connection.backup(target)
    raw.close()
    target.execute("VACUUM")
    target.close()
    create_workshop(db, "Acme", "Later", "2026-02-01")
    backup.restore_backup(db, source)
    assert titles(db) == ["Small pages"]
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


@pytest.mark.parametrize("content, message", [
    (b"", "not a backup"),
    (b"hello, this is a CSV;1;2;3\n", "not a backup"),
    (b"SQLite format 3\x00" + b"\xff" * 5000, "cannot|damaged"),
])
def test_restore_refuses_files_that_are_not_backups(db, tmp_path: Path, content: bytes, message: str) -> None:
    create_workshop(db, "Acme", "Untouched", "2026-01-01")
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(InputError, match=message):
        backup.restore_backup(db, bad)
    assert titles(db) == ["Untouched"]
    assert backup.list_backups(db.path) == []  # refused before anything was done


def test_restore_refuses_other_sqlite_files_damaged_ones_and_newer_ones(db, tmp_path: Path) -> None:
    create_workshop(db, "Acme", "Untouched", "2026-01-01")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes(x)")
    conn.close()
    with pytest.raises(InputError, match="not a backup of an Alignment Workshop"):
        backup.restore_backup(db, foreign)

    newer = backup.backup_to(db, tmp_path / "newer.db")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(DatabaseError, match="newer version"):
        backup.restore_backup(db, newer)

    damaged = backup.backup_to(db, tmp_path / "damaged.db")
    data = bytearray(damaged.read_bytes())
    page = 4096
    data[2 * page: 3 * page] = os.urandom(page)  # scribble over a page of a table
    damaged.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged|cannot be opened"):
        backup.restore_backup(db, damaged)

    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(newer.read_bytes()[: 3 * page])
    with pytest.raises((InputError, DatabaseError)):
        backup.restore_backup(db, truncated)
    with pytest.raises(InputError, match="database itself"):
        backup.restore_backup(db, db.path)
    assert titles(db) == ["Untouched"]


def test_backup_to_refuses_the_database_itself_and_missing_folders(db, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="database itself"):
        backup.backup_to(db, db.path)
    with pytest.raises(InputError, match="does not exist"):
        backup.backup_to(db, tmp_path / "no" / "such" / "x.db")
    with pytest.raises(InputError, match="folder"):
        backup.backup_to(db, tmp_path)


def test_restore_of_an_older_schema_is_upgraded(db, tmp_path: Path) -> None:
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "schema-0001.sqlite3"
    report = backup.restore_backup(db, fixture)
    assert report.restored == fixture
    assert len(list_workshops(db)) == 5
    from workshop.storage.db import HEAD, current_revision

    assert current_revision(db.engine) == HEAD


def test_summary_describes_a_backup(db, tmp_path: Path) -> None:
    w = create_workshop(db, "Acme", "Offsite", "2026-03-01")
    add_participant(db, w.id, "Ann", "sales")
    summary = backup.summarize(backup.backup_to(db, tmp_path / "b.db"))
    assert (summary.clients, summary.workshops, summary.participants) == (1, 1, 1)
    assert summary.latest == "Acme — Offsite (2026-03-01)"


def test_delete_older_backups_keeps_one_fresh_copy(db, db_path: Path) -> None:
    for i in range(4):
        create_workshop(db, "Acme", f"W{i}", "2026-01-01")
        backup.backup_on_start(db)
    fresh, removed = backup.delete_older_backups(db)
    assert len(removed) == 4
    assert [b.path for b in backup.list_backups(db_path)] == [fresh]
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("SELECT count(*) FROM workshops").fetchone()[0] == 4


def test_a_damaged_database_is_replaced_whole_and_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "workshop.db"
    db = open_database(path)
    create_workshop(db, "Acme", "Good", "2026-01-01")
    good = backup.backup_to(db, tmp_path / "good.db")
    db.close()
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))  # damaged beyond opening
    with pytest.raises(DatabaseError):
        open_database(path)
    kept = backup.replace_database_file(path, good)
    assert kept is not None and kept.read_bytes()[:16] == b"SQLite format 3\x00"
    db = open_database(path)
    assert titles(db) == ["Good"]
    db.close()


def run_cli(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(db_path), *args],
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr
    return result


def test_cli_backup_backups_and_restore(db, db_path: Path, tmp_path: Path) -> None:
    create_workshop(db, "Acme", "Before", "2026-01-01")
    out = tmp_path / "manual.db"
    result = run_cli(db_path, "backup", "--out", str(out))
    assert result.returncode == 0 and str(out) in result.stdout and integrity(out) == "ok"
    create_workshop(db, "Acme", "After", "2026-02-01")
    db.close()
    result = run_cli(db_path, "restore", str(out))
    assert result.returncode == 0, result.stderr
    assert "before the restore" in result.stdout
    db2 = open_database(db_path)
    assert titles(db2) == ["Before"]
    db2.close()
    listing = run_cli(db_path, "backups")
    assert "Before a restore" in listing.stdout
    bad = run_cli(db_path, "restore", str(tmp_path / "missing.db"))
    assert bad.returncode == 2 and "no such file" in bad.stderr


def test_cli_restore_into_a_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / "workshop.db"
    db = open_database(path)
    create_workshop(db, "Acme", "Good", "2026-01-01")
    good = backup.backup_to(db, tmp_path / "good.db")
    db.close()
    shutil.copyfile(good, tmp_path / "spare.db")
    path.write_bytes(b"this is not a database at all" * 100)
    result = run_cli(path, "restore", str(good))
    assert result.returncode == 0, result.stderr
    assert "cannot be opened" in result.stderr
    db = open_database(path)
    assert titles(db) == ["Good"]
    db.close()


def test_kinds_have_words_for_the_dialog() -> None:
    made = dt.datetime(2026, 1, 1, 9, 0)
    for label, kind in [("start", "start"), ("start-2", "start"), ("before-upgrade-0001", "before-upgrade"),
                        ("before-restore", "before-restore"), ("clean", "clean")]:
        info = backup.BackupInfo(Path("x"), made, label, 1)
        assert info.kind == kind and kind in backup.KINDS
