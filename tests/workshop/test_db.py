from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workshop.errors import DatabaseError
from workshop.storage import db as dbmod
from workshop.storage.migrations.runner import script_revisions
from workshop.workshops import create_workshop, list_workshops


def test_known_revisions_match_the_migration_scripts() -> None:
    assert list(dbmod.KNOWN_REVISIONS) == script_revisions()


def test_fresh_file_is_migrated_to_head_with_pragmas(tmp_path: Path) -> None:
    database = dbmod.open_database(tmp_path / "new" / "w.db")
    assert dbmod.current_revision(database.engine) == dbmod.HEAD
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    database.close()


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    dbmod.open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        dbmod.open_database(path)
    assert path.read_bytes() == before


def test_older_revision_is_backed_up_then_upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.db"
    database = dbmod.open_database(path)
    create_workshop(database, "Acme", "Offsite", "2026-01-01")
    database.close()
    # Pretend the app now knows a later revision: opening must back up before upgrading.
    upgraded: list[str] = []
    monkeypatch.setattr(dbmod, "KNOWN_REVISIONS", (*dbmod.KNOWN_REVISIONS, "9002"))
    monkeypatch.setattr(dbmod, "HEAD", "9002")
    monkeypatch.setattr(dbmod, "_upgrade", lambda engine: upgraded.append("yes"))
    database = dbmod.open_database(path)
    assert upgraded == ["yes"]
    backups = list((tmp_path / "backups").glob("*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT title FROM workshops").fetchall() == [("Offsite",)]
    assert [w.title for w in list_workshops(database)] == ["Offsite"]
    database.close()


def test_resolve_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert dbmod.resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert dbmod.resolve_url(tmp_path / "a.db").endswith("/a.db")
    monkeypatch.setenv("WORKSHOP_DB", str(tmp_path / "env.db"))
    assert dbmod.resolve_url(None).endswith("/env.db")
    monkeypatch.delenv("WORKSHOP_DB")
    assert dbmod.resolve_url(None).endswith("workshop.db")


def test_failed_unit_of_work_rolls_back(db) -> None:
    with pytest.raises(RuntimeError):
        with db.session() as session:
            from workshop.storage.models import Client

            session.add(Client(name="Ghost"))
            session.flush()
            raise RuntimeError("boom")
    assert list_workshops(db) == []
    with db.session() as session:
        from sqlalchemy import select

        from workshop.storage.models import Client

        assert session.scalars(select(Client)).all() == []
