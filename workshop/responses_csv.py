"""Reading a responses (or participant list) CSV: every rule, every problem with its place.

Parsing never touches the database; it returns rows or raises one InputError listing
every problem as ``line N, column X: what is wrong``, so an import is all or nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from workshop.errors import InputError
from workshop.i18n import _
from workshop.input_files import read_capped
from workshop.validation import FUNCTION_ALIASES

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELL = 500
DELIMITERS = (",", ";", "\t")
NAME_HEADERS = {"name": "name", "naam": "name", "function": "function", "functie": "function"}
QUESTION = re.compile(r"^q0*([1-9][0-9]?)$")


@dataclass(frozen=True)
class ParsedRow:
    line: int
    name: str | None
    function: str
    answers: dict[str, int]


@dataclass
class ParsedFile:
    rows: list[ParsedRow]
    warnings: list[str] = field(default_factory=list)
    encoding: str = "utf-8"


def _looks_like_utf16(data: bytes) -> bool:
    """Latin text in UTF-16 without a mark: nearly every other byte is zero, the rest are not."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 8:
        return False
    for zeros, other in ((odd, even), (even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            return True
    return False


def decode(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes it, with a warning."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte order mark, as Excel's "Unicode text"
        try:
            text = data.decode("utf-16").lstrip("\ufeff")
        except UnicodeDecodeError:
            raise InputError(_("{file}: the file says it is UTF-16 text but is not readable as such; save it as "
                               "UTF-8 (\"CSV UTF-8\" in Excel).").format(file=filename)) from None
        if not text.strip():
            raise InputError(_("{file}: the file is empty.").format(file=filename))
        return text, "utf-16", []
    if not data.strip():
        raise InputError(_("{file}: the file is empty.").format(file=filename))
    if _looks_like_utf16(data):
        raise InputError(_("{file}: the file seems to be UTF-16 text without a byte order mark; save it as UTF-8 "
                           "(\"CSV UTF-8\" in Excel) and import it again.").format(file=filename))
    if b"\x00" in data:
        raise InputError(_("{file}: this is not a text file (it contains binary data).").format(file=filename))
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(_("{file}: this is not a text file in UTF-8 or Windows-1252.").format(file=filename)) from None
    return (
        text,
        "cp1252",
        [_("{file}: not UTF-8; read as Windows-1252 (Excel's plain CSV). Check accented names.").format(file=filename)],
    )


def _header_key(cell: str, statement_ids: tuple[str, ...]) -> str | None:
    key = cell.strip().strip("\ufeff").lower()
    if key in NAME_HEADERS:
        return NAME_HEADERS[key]
    match = QUESTION.match(key)
    if match:
        qid = f"q{int(match.group(1)):02d}"
        return qid if qid in statement_ids else None
    return None


def detect_delimiter(first_line: str, statement_ids: tuple[str, ...]) -> str:
    """The delimiter under which the header row has the most known column names."""
    best, best_known = ",", -1
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # e.g. a field over the csv module's size limit: reported when reading
            cells = []
        known = sum(1 for c in cells if _header_key(c, statement_ids))
        if known > best_known:
            best, best_known = delimiter, known
    return best


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse(
    data: bytes,
    statement_ids: tuple[str, ...],
    filename: str = "file",
    *,
    require_answers: bool = True,
) -> ParsedFile:
    if len(data) > MAX_BYTES:
        raise InputError(
            _("{file}: the file is larger than {mb} MB.").format(file=filename, mb=MAX_BYTES // (1024 * 1024))
        )
    text, encoding, warnings = decode(data, filename)
    if not text.strip():  # e.g. only a byte-order mark and blank lines
        raise InputError(_("{file}: the file is empty.").format(file=filename))
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = detect_delimiter(first_line, statement_ids)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[str] = []
    try:
        header = next(reader)
        while not any(c.strip() for c in header):
            header = next(reader)
    except StopIteration:
        raise InputError(_("{file}: the file is empty.").format(file=filename)) from None
    except csv.Error as exc:
        raise InputError(
            _("{file}: line {line}: {problem}.").format(file=filename, line=reader.line_num, problem=exc)
        ) from None
    header_line = reader.line_num

    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _header_key(cell, statement_ids)
        where = _("line {line}, column {column}").format(line=header_line, column=_column_letter(index))
        if key is None:
            label = cell.strip() or "(no name)"
            warnings.append(
                _("{file}: {where}: column {label!r} is not used and was ignored.").format(
                    file=filename, where=where, label=label
                )
            )
        elif key in columns:
            problems.append(
                _("{where}: column {key!r} appears twice (also column {other})").format(
                    where=where, key=key, other=_column_letter(columns[key])
                )
            )
        else:
            columns[key] = index
    for needed in ("name", "function"):
        if needed not in columns:
            problems.append(
                _("line {line}: there is no column {name!r} (or {dutch!r})").format(
                    line=header_line, name=needed, dutch=_dutch(needed)
                )
            )
    missing = [q for q in statement_ids if q not in columns]
    if require_answers and missing:
        problems.append(
            _("line {line}: the columns {columns} are missing").format(line=header_line, columns=", ".join(missing))
        )
    if problems:
        raise InputError(
            _("{file}: the header row is not usable; nothing was imported.").format(file=filename), problems
        )

    rows: list[ParsedRow] = []
    seen_names: dict[str, int] = {}
    line = header_line
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise InputError(_("{file}: more than {n} rows; split the file.").format(file=filename, n=MAX_ROWS))
            row = _parse_row(cells, start, header, columns, statement_ids, problems)
            if row is None:
                continue
            if row.name:
                key = row.name.lower()
                if key in seen_names:
                    problems.append(
                        _("line {line}, column name: {name!r} appears again (first on line {first})").format(
                            line=start, name=row.name, first=seen_names[key]
                        )
                    )
                seen_names[key] = start
            rows.append(row)
    except csv.Error as exc:
        problems.append(_("line {line}: {problem}").format(line=reader.line_num, problem=exc))
    if problems:
        raise InputError(
            _("{file}: {n} problem(s) found; nothing was imported.").format(file=filename, n=len(problems)), problems
        )
    return ParsedFile(rows=rows, warnings=warnings, encoding=encoding)


def _dutch(column: str) -> str:
    return {"name": "naam", "function": "functie"}[column]


def _parse_row(
    cells: list[str],
    line: int,
    header: list[str],
    columns: dict[str, int],
    statement_ids: tuple[str, ...],
    problems: list[str],
) -> ParsedRow | None:
    if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
        cells = cells[: len(header)]  # trailing separators, as some spreadsheets write them
    if len(cells) != len(header):
        problems.append(
            _(
                "line {line}: {n} fields where the header has {expected} "
                "(a different separator, or a stray separator or quote?)"
            ).format(line=line, n=len(cells), expected=len(header))
        )
        return None
    before = len(problems)
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL:
            where = _("line {line}, column {column}").format(line=line, column=_column_letter(index))
            problems.append(_("{where}: the cell is longer than {n} characters").format(where=where, n=MAX_CELL))
    name = cells[columns["name"]].strip() or None
    raw_function = cells[columns["function"]].strip()
    function = FUNCTION_ALIASES.get(raw_function.lower())
    if function is None:
        shown = repr(raw_function) if raw_function else _("empty")
        problems.append(
            _(
                "line {line}, column function: {shown} is not a function; "
                "use sales, marketing, leadership or other (verkoop, marketing, directie, overig)"
            ).format(line=line, shown=shown)
        )
    answers: dict[str, int] = {}
    for qid in statement_ids:
        if qid not in columns:
            continue
        value = cells[columns[qid]].strip()
        if not value:
            continue
        if value.isdigit() and value.isascii() and 1 <= int(value) <= 5:
            answers[qid] = int(value)
        else:
            problems.append(
                _("line {line}, column {column}: {value!r} is not a whole number from 1 to 5").format(
                    line=line, column=qid, value=value
                )
            )
    if len(problems) > before:
        return None
    return ParsedRow(line=line, name=name, function=function or "other", answers=answers)


def read_file(path: str | Path, statement_ids: tuple[str, ...], *, require_answers: bool = True) -> ParsedFile:
    path = Path(path)
    data = read_capped(path, MAX_BYTES)
    return parse(data, statement_ids, path.name, require_answers=require_answers)
