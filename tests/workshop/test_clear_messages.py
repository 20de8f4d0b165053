"""Messages that say what is wrong and where: a damaged row, a UTF-16 CSV, a name of only
spaces, a boolean that is not true or false; each problem named once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.demo import create_demo
from workshop.errors import DatabaseError, InputError
from workshop.importing import import_responses
from workshop.participants import list_participants
from workshop.transfer import export_workshop, import_workshop
from workshop.workshops import create_workshop, list_workshops

from .helpers import header, row, write_csv
from .test_transfer import rewrite


def test_a_damaged_row_is_named_as_damage_not_a_python_error(db, db_path: Path) -> None:
    create_workshop(db, "Acme", "Offsite", "2026-01-01")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE workshops SET date = '2026-13-45x'")
    conn.close()
    with pytest.raises(DatabaseError) as caught:
        list_workshops(db)
    assert "is damaged and cannot be read" in caught.value.message and "2026-13-45x" in caught.value.message
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(db_path), "list"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "A row in the database" in result.stderr
    assert "ValueError" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_read_or_named(db, tmp_path: Path, encoding: str) -> None:
    wid = create_workshop(db, "Acme", "Offsite", "2026-01-01").id
    path = write_csv(tmp_path / "r.csv", [header(), row("Zoë", "sales", 4)], encoding=encoding)
    if encoding == "utf-16":  # with a byte order mark, as Excel's "Unicode text": read
        report = import_responses(db, wid, path)
        assert report.added == 1 and [p.name for p in list_participants(db, wid)] == ["Zoë"]
        return
    with pytest.raises(InputError) as caught:  # without one: named, with what to do
        import_responses(db, wid, path)
    assert "UTF-16" in caught.value.message and "save it as UTF-8" in caught.value.message
    assert "binary" not in caught.value.message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["workshop"].update(revealed="no"), "workshop.revealed: must be true or false, not 'no'"),
        (lambda d: d["workshop"].update(revealed=1), "workshop.revealed: must be true or false, not 1"),
        (lambda d: d["workshop"].update(client="   "), "workshop.client: holds only spaces"),
        (lambda d: d["workshop"].update(title=""), "workshop.title: must not be empty"),
        (lambda d: d["participants"][0].update(name="  "), "participants[0].name: holds only spaces"),
        (lambda d: d["participants"][0].update(name="x" * 300), "participants[0].name: is longer than 200"),
    ],
)
def test_workshop_file_problems_are_named_once(db, tmp_path: Path, change, expected: str) -> None:  # noqa: ANN001
    path = rewrite(export_workshop(db, create_demo(db, "en"), tmp_path / "w.json"), change)
    before = len(list_workshops(db))
    with pytest.raises(InputError) as caught:
        import_workshop(db, path)
    assert caught.value.problems == [caught.value.problems[0]] and caught.value.problems[0].startswith(expected)
    assert len(list_workshops(db)) == before
