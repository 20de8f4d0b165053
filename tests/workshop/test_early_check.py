"""The opening check started early (while Qt loads) is used only while the file is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workshop.test_damage_safety import flip_bytes_in_participants
from workshop.storage import health
from workshop.storage.db import open_database
from workshop.storage.health import DamagedDatabaseError
from workshop.workshops import create_workshop


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = health.check_database_file

    def counted(path: Path, *, thorough: bool = False) -> health.Health:
        calls.append(path)
        return real(path, thorough=thorough)

    monkeypatch.setattr(health, "check_database_file", counted)
    return calls


def test_an_unchanged_file_is_checked_once(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    health.check_early(db_path)
    open_database(db_path).close()
    assert len(calls) == 1


def test_a_file_changed_after_the_early_check_is_checked_again(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    health.check_early(db_path)
    db = open_database(db_path)
    from workshop.participants import add_participant

    w = create_workshop(db, "Acme", "Offsite", "2026-01-01")
    add_participant(db, w.id, "Anna", "sales")
    db.close()
    health.check_early(db_path)
    flip_bytes_in_participants(db_path)  # damaged after the early check
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path)
    assert len(calls) == 3  # the first open, the early check, and again once the file had changed
