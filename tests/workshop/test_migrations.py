"""Upgrading a database of the first released schema, kept in tests/fixtures, with all data
intact; a failed upgrade rolls back whole; a database from a newer version is refused and
left byte for byte as it was."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.errors import DatabaseError
from workshop.results import compute
from workshop.storage import db as dbmod
from workshop.storage.migrations import runner
from workshop.transfer import export_data
from workshop.workshops import list_workshops

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE = FIXTURES / "schema-0001.sqlite3"
EXPECTED = json.loads((FIXTURES / "schema-0001.expected.json").read_text(encoding="utf-8"))


def dump(path: Path) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, by column name, in a stable order."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )]
        return {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}


def contains_all(before: dict, after: dict) -> None:
    """Every row before is still there after, in the columns it had (new columns may be added)."""
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        assert table in after, f"table {table} is gone"
        columns = list(rows[0]) if rows else []
        projected = [{c: row.get(c) for c in columns} for row in after[table]]
        assert projected == rows, f"rows of {table} changed"


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "old" / "workshop.db"
    path.parent.mkdir()
    shutil.copyfile(FIXTURE, path)
    return path


def test_fixture_is_in_the_first_schema_with_realistic_data() -> None:
    assert dbmod.peek_revision(FIXTURE) == "0001" == dbmod.KNOWN_REVISIONS[0]
    data = dump(FIXTURE)
    assert {t: len(data[t]) for t in EXPECTED["counts"]} == EXPECTED["counts"]
    assert EXPECTED["counts"]["answers"] > 1000 and EXPECTED["counts"]["workshops"] >= 5


def test_opening_the_fixture_brings_it_to_head_with_all_data(old_db: Path) -> None:
    before = dump(old_db)
    database = dbmod.open_database(old_db)
    try:
        assert dbmod.current_revision(database.engine) == dbmod.HEAD
        summaries = [
            {"client": w.client, "title": w.title, "date": w.date.isoformat(), "participants": w.participants,
             "complete": w.complete, "mean": round(w.mean, 9), "stage": w.stage}
            for w in list_workshops(database)
        ]
        assert summaries == [{**w, "mean": round(w["mean"], 9)} for w in EXPECTED["workshops"]]
        for w in list_workshops(database):  # every workshop reads back whole through the services
            compute(database, w.id)
            data = export_data(database, w.id)
            assert len(data["participants"]) == w.participants
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        database.close()
    contains_all(before, dump(old_db))
    backups = list((old_db.parent / "backups").glob("*before-upgrade-0001*.db"))
    assert len(backups) == (0 if dbmod.HEAD == "0001" else 1)


def _extra_revision(tmp_path: Path, body: str) -> Path:
    """A copy of the shipped migrations plus one test revision after HEAD."""
    folder = tmp_path / "migrations"
    shutil.copytree(Path(runner.__file__).parent, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9001_test.py").write_text(
        f'''"""test revision"""
from alembic import op
import sqlalchemy as sa

revision = "9001"
down_revision = "{dbmod.HEAD}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
''', encoding="utf-8")
    return folder


def _use(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    original = runner.config

    def config(engine=None):  # noqa: ANN001, ANN202
        cfg = original(engine)
        cfg.set_main_option("script_location", str(folder))
        return cfg

    monkeypatch.setattr(runner, "config", config)
    monkeypatch.setattr(dbmod, "KNOWN_REVISIONS", (*dbmod.KNOWN_REVISIONS, "9001"))
    monkeypatch.setattr(dbmod, "HEAD", "9001")


def test_upgrade_backs_up_first_then_keeps_every_row(old_db: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _extra_revision(tmp_path, '''    op.create_index("ix_answers_statement_id", "answers", ["statement_id"])
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("email", sa.String(200), nullable=True))''')
    _use(monkeypatch, folder)
    before = dump(old_db)
    database = dbmod.open_database(old_db)
    assert dbmod.current_revision(database.engine) == "9001"
    database.close()
    after = dump(old_db)
    contains_all(before, after)
    assert all(row["email"] is None for row in after["participants"])
    backups = list((old_db.parent / "backups").glob("workshop-*-before-upgrade-*.db"))
    assert len(backups) == 1
    assert dump(backups[0]) == before  # the backup is the database as it was before the upgrade


def test_failed_upgrade_rolls_back_whole(old_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _extra_revision(tmp_path, '''    op.create_table("half_done", sa.Column("id", sa.Integer))
    op.execute("UPDATE answers SET score = 1")
    op.execute("ALTER TABLE no_such_table ADD COLUMN x INTEGER")''')
    _use(monkeypatch, folder)
    before = dump(old_db)
    with pytest.raises(DatabaseError, match="upgrade"):
        dbmod.open_database(old_db)
    assert dump(old_db) == before  # no new table, no changed score, still revision 0001
    assert dbmod.peek_revision(old_db) == "0001"


def _stamp_newer(path: Path) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    return path.read_bytes()


def test_newer_database_is_refused_and_left_byte_for_byte(old_db: Path) -> None:
    before = _stamp_newer(old_db)  # the fixture uses a rollback journal: a WAL pragma would change it
    with pytest.raises(DatabaseError) as caught:
        dbmod.open_database(old_db)
    assert "newer version" in caught.value.message and "9999" in caught.value.message
    assert old_db.read_bytes() == before
    assert sorted(p.name for p in old_db.parent.iterdir()) == ["workshop.db"]  # no WAL, no backup


def test_newer_database_is_refused_by_the_command_line(old_db: Path) -> None:
    before = _stamp_newer(old_db)
    for args in (["list"], ["new", "--client", "A", "--title", "B", "--date", "2026-01-01"], ["backups"]):
        result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(old_db), *args],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1
        assert "newer version" in result.stderr and "Traceback" not in result.stderr
    assert old_db.read_bytes() == before


def test_the_model_modules_together_map_exactly_the_migrated_schema(tmp_path: Path) -> None:
    """The tables are mapped in several modules (start-up maps only what the window needs);
    together they must hold every table and column the migrations create, and no more."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from workshop.storage.schema import full_metadata

    database = dbmod.open_database(tmp_path / "w.db")
    try:
        with database.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), full_metadata())
    finally:
        database.close()
    flat = [op for entry in diff for op in (entry if isinstance(entry, list) else [entry])]
    structural = [op for op in flat if op[0] in ("add_table", "remove_table", "add_column", "remove_column")]
    assert structural == []
