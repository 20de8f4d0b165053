"""The backups folder as files: names, listing, what counts as a good backup, and copies of
a database as found. The lowest floor of the backups, so that opening a database (db.py)
can name the newest good backup without importing the backup service (backup.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from workshop.storage.health import is_workshop_database

FOLDER = "backups"
SQLITE_HEADER = b"SQLite format 3\x00"
# What each label means, in the words shown to the facilitator (translated where shown).
KINDS = {
    "start": "When the app started",
    "before-restore": "Before a restore",
    "before-upgrade": "Before an upgrade of the app",
    "clean": "When older backups were deleted",
    "damaged": "The damaged file, kept aside",
    "wal-cut": "As found after an interrupted save",
}
# Copies of a file as it was found, not backups made by SQLite: never offered as good.
SET_ASIDE = ("damaged", "wal-cut")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    label: str
    size: int

    @property
    def kind(self) -> str:
        """``start``, ``before-restore``, ``before-upgrade`` or the label itself."""
        for kind in KINDS:
            if self.label == kind or self.label.startswith(kind + "-"):
                return kind
        return self.label


def backups_folder(db_path: Path) -> Path:
    return db_path.parent / FOLDER


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})-([A-Za-z0-9-]+)\.db$")


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of one database, newest first."""
    folder = backups_folder(db_path)
    pattern = _pattern(db_path)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match:
            continue
        try:
            stat = entry.stat()
            created = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except (OSError, ValueError):
            continue
        found.append((created, stat.st_mtime_ns, BackupInfo(entry, created, match.group(2), stat.st_size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for *_, info in found]


def backup_path_for(path: Path, label: str) -> Path:
    """``backups/<name>-YYYYmmdd-HHMMSS-<label>.db`` beside the database, never an existing file."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = path.parent / "backups"
    dest = folder / f"{path.stem}-{stamp}-{label}.db"
    count = 1
    while dest.exists():
        count += 1
        dest = folder / f"{path.stem}-{stamp}-{label}-{count}.db"
    return dest


def newest_good_backup(db_path: Path, backups: list[BackupInfo] | None = None) -> Path | None:
    """The newest backup that passes SQLite's quick_check and holds an Alignment Workshop database."""
    for info in backups if backups is not None else list_backups(db_path):
        if info.kind in SET_ASIDE:
            continue
        if is_workshop_database(info.path):
            return info.path
    return None


def keep_as_found(db_path: Path, label: str) -> Path | None:
    """Copy the database file (and its WAL) into the backups folder as it is, before SQLite
    may change it; None if it cannot be copied (that never stops the opening)."""
    dest = backup_path_for(db_path, label)
    part = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            shutil.copy2(wal, Path(f"{dest}-wal"))
        shutil.copy2(db_path, part)
        os.replace(part, dest)  # listed only once whole
    except OSError as exc:
        part.unlink(missing_ok=True)
        log.warning("Could not keep a copy of %s as found: %s", db_path, exc)
        return None
    return dest
