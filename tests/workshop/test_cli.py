"""The command line end to end, in a subprocess, as a user runs it."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import QIDS, header, write_csv


def run(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "--db", str(db), *args],
        capture_output=True, text=True, timeout=120,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stderr}")
    assert "Traceback" not in result.stderr
    return result


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("workshop ")


def test_new_import_results_export_import(db_path: Path, tmp_path: Path) -> None:
    new = run(db_path, "new", "--client", "Acme BV", "--title", "Offsite", "--date", "2026-05-04",
              "--lang", "en", "--min-group", "2")
    wid = new.stdout.strip()
    assert wid.isdigit()

    rows = [header()]
    people = [("Ann", "sales", [5] * 20), ("Bob", "sales", [4] * 19 + [3]), ("Cas", "marketing", [2] * 20),
              ("Dee", "marketing", [1] * 10 + [2] * 10), ("", "leadership", [3] * 20),
              ("Eve", "other", [4] * 5 + [""] * 15)]
    for name, function, scores in people:
        rows.append([name, function, *map(str, scores)])
    csv = write_csv(tmp_path / "r.csv", rows, ";")
    imported = run(db_path, "import-responses", wid, str(csv))
    assert "6 participant(s) added, 0 updated" in imported.stdout

    data = json.loads(run(db_path, "results", wid, "--json").stdout)
    totals = [100, 79, 40, 30, 60]
    assert data["workshop"] == {"id": int(wid), "client": "Acme BV", "title": "Offsite", "date": "2026-05-04",
                                "language": "en"}
    assert data["participants"] == 6 and data["complete"] == 5 and data["min_group_size"] == 2
    # Five people, minimum 2: too few for a lowest or highest total (that needs 4 who could hold it).
    assert data["total"] == {"mean": statistics.fmean(totals), "median": None, "min": None, "max": None}
    assert data["stage"] == "aligned"
    assert data["by_function"]["sales"] == {"n": 2, "mean": 89.5, "stage": "integrated"}
    # The one leader outside Sales and Marketing would be the group minus both: Marketing is hidden too.
    assert data["by_function"]["marketing"] is None
    assert data["by_function"]["leadership"] is None and data["by_function"]["other"] is None
    q01 = data["statements"][0]
    assert [s["id"] for s in data["statements"]] == list(QIDS)
    # Eve's five answers stay out of every figure: she could be worked out by subtraction.
    assert q01["n"] == 5 and q01["mean"] == pytest.approx(statistics.fmean([5, 4, 2, 1, 3]))
    assert q01["stdev"] == pytest.approx(statistics.stdev([5, 4, 2, 1, 3]))
    assert q01["sales_mean"] == 4.5 and q01["marketing_mean"] is None and q01["gap"] is None
    assert data["statements"][19]["n"] == 5

    out = tmp_path / "w.json"
    run(db_path, "export", wid, "--out", str(out))
    new_id = run(db_path, "import", str(out)).stdout.strip()
    again = json.loads(run(db_path, "results", new_id, "--json").stdout)
    data["workshop"]["id"] = again["workshop"]["id"]
    assert [w["id"] for w in again.pop("history")["workshops"]] == [int(wid), int(new_id)]  # same client
    data.pop("history")
    assert again == data

    text = run(db_path, "results", wid).stdout
    assert "Acme BV" in text and "Aligned" in text

    listing = json.loads(run(db_path, "list", "--json").stdout)
    assert len(listing) == 2 and listing[0]["stage"] == "aligned"


def test_demo_then_results_json(db_path: Path) -> None:
    wid = run(db_path, "demo").stdout.strip()
    data = json.loads(run(db_path, "results", wid, "--json").stdout)
    assert data["participants"] >= 16
    assert data["by_function"]["sales"] is not None and data["by_function"]["marketing"] is not None
    gaps = [abs(s["gap"]) for s in data["statements"] if s["gap"] is not None]
    assert max(gaps) >= 1.0  # Sales and Marketing see the relationship differently


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "--client", "A", "--title", "T", "--date", "2026-13-01"], "not a date"),
        (["new", "--client", " ", "--title", "T", "--date", "2026-01-01"], "client is empty"),
        (["new", "--client", "A", "--title", "T", "--date", "2026-01-01", "--min-group", "0"], "minimum group"),
        (["results", "999"], "no workshop with id 999"),
        (["results", "abc"], "not a workshop id"),
        (["import", "/nonexistent/file.json"], "cannot read"),
    ],
)
def test_bad_input_exits_2_with_one_readable_line(db_path: Path, args: list[str], message: str) -> None:
    result = run(db_path, *args, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_bad_csv_lists_problems_and_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    wid = run(db_path, "new", "--client", "A", "--title", "T", "--date", "2026-01-01").stdout.strip()
    rows = [header(), ["Ann", "sales", *["3"] * 20], ["Bob", "sales", "7", *["3"] * 19]]
    result = run(db_path, "import-responses", wid, str(write_csv(tmp_path / "r.csv", rows)), check=False)
    assert result.returncode == 2
    assert "line 3, column q01: '7'" in result.stderr
    assert json.loads(run(db_path, "results", wid, "--json").stdout)["participants"] == 0


def test_database_from_env(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "WORKSHOP_DB": str(tmp_path / "env.db")}
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "list"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and (tmp_path / "env.db").exists()


def test_without_the_interface_the_command_line_says_where_the_window_is(db_path: Path) -> None:
    result = run(db_path, check=False)
    assert result.returncode == 1 and "python -m ui" in result.stderr
    result = subprocess.run([sys.executable, "-m", "workshop", "--self-test"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 1 and "FAIL  gui: RuntimeError: the interface is not loaded" in result.stdout
