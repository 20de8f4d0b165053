"""Starting the app on a damaged database: it says so, offers the newest good backup, and
either restores it (the damaged file kept aside) or quits leaving everything as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui import app as app_module
from workshop.storage import backup
from workshop.storage.db import open_database
from workshop.workshops import create_workshop, list_workshops


def _damaged(db_path: Path) -> tuple[Path, bytes]:
    db = open_database(db_path)
    create_workshop(db, "Acme", "Offsite", "2026-01-01")
    good = backup.backup_on_start(db)
    db.close()
    db_path.write_bytes(b"")  # emptied, with a good backup beside it
    return good, db_path.read_bytes()


def _answer(button_text: str, seen: list[str]) -> None:
    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.text() + " " + widget.informativeText())
                for button in widget.buttons():
                    if button.text() == button_text:
                        button.click()
                        return
        QTimer.singleShot(50, click)

    QTimer.singleShot(50, click)


@pytest.mark.parametrize("choice", ["restore", "quit"])
def test_damaged_database_at_start(qtbot, db_path: Path, choice: str) -> None:  # noqa: ANN001
    good, before = _damaged(db_path)
    backups_before = {p.path: p.path.read_bytes() for p in backup.list_backups(db_path)}
    seen: list[str] = []
    _answer("Restore the newest good backup" if choice == "restore" else "Quit and leave everything as it is", seen)
    opened = app_module._open_database(str(db_path))
    assert seen and "is empty" in seen[0] and str(good) in seen[0]
    if choice == "quit":
        assert opened == 1
        assert db_path.read_bytes() == before
        assert {p.path: p.path.read_bytes() for p in backup.list_backups(db_path)} == backups_before
        return
    database, lock = opened
    try:
        assert [w.title for w in list_workshops(database)] == ["Offsite"]
        assert [b.kind for b in backup.list_backups(db_path)].count("damaged") == 1
        assert all(path.read_bytes() == content for path, content in backups_before.items())
    finally:
        database.close()
        lock.release()


def test_read_only_media_open_read_only_in_the_window(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    if not (sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount")):
        pytest.skip("mounting needs root on Linux")
    point = tmp_path / "card"
    point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)]).returncode != 0:
        pytest.skip("this machine does not allow mounting")
    try:
        path = point / "workshop.db"
        db = open_database(path)
        create_workshop(db, "Acme", "Offsite", "2026-01-01")
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        assert subprocess.run(["mount", "-o", "remount,ro", str(point)]).returncode == 0
        before = path.read_bytes()
        database, lock = app_module._open_database(str(path))
        assert lock is None and database.read_only and any("read-only medium" in n for n in database.notices)
        assert [w.title for w in list_workshops(database)] == ["Offsite"]
        database.close()
        assert path.read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)
