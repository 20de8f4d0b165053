"""Importing responses or a participant list from CSV into a workshop, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from workshop.changes import Changes
from workshop.instrument import default_instrument
from workshop.participants import write_answer
from workshop.responses_csv import ParsedFile, read_file
from workshop.storage.db import Database
from workshop.storage.models import Answer, Participant
from workshop.workshops import load as load_workshop


@dataclass(frozen=True)
class PlannedRow:
    line: int
    name: str | None
    function: str
    answers: dict[str, int]
    participant_id: int | None  # None: a new participant

    @property
    def action(self) -> str:
        return "update" if self.participant_id else "add"


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    warnings: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(1 for r in self.rows if r.participant_id is None)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.participant_id is not None)


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    warnings: list[str]
    changes: Changes


def plan_import(
    db: Database, workshop_id: int, path: str | Path, *, require_answers: bool = True
) -> ImportPlan:
    """Read and check the file, match names to participants; writes nothing (a preview)."""
    parsed = read_file(path, default_instrument().statement_ids, require_answers=require_answers)
    return _match(db, workshop_id, parsed)


def _match(db: Database, workshop_id: int, parsed: ParsedFile) -> ImportPlan:
    with db.session() as session:
        load_workshop(session, workshop_id)
        by_name = {
            name.lower(): pid
            for pid, name in session.execute(
                select(Participant.id, Participant.name).where(
                    Participant.workshop_id == workshop_id, Participant.name.is_not(None)
                )
            )
            if name is not None
        }
    rows = [
        PlannedRow(
            line=row.line, name=row.name, function=row.function, answers=row.answers,
            participant_id=by_name.get(row.name.lower()) if row.name else None,
        )
        for row in parsed.rows
    ]
    return ImportPlan(rows=rows, warnings=parsed.warnings)


def apply_plan(db: Database, workshop_id: int, plan: ImportPlan, source: str = "import") -> ImportReport:
    """Store every planned row in one transaction: a failure leaves nothing behind.

    An empty cell leaves an existing answer as it was, so a participant list never
    erases answers already given.
    """
    with db.session() as session:
        load_workshop(session, workshop_id)
        last = max(
            (p or 0 for p in session.scalars(
                select(Participant.position).where(Participant.workshop_id == workshop_id)
            )),
            default=0,
        )
        for row in plan.rows:
            fresh = row.participant_id is None
            if fresh:
                last += 1
                person = Participant(workshop_id=workshop_id, name=row.name, function=row.function, position=last)
                session.add(person)
                session.flush()
            else:
                found = session.get(Participant, row.participant_id)
                if found is not None and found.workshop_id == workshop_id:
                    person = found
                else:
                    # Removed between preview and import: add them again rather than fail.
                    fresh = True
                    last += 1
                    person = Participant(workshop_id=workshop_id, name=row.name, function=row.function, position=last)
                    session.add(person)
                    session.flush()
                person.function = row.function
            if fresh:  # no earlier answers to replace: no look-up per answer (large files stay fast)
                session.add_all(
                    Answer(participant_id=person.id, statement_id=qid, score=score, source=source)
                    for qid, score in row.answers.items()
                )
                continue
            for qid, score in row.answers.items():
                write_answer(session, person.id, qid, score, source)
    return ImportReport(
        added=plan.added, updated=plan.updated, warnings=plan.warnings,
        changes=Changes(workshop_id=workshop_id, participants=True, answers=True),
    )


def import_responses(
    db: Database, workshop_id: int, path: str | Path, *, require_answers: bool = True, source: str = "import"
) -> ImportReport:
    return apply_plan(db, workshop_id, plan_import(db, workshop_id, path, require_answers=require_answers), source)
