"""The plan step: the practices for the move the group decided on, each with a status and notes.

Which practices: every move between the current and the target stage, in the instrument's
order, so Undefined → Aligned lists the practices of both moves. Aligned → Integrated comes
grouped from easiest to hardest (activities, processes and systems, culture). At Integrated
there is no move: the integration practices serve as a health check. A group that stays
checks the practices of the move that brought it to its stage. Any practice becomes
a commitment with one call, prefilled and linked to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from workshop.changes import Changes
from workshop.commitments import add_commitment
from workshop.decision import get_decision
from workshop.errors import InputError
from workshop.i18n import N_
from workshop.instrument import MOVES, STAGE_IDS, Instrument, Practice, default_instrument
from workshop.storage.db import Database
from workshop.storage.models import Commitment, PracticeReview
from workshop.vocabulary import PRACTICE_GROUP_LABELS, PRACTICE_STATUS_LABELS, PRACTICE_STATUSES
from workshop.workshops import get_workshop
from workshop.workshops import load as load_workshop

MAX_NOTE = 5000

# Shown where a section starts; the ordering itself comes from the instrument file.
GROUP_TITLES = PRACTICE_GROUP_LABELS
STATUS_LABELS = PRACTICE_STATUS_LABELS
# Why the plan shows what it shows.
MODES = ("move", "health_check", "preview", "stay", "no_stage")


@dataclass(frozen=True)
class PracticeItem:
    practice: Practice
    status: str | None
    note: str
    commitments: int  # commitments of this workshop linked to the practice


@dataclass(frozen=True)
class PlanSection:
    move: str
    group: str | None  # only for aligned-integrated
    items: tuple[PracticeItem, ...]


@dataclass(frozen=True)
class PlanView:
    workshop_id: int
    current_stage: str | None
    target_stage: str | None
    mode: str  # one of MODES
    sections: tuple[PlanSection, ...]

    @property
    def items(self) -> tuple[PracticeItem, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def count(self, status: str | None) -> int:
        return sum(1 for item in self.items if item.status == status)


def _practice(instrument: Instrument, practice_id: str) -> Practice:
    for practice in instrument.practices:
        if practice.id == practice_id:
            return practice
    raise InputError(N_("{practice_id!r} is not a practice of the instrument."), practice_id=practice_id)


def plan_scope(current: str | None, choice: str | None, target: str | None) -> tuple[str, str | None, tuple[str, ...]]:
    """(mode, target, moves) for a decision: which moves' practices the plan lists."""
    if current is None:
        return "no_stage", None, ()
    if current == STAGE_IDS[-1]:
        return "health_check", current, (MOVES[-1],)
    index = STAGE_IDS.index(current)
    if choice == "stay":
        # Staying is a full outcome: check that what carried the group here keeps working.
        return "stay", current, (MOVES[index - 1],) if index else ()
    if choice == "move" and target in STAGE_IDS[index + 1:]:
        return "move", target, MOVES[index:STAGE_IDS.index(target)]
    # Nothing decided yet: a preview of the next move, so the group can look ahead.
    return "preview", STAGE_IDS[index + 1], (MOVES[index],)


def _sections(practices: list[Practice], reviews: dict[str, tuple[str | None, str]],
              linked: dict[str, int]) -> tuple[PlanSection, ...]:
    sections: list[PlanSection] = []
    key = None
    bucket: list[PracticeItem] = []
    for practice in practices:  # the instrument's order: by move, then by group
        if (practice.move, practice.group) != key:
            if bucket:
                sections.append(PlanSection(key[0], key[1], tuple(bucket)))
            key, bucket = (practice.move, practice.group), []
        status, note = reviews.get(practice.id, (None, ""))
        bucket.append(PracticeItem(practice, status, note, linked.get(practice.id, 0)))
    if bucket:
        sections.append(PlanSection(key[0], key[1], tuple(bucket)))
    return tuple(sections)


def _reviews(db: Database, workshop_id: int) -> tuple[dict[str, tuple[str | None, str]], dict[str, int]]:
    with db.session() as session:
        load_workshop(session, workshop_id)
        reviews = {
            r.practice_id: (r.status, r.note or "")
            for r in session.scalars(select(PracticeReview).where(PracticeReview.workshop_id == workshop_id))
        }
        linked = dict(session.execute(
            select(Commitment.practice_id, func.count(Commitment.id))
            .where(Commitment.workshop_id == workshop_id, Commitment.practice_id.is_not(None))
            .group_by(Commitment.practice_id)
        ).all())
    return reviews, linked


def get_plan(db: Database, workshop_id: int, instrument: Instrument | None = None) -> PlanView:
    instrument = instrument or default_instrument()
    decision = get_decision(db, workshop_id, instrument)
    mode, target, moves = plan_scope(decision.current_stage, decision.choice, decision.target_stage)
    practices = [p for p in instrument.practices if p.move in moves]
    reviews, linked = _reviews(db, workshop_id)
    return PlanView(workshop_id, decision.current_stage, target, mode, _sections(practices, reviews, linked))


def get_review(db: Database, workshop_id: int, practice_id: str) -> tuple[str | None, str]:
    """(status, note) of one practice in this workshop; (None, "") when not reviewed."""
    with db.session() as session:
        load_workshop(session, workshop_id)
        row = session.scalar(select(PracticeReview).where(
            PracticeReview.workshop_id == workshop_id, PracticeReview.practice_id == practice_id))
        return (row.status, row.note or "") if row else (None, "")


def _check_status(status: str | None) -> str | None:
    if status is not None and status not in PRACTICE_STATUSES:
        raise InputError(N_("the status {status!r} must be one of {items}"),
                         status=status, items=', '.join(PRACTICE_STATUSES))
    return status


def _check_note(note: str) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise InputError(N_("the note is longer than {MAX_NOTE} characters"), MAX_NOTE=MAX_NOTE)
    return text


def restore_review(db: Database, workshop_id: int, practice_id: str, status: str | None, note: str) -> Changes:
    """Store a practice's status and note exactly (both empty removes the review)."""
    _practice(default_instrument(), practice_id)
    status, note = _check_status(status), _check_note(note)
    with db.session() as session:
        load_workshop(session, workshop_id)
        row = session.scalar(select(PracticeReview).where(
            PracticeReview.workshop_id == workshop_id, PracticeReview.practice_id == practice_id))
        if status is None and not note:
            if row is not None:
                session.delete(row)
        else:
            if row is None:
                row = PracticeReview(workshop_id=workshop_id, practice_id=practice_id)
                session.add(row)
            row.status, row.note = status, note
    return Changes(workshop_id=workshop_id, practices=True)


def set_status(db: Database, workshop_id: int, practice_id: str, status: str | None) -> Changes:
    """Record whether a practice is in place, partly, not yet, or not relevant (None clears)."""
    note = get_review(db, workshop_id, practice_id)[1]
    return restore_review(db, workshop_id, practice_id, _check_status(status), note)


def set_note(db: Database, workshop_id: int, practice_id: str, note: str) -> Changes:
    return restore_review(db, workshop_id, practice_id, get_review(db, workshop_id, practice_id)[0], note)


def commit_practice(db: Database, workshop_id: int, practice_id: str, lang: str | None = None):  # noqa: ANN201
    """Turn a practice into a commitment linked to it, prefilled with its title and the
    workshop's next review date. Returns (CommitmentInfo, Changes)."""
    practice = _practice(default_instrument(), practice_id)
    workshop = get_workshop(db, workshop_id)
    return add_commitment(
        db, workshop_id, practice.title(lang or workshop.language),
        due_date=workshop.next_review, practice_id=practice.id,
    )


def practices_json(db: Database, workshop_id: int) -> list[dict]:
    """The ``practices`` key of the results JSON: every reviewed practice in the instrument's order."""
    reviews, _linked = _reviews(db, workshop_id)
    return [
        {"practice": p.id, "move": p.move, "group": p.group, "status": reviews[p.id][0], "note": reviews[p.id][1]}
        for p in default_instrument().practices
        if p.id in reviews
    ]
