"""Hostile and broken files: the responses CSV import and the workshop-file import are fed
random bytes, random shapes, huge cells, deep JSON and wrong versions. The only allowed
outcomes are a clean InputError with the database unchanged (compared as a full dump
before and after), or a valid import.

Hostile workshop files get a correct checksum on purpose: the checksum detects damage,
not an attacker, so the field checks behind it must hold on their own.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from workshop.demo import create_demo
from workshop.errors import InputError
from workshop.importing import import_responses, plan_import
from workshop.participants import list_participants
from workshop.responses_csv import MAX_BYTES as CSV_MAX_BYTES
from workshop.responses_csv import MAX_CELL, MAX_ROWS
from workshop.transfer import FORMAT, FORMAT_VERSION, checksum, export_workshop, import_workshop
from workshop.transfer import MAX_BYTES as FILE_MAX_BYTES
from workshop.workshops import create_workshop, list_workshops

from .helpers import QIDS, header, row, write_csv

# Examples per property test; the suite's default keeps it quick, HOSTILE_EXAMPLES=500 digs deeper.
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


class Fixture:
    """One database (a demo with history) and a scratch folder shared by a test's examples."""

    def __init__(self, db, db_path: Path, folder: Path) -> None:  # noqa: ANN001
        self.db = db
        self.path = db_path
        self.folder = folder
        self.wid = create_demo(db, "en")
        self.exported = json.loads(export_workshop(db, self.wid, folder / "good.json").read_text(encoding="utf-8"))
        self.count = 0

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table (the schema cannot change through an import)."""
        with sqlite3.connect(self.path) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
        conn.close()
        return rows

    def file(self, content: bytes, suffix: str = ".csv") -> Path:
        self.count += 1
        path = self.folder / f"input-{self.count}{suffix}"
        path.write_bytes(content)
        return path


@pytest.fixture
def fx(db, db_path: Path, tmp_path: Path) -> Fixture:  # noqa: ANN001
    return Fixture(db, db_path, tmp_path)


def import_csv_cleanly(fx: Fixture, content: bytes) -> None:
    """An InputError leaves the database exactly as it was; success adds what the plan said."""
    path = fx.file(content)
    before = fx.dump()
    people_before = len(list_participants(fx.db, fx.wid))
    try:
        plan = plan_import(fx.db, fx.wid, path)
    except InputError as exc:
        assert exc.message and all(isinstance(p, str) for p in exc.problems)
        assert "Traceback" not in str(exc)
        assert fx.dump() == before
        return
    assert fx.dump() == before  # a preview writes nothing
    report = import_responses(fx.db, fx.wid, path)
    assert (report.added, report.updated) == (plan.added, plan.updated)
    assert len(list_participants(fx.db, fx.wid)) == people_before + plan.added


def import_file_cleanly(fx: Fixture, content: bytes) -> int | None:
    path = fx.file(content, ".json")
    before = fx.dump()
    workshops = len(list_workshops(fx.db))
    try:
        new_id = import_workshop(fx.db, path)
    except InputError as exc:
        assert exc.message and all(isinstance(p, str) for p in exc.problems)
        assert fx.dump() == before
        return None
    assert len(list_workshops(fx.db)) == workshops + 1
    assert new_id not in {w.id for w in list_workshops(fx.db)} - {new_id} and new_id
    return new_id


def hostile_checksum(data: Any) -> str:
    """The checksum an attacker would write, also for text our own export could never hold."""
    try:
        return checksum(data)
    except RecursionError:
        return "sha256:" + "0" * 64
    except UnicodeEncodeError:
        raw = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return "sha256:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def envelope(data: Any, **overrides: Any) -> bytes:
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": "9", "exported_at": "x",
                "checksum": hostile_checksum(data), "data": data}
    document.update(overrides)
    return json.dumps(document, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------- the responses CSV

@FUZZ
@given(data=st.binary(max_size=4000))
def test_csv_random_bytes(fx: Fixture, data: bytes) -> None:
    import_csv_cleanly(fx, data)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_csv_random_bytes_after_a_valid_header(fx: Fixture, data: bytes) -> None:
    import_csv_cleanly(fx, (",".join(header()) + "\r\n").encode() + data)


KNOWN_COLUMNS = ["name", "naam", "function", "functie", *QIDS, "q1", "q021", "q00", "Q05", " q07 ", "", "extra"]
cells = st.one_of(
    st.sampled_from(["", "1", "2", "3", "4", "5", "0", "6", "-1", "3.5", "٣", "５", "1e0", " 4 ", "sales", "Verkoop",
                     "DIRECTIE", "marketing", "other", '"', '""', "'", ";", ",", "\t", "\r", "\n", "\x00", "=1+1"]),
    st.text(max_size=12),
    st.text(min_size=MAX_CELL - 2, max_size=MAX_CELL + 2),  # around the cell limit
    st.builds(lambda n, c: c * n, st.integers(1000, 200_000), st.sampled_from(["x", "é", '"', "5"])),  # huge
)
shapes = st.tuples(
    st.lists(st.sampled_from(KNOWN_COLUMNS), min_size=0, max_size=26),
    st.lists(st.lists(cells, max_size=26), max_size=12),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
    st.sampled_from(["\r\n", "\n", "\r"]),
    st.booleans(),
)


@FUZZ
@given(shape=shapes)
def test_csv_random_shapes_huge_cells_and_encodings(fx: Fixture, shape: tuple) -> None:
    columns, rows, delimiter, encoding, newline, quote_all = shape

    def line(cells_: list[str]) -> str:
        if quote_all:
            return delimiter.join('"' + c.replace('"', '""') + '"' for c in cells_)
        return delimiter.join(cells_)

    text = newline.join(line(r) for r in [columns, *rows]) + newline
    import_csv_cleanly(fx, text.encode(encoding, "replace"))


@FUZZ
@given(rows=st.lists(st.tuples(st.text(max_size=30), st.sampled_from(["sales", "marketing", "verkoop", "x", ""]),
                               st.lists(st.sampled_from(["", "1", "3", "5", "6"]), min_size=20, max_size=20)),
                     max_size=30))
def test_csv_plausible_files_import_whole_or_not_at_all(fx: Fixture, rows: list) -> None:
    lines = [header()] + [[name.replace(",", " ").replace('"', " "), function, *scores]
                          for name, function, scores in rows]
    import_csv_cleanly(fx, "\r\n".join(",".join(r) for r in lines).encode("utf-8"))


def test_csv_size_limits_have_clear_messages(fx: Fixture) -> None:
    big = fx.folder / "big.csv"
    with big.open("wb") as handle:  # sparse: the size is checked before reading
        handle.truncate(CSV_MAX_BYTES + 1)
    before = fx.dump()
    with pytest.raises(InputError, match="larger than 5 MB"):
        import_responses(fx.db, fx.wid, big)
    many = write_csv(fx.folder / "many.csv", [header()] + [row(f"P{i}", "sales") for i in range(MAX_ROWS + 1)])
    with pytest.raises(InputError, match=f"more than {MAX_ROWS} rows"):
        import_responses(fx.db, fx.wid, many)
    wide = write_csv(fx.folder / "wide.csv", [header(), row("x" * (MAX_CELL + 1), "sales")])
    with pytest.raises(InputError) as caught:
        import_responses(fx.db, fx.wid, wide)
    assert any(f"longer than {MAX_CELL} characters" in p for p in caught.value.problems)
    huge_field = fx.file(b"name,function\r\n" + b'"' + b"x" * 300_000 + b'",sales\r\n')
    with pytest.raises(InputError):
        import_responses(fx.db, fx.wid, huge_field, require_answers=False)
    huge_first_line = fx.file(b"\r\n" + b"x" * 131_073 + b"\r\n")  # over the csv module's own field limit
    with pytest.raises(InputError, match="field larger"):
        import_responses(fx.db, fx.wid, huge_first_line)
    assert fx.dump() == before


# ---------------------------------------------------------------- the workshop file

@FUZZ
@given(data=st.binary(max_size=4000))
def test_workshop_file_random_bytes(fx: Fixture, data: bytes) -> None:
    import_file_cleanly(fx, data)


json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2**63 - 2, max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["", "q01", "sales", "open", "2026-01-01", "2026-02-30", "nl", "a4", "undefined", "\ud800",
                     "0001-01-01T00:00:00+14:00"]),
    st.builds(lambda n: "x" * n, st.sampled_from([201, 5001, 100_000])),  # just over the text limits
)
json_values = st.recursive(
    json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=5)),
    max_leaves=30,
)


@FUZZ
@given(document=json_values)
def test_workshop_file_random_json_documents(fx: Fixture, document: Any) -> None:
    raw = json.dumps(document, allow_nan=True).encode("utf-8")
    import_file_cleanly(fx, raw)


@FUZZ
@given(data=json_values)
def test_workshop_file_random_data_with_a_valid_checksum(fx: Fixture, data: Any) -> None:
    import_file_cleanly(fx, envelope(data))


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _set(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@FUZZ
@given(choice=st.data())
def test_workshop_file_a_real_export_with_hostile_fields(fx: Fixture, choice: st.DataObject) -> None:
    """Replace, drop or duplicate fields of a real export, then give it a correct checksum."""
    data = copy.deepcopy(fx.exported["data"])
    for _ in range(choice.draw(st.integers(1, 4))):
        paths = _paths(data)
        path = choice.draw(st.sampled_from(paths))
        action = choice.draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace" or not path:
            data = _set(data, path, choice.draw(json_values))
        else:
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            if action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[path[-1]]))
    new_id = import_file_cleanly(fx, envelope(data))
    if new_id is not None:  # an import that passed the checks is whole and can be exported again
        export_workshop(fx.db, new_id, fx.folder / "again.json")


@FUZZ
@given(version=st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=5), st.booleans(), st.none(),
                         st.lists(st.integers(), max_size=2)),
       form=st.sampled_from([FORMAT, "alignment-workshop ", "ALIGNMENT-WORKSHOP", None, 1]))
def test_workshop_file_wrong_formats_and_versions(fx: Fixture, version: Any, form: Any) -> None:
    assume(not (version == FORMAT_VERSION and form == FORMAT and type(version) is int))
    before = fx.dump()
    path = fx.file(envelope(fx.exported["data"], format_version=version, format=form), ".json")
    with pytest.raises(InputError) as caught:
        import_workshop(fx.db, path)
    if form == FORMAT and isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        assert "newer version" in caught.value.message
    assert fx.dump() == before


@FUZZ
@given(cut=st.floats(0.0, 0.9999), flip=st.integers(0, 10**9), byte=st.integers(0, 255))
def test_workshop_file_tampered_or_truncated(fx: Fixture, cut: float, flip: int, byte: int) -> None:
    good = (fx.folder / "good.json").read_bytes()
    before = fx.dump()
    truncated = fx.file(good[: int(len(good) * cut)], ".json")
    with pytest.raises(InputError):
        import_workshop(fx.db, truncated)
    changed = bytearray(good)
    index = flip % len(changed)
    assume(changed[index] != byte)
    changed[index] = byte
    # A changed byte either breaks the JSON or the checksum; the only harmless changes are to
    # layout and to the fields outside "data" (e.g. app_version).
    result = import_file_cleanly(fx, bytes(changed))
    if result is not None:
        document = json.loads(bytes(changed).decode("utf-8-sig"))
        assert document["data"] == fx.exported["data"]
    else:
        assert fx.dump() == before


@pytest.mark.parametrize("depth", [50, 400, 900, 5000, 100_000])
def test_workshop_file_deep_json(fx: Fixture, depth: int) -> None:
    before = fx.dump()
    nested = "[" * depth + "]" * depth
    for raw in (nested.encode(), b'{"format": "alignment-workshop", "format_version": 1, "data": ' + nested.encode()
                + b', "checksum": "x"}'):
        with pytest.raises(InputError):
            import_workshop(fx.db, fx.file(raw, ".json"))
    if depth <= 400:  # deep, but with a correct checksum so the field checks see it
        deep: Any = "x"
        for _ in range(depth):
            deep = {"a": [deep]}
        data = copy.deepcopy(fx.exported["data"])
        data["workshop"]["title"] = deep
        data["participants"][0]["answers"] = deep
        with pytest.raises(InputError):
            import_workshop(fx.db, fx.file(envelope(data), ".json"))
    assert fx.dump() == before


def test_workshop_file_size_limit_and_odd_text(fx: Fixture) -> None:
    before = fx.dump()
    big = fx.folder / "big.json"
    with big.open("wb") as handle:
        handle.truncate(FILE_MAX_BYTES + 1)
    with pytest.raises(InputError, match="larger than 50 MB"):
        import_workshop(fx.db, big)
    data = copy.deepcopy(fx.exported["data"])
    data["participants"][0]["name"] = "bad \ud800 surrogate"
    with pytest.raises(InputError):
        import_workshop(fx.db, fx.file(envelope(data), ".json"))
    for field, value in [("min_group_size", 1e999), ("min_group_size", float("nan")), ("date", 10**30)]:
        data = copy.deepcopy(fx.exported["data"])
        data["workshop"][field] = value
        with pytest.raises(InputError):
            import_workshop(fx.db, fx.file(envelope(data), ".json"))
    for where in ("participants", "commitments"):
        data = copy.deepcopy(fx.exported["data"])
        data[where][0]["position"] = 2**70
        with pytest.raises(InputError, match="position"):
            import_workshop(fx.db, fx.file(envelope(data), ".json"))
    assert fx.dump() == before


def test_workshop_file_duplicate_rows_are_refused_not_crashed(fx: Fixture) -> None:
    before = fx.dump()
    for where in ("practices", "funnel"):
        data = copy.deepcopy(fx.exported["data"])
        assert data[where], where
        data[where].append(copy.deepcopy(data[where][0]))
        with pytest.raises(InputError, match="twice"):
            import_workshop(fx.db, fx.file(envelope(data), ".json"))
    assert fx.dump() == before
    create_workshop(fx.db, "Acme", "Still writable", "2026-01-01")
