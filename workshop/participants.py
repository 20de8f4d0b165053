"""Participants of a workshop and their answers, however they arrive."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop.changes import Changes
from workshop.errors import InputError, NotFoundError
from workshop.i18n import N_
from workshop.instrument import default_instrument
from workshop.storage.db import Database
from workshop.storage.models import SOURCES, Answer, Participant, utcnow
from workshop.validation import parse_function, parse_score
from workshop.workshops import load as load_workshop


@dataclass(frozen=True)
class ParticipantInfo:
    id: int
    workshop_id: int
    name: str | None
    function: str
    position: int
    answers: dict[str, int] = field(default_factory=dict)
    # How each answer arrived; filled when a participant is removed, so undo restores it as it was.
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.name or ""

    def total(self, statement_ids: tuple[str, ...]) -> int | None:
        if any(q not in self.answers for q in statement_ids):
            return None
        return sum(self.answers[q] for q in statement_ids)


def _info(person: Participant, answers: dict[str, int] | None = None) -> ParticipantInfo:
    return ParticipantInfo(
        id=person.id, workshop_id=person.workshop_id, name=person.name,
        function=person.function, position=person.position, answers=answers or {},
    )


def _clean_name(name: str | None) -> str | None:
    name = (name or "").strip()
    if len(name) > 200:
        raise InputError(N_("a name is longer than 200 characters"))
    return name or None


def _check_unique_name(session: Session, workshop_id: int, name: str | None, own_id: int | None = None) -> None:
    """Names are unique in a workshop, in any case (also for someone brought back by an undo)."""
    if name is None:
        return
    clash = session.scalar(
        select(Participant.id).where(
            Participant.workshop_id == workshop_id,
            func.lower(Participant.name) == name.lower(),
            Participant.id != (own_id or -1),
        )
    )
    if clash is not None:
        raise InputError(N_("There is already a participant called “{name}” in this workshop."), name=name)


def load(session: Session, participant_id: int, workshop_id: int | None = None) -> Participant:
    person = session.get(Participant, participant_id)
    if person is None or (workshop_id is not None and person.workshop_id != workshop_id):
        raise NotFoundError(N_("There is no participant with id {participant_id} in this workshop."),
                            participant_id=participant_id)
    return person


def add_participant(
    db: Database, workshop_id: int, name: str | None, function: str, position: int | None = None
) -> tuple[ParticipantInfo, Changes]:
    function = parse_function(function)
    name = _clean_name(name)
    with db.session() as session:
        load_workshop(session, workshop_id)
        _check_unique_name(session, workshop_id, name)
        if position is None:
            last = session.scalar(
                select(func.max(Participant.position)).where(Participant.workshop_id == workshop_id)
            )
            position = (last or 0) + 1
        person = Participant(workshop_id=workshop_id, name=name, function=function, position=position)
        session.add(person)
        session.flush()
        return _info(person), Changes(workshop_id=workshop_id, participants=True)


def update_participant(
    db: Database, participant_id: int, *, name: str | None = ..., function: str | None = None  # type: ignore[assignment]
) -> tuple[ParticipantInfo, Changes]:
    with db.session() as session:
        person = load(session, participant_id)
        if name is not ...:
            cleaned = _clean_name(name)
            _check_unique_name(session, person.workshop_id, cleaned, person.id)
            person.name = cleaned
        if function is not None:
            person.function = parse_function(function)
        session.flush()
        return _info(person), Changes(workshop_id=person.workshop_id, participants=True)


def remove_participant(db: Database, participant_id: int) -> tuple[ParticipantInfo, Changes]:
    """Delete a participant with all their answers; returns what is needed to restore them."""
    removed, changes = remove_participants(db, [participant_id])
    return removed[0], changes


def remove_participants(db: Database, participant_ids: list[int]) -> tuple[list[ParticipantInfo], Changes]:
    """Delete several participants with their answers, all or none; returns them for
    ``restore_participants`` (in the order asked)."""
    with db.session() as session:
        removed = []
        for participant_id in participant_ids:
            person = load(session, participant_id)
            rows = session.execute(
                select(Answer.statement_id, Answer.score, Answer.source).where(Answer.participant_id == person.id)
            ).all()
            removed.append(replace(
                _info(person, {qid: score for qid, score, _src in rows}),
                sources={qid: src for qid, _score, src in rows},
            ))
            session.delete(person)
        workshops = {p.workshop_id for p in removed}
        return removed, Changes(workshop_id=workshops.pop() if len(workshops) == 1 else None,
                                participants=True, answers=True)


def restore_participant(
    db: Database, removed: ParticipantInfo, source: str = "paper"
) -> tuple[ParticipantInfo, Changes]:
    """Undo of a removal: the same name, function, position and answers (with their sources)."""
    restored, changes = restore_participants(db, [removed], source)
    return restored[0], changes


def restore_participants(
    db: Database, removed: list[ParticipantInfo], source: str = "paper"
) -> tuple[list[ParticipantInfo], Changes]:
    """Undo of a removal of several: all come back as they were, or none does (when a name
    has been taken meanwhile, or two of them would share one). New ids, in the order given."""
    with db.session() as session:
        restored = []
        names: set[str] = set()
        for person_was in removed:
            load_workshop(session, person_was.workshop_id)
            _check_unique_name(session, person_was.workshop_id, person_was.name)
            key = (person_was.name or "").lower()
            if key and key in names:
                raise InputError(N_("There is already a participant called “{name}” in this workshop."),
                                 name=person_was.name)
            names.add(key)
            person = Participant(
                workshop_id=person_was.workshop_id, name=person_was.name,
                function=person_was.function, position=person_was.position,
            )
            session.add(person)
            session.flush()
            for qid, score in person_was.answers.items():
                session.add(Answer(
                    participant_id=person.id, statement_id=qid, score=score,
                    source=person_was.sources.get(qid, source),
                ))
            restored.append(_info(person, dict(person_was.answers)))
        session.flush()
        workshops = {p.workshop_id for p in restored}
        return restored, Changes(workshop_id=workshops.pop() if len(workshops) == 1 else None,
                                 participants=True, answers=True)


def _answers_of(session: Session, participant_ids: list[int]) -> dict[int, dict[str, int]]:
    result: dict[int, dict[str, int]] = {pid: {} for pid in participant_ids}
    if not participant_ids:
        return result
    rows = session.execute(
        select(Answer.participant_id, Answer.statement_id, Answer.score).where(
            Answer.participant_id.in_(participant_ids)
        )
    )
    for pid, qid, score in rows:
        result[pid][qid] = score
    return result


def list_participants(db: Database, workshop_id: int) -> list[ParticipantInfo]:
    """Participants in their order, each with their answers."""
    with db.session() as session:
        load_workshop(session, workshop_id)
        people = list(
            session.scalars(
                select(Participant)
                .where(Participant.workshop_id == workshop_id)
                .order_by(Participant.position, Participant.id)
            )
        )
        rows = session.execute(
            select(Answer.participant_id, Answer.statement_id, Answer.score)
            .join(Participant)
            .where(Participant.workshop_id == workshop_id)
        )
        answers: dict[int, dict[str, int]] = {p.id: {} for p in people}
        for pid, qid, score in rows:
            answers[pid][qid] = score
        return [_info(p, answers[p.id]) for p in people]


def get_participant(db: Database, participant_id: int) -> ParticipantInfo:
    with db.session() as session:
        person = load(session, participant_id)
        return _info(person, _answers_of(session, [person.id])[person.id])


def _check_statement(qid: str) -> str:
    if qid not in default_instrument().statement_ids:
        raise InputError(N_("unknown statement {qid!r}"), qid=qid)
    return qid


def _check_source(source: str) -> str:
    if source not in SOURCES:
        raise InputError(N_("unknown answer source {source!r}"), source=source)
    return source


def set_answer(
    db: Database, participant_id: int, statement_id: str, score: int | None, source: str,
    workshop_id: int | None = None,
) -> Changes:
    """Store (or with None, clear) one answer at once; the latest answer wins."""
    _check_statement(statement_id)
    _check_source(source)
    if score is not None:
        score = parse_score(score)
    with db.session() as session:
        person = load(session, participant_id, workshop_id)
        write_answer(session, person.id, statement_id, score, source)
        return Changes(workshop_id=person.workshop_id, answers=True)


def set_answers(
    db: Database, participant_id: int, answers: dict[str, int | None], source: str,
    workshop_id: int | None = None,
) -> Changes:
    """Several answers of one participant in one transaction (all or none)."""
    _check_source(source)
    checked = {
        _check_statement(qid): (parse_score(score) if score is not None else None)
        for qid, score in answers.items()
    }
    with db.session() as session:
        person = load(session, participant_id, workshop_id)
        for qid, score in checked.items():
            write_answer(session, person.id, qid, score, source)
        return Changes(workshop_id=person.workshop_id, answers=True)


def write_answer(session: Session, participant_id: int, qid: str, score: int | None, source: str) -> None:
    existing = session.scalar(
        select(Answer).where(Answer.participant_id == participant_id, Answer.statement_id == qid)
    )
    if score is None:
        if existing is not None:
            session.delete(existing)
        return
    if existing is None:
        session.add(Answer(participant_id=participant_id, statement_id=qid, score=score, source=source))
    else:
        existing.score = score
        existing.source = source
        existing.answered_at = utcnow()
