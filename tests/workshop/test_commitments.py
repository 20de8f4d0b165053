"""Commitments: edit, sort, filter, overdue, and a CSV that Excel cannot run formulas from."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.workshop.plan_helpers import day, workshop_at
from workshop import commitments as cm
from workshop.errors import InputError, NotFoundError


def test_add_update_delete_restore(db):
    wid = workshop_at(db, "defined")
    info, changes = cm.add_commitment(db, wid, "  Joint lead definition ", owner="Anna", function="verkoop",
                                      due_date="2025-05-01", success_measure="In the CRM",
                                      practice_id="rules-of-engagement")
    assert changes.commitments and changes.workshop_id == wid
    assert (info.what, info.function, info.due_date, info.status, info.position) == (
        "Joint lead definition", "sales", day("2025-05-01"), "open", 1)
    second, _ = cm.add_commitment(db, wid, "Quarterly meeting")
    assert second.position == 2
    updated, _ = cm.update_commitment(db, info.id, status="done", due_date=None, function=None)
    assert (updated.status, updated.due_date, updated.function) == ("done", None, None)
    removed, changes = cm.delete_commitment(db, info.id)
    assert changes.commitments and [c.id for c in cm.list_commitments(db, wid)] == [second.id]
    restored, _ = cm.restore_commitment(db, removed)
    assert restored == removed  # same id, same fields
    with pytest.raises(NotFoundError):
        cm.get_commitment(db, 9999)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("what", "   ", "empty"),
    ("status", "maybe", "status"),
    ("due_date", "next week", "YYYY-MM-DD"),
    ("function", "finance", "unknown function"),
    ("practice_id", "time-travel", "not a practice"),
    ("owner", "x" * 201, "longer than"),
])
def test_bad_values_are_refused_and_nothing_changes(db, field, value, message):
    wid = workshop_at(db, "defined")
    info, _ = cm.add_commitment(db, wid, "Something")
    with pytest.raises(InputError, match=message):
        cm.update_commitment(db, info.id, **{field: value})
    assert cm.get_commitment(db, info.id) == info


def test_overdue_means_open_and_past_due(db):
    wid = workshop_at(db, "defined")
    today = day("2025-06-01")
    late, _ = cm.add_commitment(db, wid, "late", due_date="2025-05-31")
    cm.add_commitment(db, wid, "due today", due_date="2025-06-01")
    cm.add_commitment(db, wid, "done late", due_date="2025-01-01", status="done")
    cm.add_commitment(db, wid, "dropped", due_date="2025-01-01", status="dropped")
    cm.add_commitment(db, wid, "no date")
    assert [c.id for c in cm.overdue(db, wid, today)] == [late.id]
    assert late.is_overdue(today) and not late.is_overdue(day("2025-05-31"))


def test_sort_and_filter(db):
    wid = workshop_at(db, "defined")
    a, _ = cm.add_commitment(db, wid, "Alpha", owner="zoë", due_date="2025-07-01", function="sales")
    b, _ = cm.add_commitment(db, wid, "beta", owner="Bram", due_date="2025-05-01", status="done")
    c, _ = cm.add_commitment(db, wid, "Gamma", owner="", success_measure="leads in CRM")
    ids = lambda items: [x.id for x in items]  # noqa: E731
    assert ids(cm.list_commitments(db, wid)) == [a.id, b.id, c.id]
    # Without a value, always last, in either direction.
    assert ids(cm.list_commitments(db, wid, sort="due_date")) == [b.id, a.id, c.id]
    assert ids(cm.list_commitments(db, wid, sort="due_date", descending=True)) == [a.id, b.id, c.id]
    assert ids(cm.list_commitments(db, wid, sort="owner")) == [b.id, a.id, c.id]  # ignoring case
    assert ids(cm.list_commitments(db, wid, sort="what", descending=True)) == [c.id, b.id, a.id]
    assert ids(cm.list_commitments(db, wid, status="done")) == [b.id]
    assert ids(cm.list_commitments(db, wid, text="CRM")) == [c.id]
    assert ids(cm.list_commitments(db, wid, function="sales")) == [a.id]
    with pytest.raises(InputError, match="cannot sort"):
        cm.list_commitments(db, wid, sort="colour")


DANGEROUS = ["=HYPERLINK(\"http://x\")", "+31 6 1234", "-2+3", "@SUM(A1:A2)", "\tTabbed", "\rReturn"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_safe_cell_neutralises_formula_starts(value):
    assert cm.safe_cell(value) == "'" + value
    assert cm.safe_cell("Plain text = fine") == "Plain text = fine"
    assert cm.safe_cell(None) == "" and cm.safe_cell("") == ""


def test_csv_export_is_safe_for_excel(db, tmp_path):
    wid = workshop_at(db, "defined", lang="nl")
    for i, value in enumerate(DANGEROUS):
        cm.add_commitment(db, wid, value, owner=value, success_measure=value, due_date=dt.date(2025, 1, 1 + i))
    cm.add_commitment(db, wid, "Café-overleg; \"tweewekelijks\"", owner="Zoë", function="leadership",
                      practice_id="disciplined-meetings")
    path = cm.export_csv(db, wid, tmp_path / "commitments.csv", today=day("2025-06-01"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, so Excel reads the accents
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:4] == ["Wat", "Eigenaar", "Functie", "Einddatum"]
    assert len(rows) == 1 + len(DANGEROUS) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(cm.FORMULA_STARTS), repr(cell)
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")" and rows[1][6] == "ja"  # overdue
    last = rows[-1]
    assert last[0] == "Café-overleg; \"tweewekelijks\"" and last[1] == "Zoë" and last[2] == "Directie"
    assert last[7] == "Overleg met discipline"


def test_csv_delimiter_follows_the_language_or_the_caller(db, tmp_path):
    wid = workshop_at(db, "defined", lang="en")
    cm.add_commitment(db, wid, "One, two")
    text = cm.export_csv(db, wid, tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("What,Owner,Function,Due date")
    assert text.splitlines()[1].startswith('"One, two",')
    semi = cm.export_csv(db, wid, tmp_path / "b.csv", lang="nl", delimiter=";").read_text(encoding="utf-8-sig")
    assert semi.splitlines()[1].startswith("One, two;")
    with pytest.raises(InputError, match="separator"):
        cm.export_csv(db, wid, tmp_path / "c.csv", delimiter="|")


def test_commitments_json(db):
    wid = workshop_at(db, "defined")
    info, _ = cm.add_commitment(db, wid, "x", due_date="2000-01-01", practice_id="co-location")
    [item] = cm.commitments_json(db, wid, today=day("2025-01-01"))
    assert item == {"id": info.id, "what": "x", "owner": "", "function": None, "due_date": "2000-01-01",
                    "success_measure": "", "status": "open", "overdue": True, "practice": "co-location",
                    "carried_from": None, "review_note": ""}


def test_command_line_lists_and_writes_csv(db_path, tmp_path, capsys):
    from workshop.cli import main
    from workshop.storage.db import open_database

    db = open_database(db_path)
    wid = workshop_at(db, "defined", lang="nl")
    cm.add_commitment(db, wid, "@risky", owner="Anna", due_date="2000-01-01")
    db.close()
    assert main(["--db", str(db_path), "commitments", str(wid)]) == 0
    listing = capsys.readouterr().out
    assert "@risky (Anna)" in listing and "OVERDUE" in listing
    out = tmp_path / "c.csv"
    assert main(["--db", str(db_path), "commitments", str(wid), "--csv", str(out), "--sep", "comma"]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Wat,Eigenaar") and lines[1].startswith("'@risky,Anna")
