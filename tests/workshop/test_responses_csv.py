"""Every rule of the responses CSV, and each kind of bad input, through the real import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.errors import InputError
from workshop.importing import import_responses
from workshop.participants import add_participant, list_participants
from workshop.responses_csv import parse
from workshop.workshops import create_workshop

from .helpers import QIDS, header, row, write_csv


@pytest.fixture
def wid(db) -> int:
    return create_workshop(db, "Acme", "Offsite", "2026-03-01").id


def snapshot(db, wid: int) -> list[tuple]:
    return [(p.name, p.function, sorted(p.answers.items())) for p in list_participants(db, wid)]


def problems_of(excinfo: pytest.ExceptionInfo) -> str:
    return str(excinfo.value)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_is_detected(db, wid, tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "r.csv", [header(), row("Ann", "sales", 4), row("Bob", "marketing", 2)], delimiter)
    report = import_responses(db, wid, path)
    assert (report.added, report.updated) == (2, 0)
    people = list_participants(db, wid)
    assert [p.total(QIDS) for p in people] == [80, 40]


def test_columns_in_any_order_case_insensitive_dutch_headers_and_extra_column(db, wid, tmp_path) -> None:
    cols = ["Functie", "Opmerking", *reversed([q.upper() for q in QIDS]), "NAAM"]
    values = ["Verkoop", "x", *[str(i % 5 + 1) for i in range(20)], "Ann"]
    path = write_csv(tmp_path / "r.csv", [cols, values], ";")
    report = import_responses(db, wid, path)
    assert report.added == 1
    assert any("Opmerking" in w for w in report.warnings)
    person = list_participants(db, wid)[0]
    assert person.name == "Ann" and person.function == "sales"
    # columns were reversed: q20 got the first value
    assert person.answers["q20"] == 1 and person.answers["q01"] == 5


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("sales", "sales"), ("VERKOOP", "sales"), ("Marketing", "marketing"), ("directie", "leadership"),
     ("Leadership", "leadership"), ("overig", "other"), ("OTHER", "other")],
)
def test_function_names(db, wid, tmp_path, raw: str, expected: str) -> None:
    import_responses(db, wid, write_csv(tmp_path / "r.csv", [header(), row("Ann", raw)]))
    assert list_participants(db, wid)[0].function == expected


def test_bom_and_empty_answers_and_anonymous(db, wid, tmp_path) -> None:
    values = ["", "marketing", *["3"] * 19, ""]
    path = tmp_path / "r.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (",".join(header()) + "\n" + ",".join(values) + "\n").encode())
    assert import_responses(db, wid, path).added == 1
    person = list_participants(db, wid)[0]
    assert person.name is None and len(person.answers) == 19 and person.total(QIDS) is None


def test_windows_1252_file_keeps_accents(db, wid, tmp_path) -> None:
    path = write_csv(tmp_path / "r.csv", [header(), row("Renée Müller-Geïntegreerd", "sales")], ";", "cp1252")
    report = import_responses(db, wid, path)
    assert any("Windows-1252" in w for w in report.warnings)
    assert list_participants(db, wid)[0].name == "Renée Müller-Geïntegreerd"


def test_matching_name_updates_and_empty_cells_keep_answers(db, wid, tmp_path) -> None:
    add_participant(db, wid, "Ann", "sales")
    import_responses(db, wid, write_csv(tmp_path / "a.csv", [header(), row("Ann", "sales", 2)]))
    partial = ["ann", "marketing", "5", *[""] * 19]
    report = import_responses(db, wid, write_csv(tmp_path / "b.csv", [header(), partial]))
    assert (report.added, report.updated) == (0, 1)
    person = list_participants(db, wid)[0]
    assert person.function == "marketing" and person.answers["q01"] == 5 and person.answers["q02"] == 2


BAD_CELLS = [("0", "q05"), ("6", "q05"), ("3.5", "q05"), ("drie", "q05"), ("-1", "q05"), ("３", "q05")]


@pytest.mark.parametrize(("value", "column"), BAD_CELLS)
def test_bad_scores_name_line_and_column_and_store_nothing(db, wid, tmp_path, value: str, column: str) -> None:
    bad = row("Bob", "sales")
    bad[2 + QIDS.index(column)] = value
    path = write_csv(tmp_path / "r.csv", [header(), row("Ann", "sales"), bad])
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, path)
    assert f"line 3, column {column}" in problems_of(excinfo)
    assert snapshot(db, wid) == []


def test_every_problem_is_listed(db, wid, tmp_path) -> None:
    rows = [header(), row("Ann", "sales"), row("Bob", "sales"), row("Cas", "cook")]
    rows[1][3] = "9"
    rows[2][4] = "x"
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, write_csv(tmp_path / "r.csv", rows))
    text = problems_of(excinfo)
    assert "line 2, column q02" in text and "line 3, column q03" in text and "line 4, column function" in text
    assert len(excinfo.value.problems) == 3


def test_unknown_function(db, wid, tmp_path) -> None:
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, write_csv(tmp_path / "r.csv", [header(), row("Ann", "finance")]))
    assert "line 2, column function: 'finance'" in problems_of(excinfo)


def test_wrong_delimiter_mix(db, wid, tmp_path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(";".join(header()) + "\n" + ",".join(row("Ann", "sales")) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, path)
    assert "line 2" in problems_of(excinfo) and "fields" in problems_of(excinfo)
    assert snapshot(db, wid) == []


def test_duplicate_columns(db, wid, tmp_path) -> None:
    cols = [*header(), "Q03"]
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, write_csv(tmp_path / "r.csv", [cols, [*row("Ann", "sales"), "4"]]))
    assert "column 'q03' appears twice" in problems_of(excinfo)


def test_missing_name_column(db, wid, tmp_path) -> None:
    cols = header()[1:]
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, write_csv(tmp_path / "r.csv", [cols, row("Ann", "sales")[1:]]))
    assert "no column 'name'" in problems_of(excinfo)


def test_missing_statement_columns(db, wid, tmp_path) -> None:
    cols = header()[:-2]
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, write_csv(tmp_path / "r.csv", [cols, row("Ann", "sales")[:-2]]))
    assert "q19, q20" in problems_of(excinfo)


def test_duplicate_names_in_file(db, wid, tmp_path) -> None:
    with pytest.raises(InputError) as excinfo:
        import_responses(db, wid, write_csv(tmp_path / "r.csv", [header(), row("Ann", "sales"), row("ANN", "sales")]))
    assert "line 3, column name" in problems_of(excinfo) and "line 2" in problems_of(excinfo)


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n"])
def test_empty_file(db, wid, tmp_path, content: bytes) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        import_responses(db, wid, path)


def test_binary_garbage(db, wid, tmp_path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe" * 20)
    with pytest.raises(InputError, match="not a text file"):
        import_responses(db, wid, path)
    assert snapshot(db, wid) == []


def test_missing_file(db, wid, tmp_path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        import_responses(db, wid, tmp_path / "nope.csv")


def test_header_only_imports_nothing(db, wid, tmp_path) -> None:
    report = import_responses(db, wid, write_csv(tmp_path / "r.csv", [header()]))
    assert (report.added, report.updated) == (0, 0)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.binary(max_size=2000))
def test_parse_never_crashes_on_bytes(data: bytes) -> None:
    try:
        parse(data, QIDS, "fuzz.csv")
    except InputError:
        pass


cell = st.one_of(st.sampled_from(["", "1", "3", "5", "0", "6", "3.5", "sales", "verkoop", "x", '"', ";", ","]),
                 st.text(max_size=8))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cell, min_size=0, max_size=24), max_size=8), st.sampled_from([",", ";", "\t"]))
def test_parse_never_crashes_on_shapes(rows: list[list[str]], delimiter: str) -> None:
    text = "\n".join(delimiter.join(r) for r in [header(), *rows])
    try:
        parsed = parse(text.encode("utf-8"), QIDS, "fuzz.csv")
    except InputError as exc:
        assert exc.problems or exc.message
    else:
        for r in parsed.rows:
            assert all(1 <= v <= 5 for v in r.answers.values())


def test_trailing_empty_cells_are_tolerated(db, wid, tmp_path) -> None:
    path = write_csv(tmp_path / "r.csv", [header(), [*row("Ann", "sales"), "", ""]], ";")
    assert import_responses(db, wid, path).added == 1
