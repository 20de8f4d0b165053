"""Personal-data requests: export one participant's data, delete them with all answers,
delete a client with its whole history."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workshop import privacy
from workshop.commitments import add_commitment
from workshop.demo import create_demo
from workshop.errors import NotFoundError
from workshop.participants import add_participant, list_participants, set_answers
from workshop.results_json import results_json
from workshop.storage.backup import backup_on_start, list_backups
from workshop.storage.models import (
    Answer,
    Client,
    Commitment,
    Decision,
    FunnelOwner,
    Participant,
    PracticeReview,
    Workshop,
)
from workshop.workshops import create_workshop, duplicate_as_follow_up, list_workshops


@pytest.fixture
def two_workshops(db):  # noqa: ANN001, ANN201
    first = create_workshop(db, "Acme", "Baseline", "2026-01-10", language="en", min_group_size=1)
    ann, _ = add_participant(db, first.id, "Ann de Wit", "sales")
    bob, _ = add_participant(db, first.id, "Bob", "marketing")
    anon, _ = add_participant(db, first.id, None, "other")
    for person, score in ((ann, 5), (bob, 2), (anon, 3)):
        set_answers(db, person.id, {f"q{i:02d}": score for i in range(1, 21)}, "kiosk")
    follow = duplicate_as_follow_up(db, first.id, "2026-07-10")
    ann2 = next(p for p in list_participants(db, follow.id) if p.name == "Ann de Wit")
    set_answers(db, ann2.id, {"q01": 4, "q02": 4}, "phone")
    add_commitment(db, follow.id, "Shared lead definition", owner="ann de wit and Bob")
    add_commitment(db, follow.id, "Weekly pipeline call", owner="Bob")
    other = create_workshop(db, "Globex", "Offsite", "2026-02-01")
    add_participant(db, other.id, "Ann de Wit", "sales")  # a namesake at another client: not the same person
    return first.id, follow.id, other.id, ann.id, bob.id, anon.id


def count(db, model, *where) -> int:  # noqa: ANN001
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_export_holds_everything_about_the_person(db, two_workshops, tmp_path: Path) -> None:
    first, follow, _other, ann, _bob, _anon = two_workshops
    out = privacy.export_participant_data(db, ann, tmp_path / "ann.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "alignment-workshop-personal-data" and data["name"] == "Ann de Wit"
    assert [r["workshop"]["title"] for r in data["records"]] == ["Baseline", "Baseline"]
    assert [r["workshop"]["date"] for r in data["records"]] == ["2026-01-10", "2026-07-10"]
    baseline, follow_up = data["records"]
    assert len(baseline["answers"]) == 20 and {a["score"] for a in baseline["answers"]} == {5}
    assert baseline["answers"][0]["text"] and baseline["answers"][0]["source"] == "kiosk"
    assert [(a["statement"], a["score"]) for a in follow_up["answers"]] == [("q01", 4), ("q02", 4)]
    assert [c["what"] for c in follow_up["commitments_naming_them"]] == ["Shared lead definition"]
    assert "Bob" not in json.dumps(baseline["answers"])  # nobody else's data
    only = privacy.participant_data(db, ann, across_client=False)
    assert len(only["records"]) == 1


def test_delete_removes_the_person_and_all_answers_everywhere(db, two_workshops) -> None:
    first, follow, other, ann, bob, anon = two_workshops
    before = results_json(db, first)
    records = privacy.find_person(db, ann)
    assert [(r.workshop_id, r.answers) for r in records] == [(first, 20), (follow, 2)]
    report = privacy.delete_participant_data(db, ann)
    assert report.answers == 22 and len(report.records) == 2
    assert report.named_in_commitments == ["Shared lead definition"]
    assert report.changes.participants and report.changes.answers
    assert count(db, Participant, func.lower(Participant.name) == "ann de wit") == 1  # only Globex's namesake
    assert count(db, Answer, Answer.participant_id == ann) == 0
    assert [p.name for p in list_participants(db, first)] == ["Bob", None]
    after = results_json(db, first)
    assert after["participants"] == before["participants"] - 1
    assert after["total"]["mean"] < before["total"]["mean"]  # her 100 is gone from the group's figures
    assert list_participants(db, other)[0].name == "Ann de Wit"
    assert count(db, Commitment) == 2  # the group's plan stays


def test_delete_of_an_anonymous_participant_touches_only_them(db, two_workshops) -> None:
    first, *_rest, anon = two_workshops
    report = privacy.delete_participant_data(db, anon)
    assert len(report.records) == 1 and report.answers == 20 and report.named_in_commitments == []
    assert len(list_participants(db, first)) == 2


def test_delete_client_removes_its_whole_history(db) -> None:
    current = create_demo(db, "en")
    keep = create_workshop(db, "Other client", "Offsite", "2026-03-01")
    add_participant(db, keep.id, "Zed", "sales")
    client_id = next(w for w in list_workshops(db) if w.id == current).client
    overview = privacy.find_client(db, client_id)
    assert overview.workshops == 2 and overview.participants == 31 and overview.answers > 500
    deleted, changes = privacy.delete_client(db, overview.id)
    assert deleted == overview and changes.workshops
    assert [w.title for w in list_workshops(db)] == ["Offsite"]
    for model in (Decision, PracticeReview, FunnelOwner, Commitment):
        assert count(db, model) == 0
    assert count(db, Participant) == 1 and count(db, Answer) == 0
    assert count(db, Client) == 1
    if not db.on_server:  # a server enforces foreign keys always; SQLite is asked
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(NotFoundError):
        privacy.find_client(db, overview.name)
    assert [c.name for c in privacy.list_clients(db)] == ["Other client"]


def test_backups_keep_the_data_until_rotated_and_the_ui_says_so(db, db_path: Path, two_workshops) -> None:
    *_ids, ann, _bob, _anon = two_workshops
    backup_on_start(db)
    privacy.delete_participant_data(db, ann)
    [old] = list_backups(db_path)
    with sqlite3.connect(old.path) as conn:
        assert conn.execute("SELECT count(*) FROM participants WHERE name = 'Ann de Wit'").fetchone()[0] == 3
    assert "10" in privacy.backups_note() and "Delete older backups" in privacy.backups_note()
    from workshop.i18n import set_language

    set_language("nl")
    try:
        assert "back-ups" in privacy.backups_note()
    finally:
        set_language("en")


def test_not_found(db) -> None:
    w = create_workshop(db, "Acme", "W", "2026-01-01")
    with pytest.raises(NotFoundError):
        privacy.delete_participant_data(db, 999)
    with pytest.raises(NotFoundError):
        privacy.find_participant(db, w.id, "Nobody")
    with pytest.raises(NotFoundError):
        privacy.delete_client(db, 999)


def cli(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "workshop.cli", "--db", str(db_path), *args],
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr
    return result


def test_cli_participant_data_forget_and_delete_client(db, db_path: Path, two_workshops, tmp_path: Path) -> None:
    first, follow, _other, *_ = two_workshops
    out = tmp_path / "ann.json"
    assert cli(db_path, "participant-data", str(first), "ann de wit", "--out", str(out)).returncode == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["records"]) == 2
    dry = cli(db_path, "forget-participant", str(first), "Ann de Wit")
    assert dry.returncode == 1 and "Nothing was deleted" in dry.stderr and "20 answer(s)" in dry.stderr
    done = cli(db_path, "forget-participant", str(first), "Ann de Wit", "--yes")
    assert done.returncode == 0 and "22 answer(s)" in done.stdout and "backups" in done.stdout
    missing = cli(db_path, "forget-participant", str(first), "Ann de Wit", "--yes")
    assert missing.returncode == 2 and "no participant called" in missing.stderr
    assert cli(db_path, "delete-client", "Acme").returncode == 1
    assert cli(db_path, "delete-client", "acme", "--yes").returncode == 0
    assert [w.title for w in list_workshops(db)] == ["Offsite"]
    assert count(db, Workshop) == 1


def test_every_string_of_backups_restore_and_privacy_is_in_dutch() -> None:
    import ast

    from workshop.i18n import catalogue

    root = Path(__file__).resolve().parent.parent.parent
    missing = []
    for name in ("workshop/storage/db.py", "workshop/storage/lock.py", "workshop/privacy.py",
                 "workshop/personal_data.py", "ui/restore_dialog.py", "ui/privacy_dialogs.py"):
        for node in ast.walk(ast.parse((root / name).read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                if node.args[0].value not in catalogue("nl"):
                    missing.append(f"{name}: {node.args[0].value!r}")
    assert missing == []
