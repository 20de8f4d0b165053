"""Rotation keeps generations and never the newest good backup; new backups are checked."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from workshop.errors import DatabaseError
from workshop.storage import backup
from workshop.workshops import create_workshop


def _named(db_path: Path, when: dt.datetime, source: Path, label: str = "start") -> Path:
    dest = backup.backups_folder(db_path) / f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-{label}.db"
    shutil.copyfile(source, dest)
    return dest


def test_generations_keep_ten_plus_one_a_day_for_a_week_and_one_a_week_for_two_months(db, db_path: Path) -> None:
    good = backup.backup_on_start(db)
    now = dt.datetime.now().replace(microsecond=0)
    hourly = [_named(db_path, now - dt.timedelta(hours=h), good) for h in range(1, 30)]  # today and yesterday
    for d in range(2, 90):  # one a day before that
        _named(db_path, now - dt.timedelta(days=d, hours=1), good)
    before = backup.list_backups(db_path)
    backup.rotate(db_path)
    listed = backup.list_backups(db_path)
    left = {b.path for b in listed}
    assert good in left and set(hourly[:9]) <= left  # the ten newest
    for d in range(backup.DAILY_DAYS):  # the newest of each day of the last week
        day = (now - dt.timedelta(days=d)).date()
        of_day = [b for b in before if b.created.date() == day]
        assert of_day and max(of_day, key=lambda b: b.created).path in left
    kept_weeks = {tuple(b.created.isocalendar())[:2] for b in listed}
    for d in range(2, backup.WEEKLY_DAYS - 7):  # one for each week of the last two months
        when = now - dt.timedelta(days=d, hours=1)
        assert tuple(when.isocalendar())[:2] in kept_weeks
    assert all(now - b.created <= dt.timedelta(days=backup.WEEKLY_DAYS) for b in listed)
    assert len(listed) <= 10 + backup.DAILY_DAYS + 10  # the older ones are gone


def test_rotation_never_deletes_the_newest_good_backup(db, db_path: Path) -> None:
    create_workshop(db, "Acme", "Offsite", "2026-01-01")
    good = backup.backup_on_start(db)
    old = dt.datetime.now() - dt.timedelta(days=400)  # outside every generation
    kept_good = _named(db_path, old, good)
    good.unlink()
    damaged = []
    for i in range(12):  # newer backups that are all damaged (e.g. a failing disk)
        when = dt.datetime.now() - dt.timedelta(minutes=i)
        path = backup.backups_folder(db_path) / f"{db_path.stem}-{when:%Y%m%d-%H%M%S}-start-{i}.db"
        path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
        damaged.append(path)
    backup.rotate(db_path)
    assert kept_good.exists()
    assert backup.newest_good_backup(db_path) == kept_good


def test_a_backup_that_fails_its_check_is_not_kept_and_nothing_rotates(db, db_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    made = []
    for i in range(10):
        create_workshop(db, "Acme", f"W{i}", "2026-01-01")
        made.append(backup.backup_on_start(db))
    before = {p: p.read_bytes() for p in made}
    # The copy's check reports damage, as it would when the database itself is damaged.
    monkeypatch.setattr("workshop.storage.db.check_copy", lambda conn: "row 1 missing from index")
    create_workshop(db, "Acme", "W10", "2026-01-01")
    with pytest.raises(DatabaseError, match="damaged"):
        backup.backup_now(db, "start")
    monkeypatch.undo()
    assert {b.path for b in backup.list_backups(db_path)} == set(made)
    assert all(p.read_bytes() == content for p, content in before.items())
    assert not list(backup.backups_folder(db_path).glob("*.part"))


def test_list_marks_damaged_backups(db, db_path: Path) -> None:
    create_workshop(db, "Acme", "Offsite", "2026-01-01")
    good = backup.backup_on_start(db)
    bad = _named(db_path, dt.datetime.now() + dt.timedelta(seconds=5), good)
    data = bytearray(bad.read_bytes())
    data[-4096:] = b"\xff" * 4096
    bad.write_bytes(bytes(data))
    sound = {b.path: backup.backup_is_sound(b) for b in backup.list_backups(db_path)}
    assert sound == {good: True, bad: False}
    assert backup.newest_good_backup(db_path) == good
