"""Commitments: what the group promises, who owns it, by when, and how success shows.

Create, edit, delete (and restore, for undo), list with sorting and filters, spot the
overdue ones, and export as a CSV that is safe to open in Excel: text that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe so it can
never run as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy import func, select

from workshop.changes import Changes
from workshop.errors import InputError, NotFoundError
from workshop.i18n import N_, translator
from workshop.instrument import default_instrument
from workshop.storage.db import Database
from workshop.storage.models import Commitment
from workshop.validation import parse_date, parse_function
from workshop.vocabulary import COMMITMENT_STATUS_LABELS as STATUS_LABELS
from workshop.vocabulary import COMMITMENT_STATUSES, FUNCTION_LABELS
from workshop.workshops import get_workshop
from workshop.workshops import load as load_workshop

MAX_TEXT = 2000
MAX_NOTE = 5000
SORT_KEYS = ("position", "what", "owner", "function", "due_date", "success_measure", "status", "practice_id")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    N_("What"), N_("Owner"), N_("Function"), N_("Due date"), N_("Success measure"), N_("Status"),
    N_("Overdue"), N_("Practice"), N_("Carried forward"), N_("Review note"),
)
# Excel opens a CSV with the list separator of the system's region: semicolon in the
# Netherlands (the comma is the decimal sign there), comma in English-speaking ones.
DEFAULT_DELIMITER = {"nl": ";", "en": ","}


@dataclass(frozen=True)
class CommitmentInfo:
    id: int
    workshop_id: int
    what: str
    owner: str = ""
    function: str | None = None
    due_date: dt.date | None = None
    success_measure: str = ""
    status: str = "open"
    practice_id: str | None = None
    carried_from_id: int | None = None
    review_note: str = ""
    position: int = 0

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Open and past its due date."""
        today = today or dt.date.today()
        return self.status == "open" and self.due_date is not None and self.due_date < today


def commitment_info(row: Commitment) -> CommitmentInfo:
    return CommitmentInfo(
        id=row.id, workshop_id=row.workshop_id, what=row.what, owner=row.owner or "", function=row.function,
        due_date=row.due_date, success_measure=row.success_measure or "", status=row.status,
        practice_id=row.practice_id, carried_from_id=row.carried_from_id, review_note=row.review_note or "",
        position=row.position,
    )


def _text(limit: int, what: str, required: bool = False):  # noqa: ANN202 - a parser
    def parse(value: object) -> str:
        text = ("" if value is None else str(value)).strip()
        if required and not text:
            raise InputError(N_("{what} is empty: say what will be done"), what=what)
        if len(text) > limit:
            raise InputError(N_("{what} is longer than {limit} characters"), what=what, limit=limit)
        return text
    return parse


def _function(value: object) -> str | None:
    return parse_function(str(value)) if value not in (None, "") else None


def _due(value: object) -> dt.date | None:
    return parse_date(value, "due date") if value not in (None, "") else None  # type: ignore[arg-type]


def _status(value: object) -> str:
    if value not in COMMITMENT_STATUSES:
        raise InputError(N_("the status {value!r} must be one of {items}"),
                         value=value, items=', '.join(COMMITMENT_STATUSES))
    return value  # type: ignore[return-value]


def _practice(value: object) -> str | None:
    if value in (None, ""):
        return None
    if value not in {p.id for p in default_instrument().practices}:
        raise InputError(N_("{value!r} is not a practice of the instrument"), value=value)
    return value  # type: ignore[return-value]


def _position(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(N_("position {value!r} must be a whole number"), value=value)
    return value


EDITABLE = {
    "what": _text(MAX_TEXT, "what", required=True),
    "owner": _text(200, "owner"),
    "function": _function,
    "due_date": _due,
    "success_measure": _text(MAX_TEXT, "success measure"),
    "status": _status,
    "practice_id": _practice,
    "review_note": _text(MAX_NOTE, "review note"),
    "position": _position,
}


def _checked(values: dict[str, object]) -> dict[str, object]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise KeyError(f"not an editable field of a commitment: {', '.join(sorted(unknown))}")
    return {key: EDITABLE[key](value) for key, value in values.items()}


def _load(session, commitment_id: int) -> Commitment:  # noqa: ANN001 - a Session
    row = session.get(Commitment, commitment_id)
    if row is None:
        raise NotFoundError(N_("There is no commitment with id {commitment_id}."), commitment_id=commitment_id)
    return row


def _changes(workshop_id: int) -> Changes:
    return Changes(workshop_id=workshop_id, commitments=True)


def add_commitment(
    db: Database, workshop_id: int, what: str, *, owner: str = "", function: str | None = None,
    due_date: dt.date | str | None = None, success_measure: str = "", status: str = "open",
    practice_id: str | None = None, review_note: str = "", position: int | None = None,
    carried_from_id: int | None = None,
) -> tuple[CommitmentInfo, Changes]:
    values = _checked(dict(what=what, owner=owner, function=function, due_date=due_date,
                           success_measure=success_measure, status=status, practice_id=practice_id,
                           review_note=review_note))
    with db.session() as session:
        load_workshop(session, workshop_id)
        if position is None:
            last = session.scalar(select(func.max(Commitment.position)).where(Commitment.workshop_id == workshop_id))
            position = (last or 0) + 1
        row = Commitment(workshop_id=workshop_id, position=_position(position),
                         carried_from_id=carried_from_id, **values)
        session.add(row)
        session.flush()
        return commitment_info(row), _changes(workshop_id)


def get_commitment(db: Database, commitment_id: int) -> CommitmentInfo:
    with db.session() as session:
        return commitment_info(_load(session, commitment_id))


def update_commitment(db: Database, commitment_id: int, **changes: object) -> tuple[CommitmentInfo, Changes]:
    """Change some fields (see ``EDITABLE``); each value is checked before anything is stored."""
    values = _checked(changes)
    with db.session() as session:
        row = _load(session, commitment_id)
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        return commitment_info(row), _changes(row.workshop_id)


def delete_commitment(db: Database, commitment_id: int) -> tuple[CommitmentInfo, Changes]:
    """Delete one; returns it whole so that ``restore_commitment`` can undo the deletion."""
    removed, changes = delete_commitments(db, [commitment_id])
    return removed[0], changes


def delete_commitments(db: Database, commitment_ids: list[int]) -> tuple[list[CommitmentInfo], Changes]:
    """Delete several, all or none; returns them whole (in the order asked) for ``restore_commitments``."""
    with db.session() as session:
        removed = []
        for commitment_id in commitment_ids:
            row = _load(session, commitment_id)
            removed.append(commitment_info(row))
            session.delete(row)
        return removed, _changes_of(removed)


def restore_commitment(db: Database, removed: CommitmentInfo) -> tuple[CommitmentInfo, Changes]:
    """Put a deleted commitment back, with its own id when that is still free."""
    restored, changes = restore_commitments(db, [removed])
    return restored[0], changes


def restore_commitments(db: Database, removed: list[CommitmentInfo]) -> tuple[list[CommitmentInfo], Changes]:
    """Put deleted commitments back, all or none, each with its own id when that is still free
    (a link to a commitment that is gone is dropped). Returns them in the order given."""
    with db.session() as session:
        restored = []
        for was in removed:
            load_workshop(session, was.workshop_id)
            values = {f.name: getattr(was, f.name) for f in fields(was)}
            if session.get(Commitment, was.id) is not None:
                values.pop("id")
            if values["carried_from_id"] is not None and session.get(Commitment, values["carried_from_id"]) is None:
                values["carried_from_id"] = None
            row = Commitment(**values)
            session.add(row)
            session.flush()
            restored.append(commitment_info(row))
        return restored, _changes_of(restored)


def _changes_of(items: list[CommitmentInfo]) -> Changes:
    workshops = {c.workshop_id for c in items}
    return Changes(workshop_id=workshops.pop() if len(workshops) == 1 else None, commitments=True)


def sort_commitments(items: Iterable[CommitmentInfo], key: str = "position",
                     descending: bool = False) -> list[CommitmentInfo]:
    """Sorted by one field; those without a value (no due date, no owner) always come last."""
    if key not in SORT_KEYS:
        raise InputError(N_("cannot sort by {key!r}; use one of {items}"), key=key, items=', '.join(SORT_KEYS))

    def value(c: CommitmentInfo) -> tuple:
        v = getattr(c, key)
        return (v.lower() if isinstance(v, str) else v, c.position, c.id)

    items = list(items)
    filled = [c for c in items if getattr(c, key) not in (None, "")]
    empty = [c for c in items if getattr(c, key) in (None, "")]
    return sorted(filled, key=value, reverse=descending) + sorted(empty, key=lambda c: (c.position, c.id))


def filter_commitments(items: Iterable[CommitmentInfo], *, status: str | None = None, text: str = "",
                       function: str | None = None, overdue_only: bool = False,
                       today: dt.date | None = None) -> list[CommitmentInfo]:
    """Keep those with the status/function given, matching ``text`` in what, owner, measure or note."""
    needle = text.strip().lower()
    result = []
    for c in items:
        if status is not None and c.status != status:
            continue
        if function is not None and c.function != function:
            continue
        if overdue_only and not c.is_overdue(today):
            continue
        if needle and not any(needle in (v or "").lower()
                              for v in (c.what, c.owner, c.success_measure, c.review_note)):
            continue
        result.append(c)
    return result


def list_commitments(db: Database, workshop_id: int, *, sort: str = "position", descending: bool = False,
                     status: str | None = None, text: str = "", function: str | None = None,
                     overdue_only: bool = False, today: dt.date | None = None) -> list[CommitmentInfo]:
    with db.session() as session:
        load_workshop(session, workshop_id)
        rows = session.scalars(select(Commitment).where(Commitment.workshop_id == workshop_id)
                               .order_by(Commitment.position, Commitment.id))
        items = [commitment_info(r) for r in rows]
    items = filter_commitments(items, status=status, text=text, function=function,
                               overdue_only=overdue_only, today=today)
    return sort_commitments(items, sort, descending)


def overdue(db: Database, workshop_id: int, today: dt.date | None = None) -> list[CommitmentInfo]:
    return list_commitments(db, workshop_id, sort="due_date", overdue_only=True, today=today)


def safe_cell(value: object) -> str:
    """Text for one CSV cell that Excel and other spreadsheets will never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(items: Iterable[CommitmentInfo], lang: str = "en", delimiter: str | None = None,
             today: dt.date | None = None) -> str:
    """The commitments as CSV text (without the byte-order mark), headers in ``lang``."""
    t = translator(lang)
    titles = {p.id: p.title(lang) for p in default_instrument().practices}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter or DEFAULT_DELIMITER.get(lang, ","), lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow([t(c) for c in CSV_COLUMNS])
    for c in items:
        writer.writerow([safe_cell(v) for v in (
            c.what, c.owner, t(FUNCTION_LABELS[c.function]) if c.function else "",
            c.due_date.isoformat() if c.due_date else "", c.success_measure, t(STATUS_LABELS[c.status]),
            t("yes") if c.is_overdue(today) else "", titles.get(c.practice_id or "", ""),
            t("yes") if c.carried_from_id else "", c.review_note,
        )])
    return out.getvalue()


def export_csv(db: Database, workshop_id: int, path: str | Path, lang: str | None = None,
               delimiter: str | None = None, items: Iterable[CommitmentInfo] | None = None,
               today: dt.date | None = None) -> Path:
    """Write the commitments (all, or ``items``) as UTF-8 CSV with a byte-order mark, so Excel
    reads accents right. Semicolons for Dutch, commas for English, unless ``delimiter`` says otherwise."""
    lang = lang or get_workshop(db, workshop_id).language
    if delimiter is not None and delimiter not in (",", ";", "\t"):
        raise InputError(N_("the separator {delimiter!r} must be a comma, a semicolon or a tab"), delimiter=delimiter)
    rows = list(items) if items is not None else list_commitments(db, workshop_id)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(csv_text(rows, lang, delimiter, today), encoding="utf-8-sig", newline="")
        tmp.replace(path)
    except OSError as exc:
        raise InputError(N_("{path}: cannot write the file ({strerror})."), path=path, strerror=exc.strerror) from None
    return path


def commitments_json(db: Database, workshop_id: int, today: dt.date | None = None) -> list[dict]:
    """The ``commitments`` key of the results JSON (see README)."""
    return [
        {
            "id": c.id, "what": c.what, "owner": c.owner, "function": c.function,
            "due_date": c.due_date.isoformat() if c.due_date else None, "success_measure": c.success_measure,
            "status": c.status, "overdue": c.is_overdue(today), "practice": c.practice_id,
            "carried_from": c.carried_from_id, "review_note": c.review_note,
        }
        for c in list_commitments(db, workshop_id)
    ]
