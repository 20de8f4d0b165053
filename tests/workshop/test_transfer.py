from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.demo import create_demo
from workshop.errors import InputError
from workshop.results_json import results_json
from workshop.transfer import checksum, export_data, export_workshop, import_workshop
from workshop.workshops import list_workshops


def strip_ids(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    data["workshop"].pop("id")
    data.pop("history", None)  # the client's history now holds the copy as well
    for commitment in data.get("commitments", []):
        commitment.pop("id")
    return data


def test_round_trip_keeps_results_and_everything_else(db, tmp_path: Path) -> None:
    wid = create_demo(db, "nl")
    out = export_workshop(db, wid, tmp_path / "w.json")
    new_id = import_workshop(db, out)
    assert new_id != wid
    assert strip_ids(results_json(db, new_id)) == strip_ids(results_json(db, wid))
    assert export_data(db, new_id) == export_data(db, wid)


def rewrite(path: Path, change) -> Path:  # noqa: ANN001
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["data"])
    document["checksum"] = checksum(document["data"])
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def exported(db, tmp_path: Path) -> Path:
    return export_workshop(db, create_demo(db, "en"), tmp_path / "w.json")


def test_tampered_and_truncated_files_are_refused(db, exported: Path) -> None:
    before = len(list_workshops(db))
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace('"score": 3', '"score": 4', 1), encoding="utf-8")
    with pytest.raises(InputError, match="checksum"):
        import_workshop(db, exported)
    exported.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError, match="damaged"):
        import_workshop(db, exported)
    assert len(list_workshops(db)) == before


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["participants"][2]["answers"][0].update(score=6), "participants[2].answers[0].score"),
        (lambda d: d["participants"][0].update(function="finance"), "participants[0].function"),
        (lambda d: d["participants"][1].update(name=d["participants"][0]["name"]), "participants[1].name"),
        (lambda d: d["workshop"].update(date="yesterday"), "workshop.date"),
        (lambda d: d["commitments"][0].update(status="maybe"), "commitments[0].status"),
        (lambda d: d["participants"][0]["answers"][0].update(statement="q99"), "participants[0].answers[0].statement"),
    ],
)
def test_bad_fields_are_named_by_path_and_nothing_is_written(db, exported: Path, change, where: str) -> None:  # noqa: ANN001
    before = len(list_workshops(db))
    rewrite(exported, change)
    with pytest.raises(InputError) as excinfo:
        import_workshop(db, exported)
    assert where in str(excinfo.value)
    assert len(list_workshops(db)) == before


def test_newer_format_is_refused(db, exported: Path) -> None:
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["format_version"] = 99
    exported.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match="newer version"):
        import_workshop(db, exported)
