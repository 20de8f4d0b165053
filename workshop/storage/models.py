"""The database schema: SQLAlchemy 2 declarative models, the base and the workshop's own tables.

Only `workshop/` services touch these; the GUI gets plain dataclasses. Every table hangs
off a workshop (or a client) with ON DELETE CASCADE so that deleting a participant or a
client removes everything of theirs in one statement.

Mapping a table costs start-up time, so the tables of one feature live in a module of
their own, imported by that feature: ``branding_models``, ``phone_models`` and
``firm_models``. ``schema.full_metadata()`` gathers them all (Alembic, the tests).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names keep Alembic batch migrations (SQLite table rebuilds) deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCES = ("phone", "kiosk", "paper", "import")
DECISION_CHOICES = ("stay", "move")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_uuid() -> str:
    return str(uuid.uuid4())


def uuid_column() -> Mapped[str]:
    """A stable identity that is the same on every database holding the row (ids are not)."""
    return mapped_column(String(36), unique=True, index=True, default=new_uuid)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    industry: Mapped[str | None] = mapped_column(String(100), nullable=True)
    size: Mapped[str | None] = mapped_column(String(20), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    workshops: Mapped[list[Workshop]] = relationship(
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )


class Workshop(Base):
    __tablename__ = "workshops"
    __table_args__ = (
        CheckConstraint("min_group_size >= 1", name="min_group"),
        CheckConstraint("language in ('nl', 'en')", name="language"),
        # The firm's benchmark finds each client's latest workshop through this index.
        Index("ix_workshops_client_date", "client_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(2), default="nl")
    paper: Mapped[str] = mapped_column(String(10), default="a4")
    min_group_size: Mapped[int] = mapped_column(Integer, default=3)
    instrument_id: Mapped[str] = mapped_column(String(100))
    instrument_version: Mapped[str] = mapped_column(String(20))
    revealed: Mapped[bool] = mapped_column(default=False)
    next_review: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    handoff_after: Mapped[str | None] = mapped_column(String(50), nullable=True)
    start_time: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM", for the run sheet
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # The fingerprint of what was last published to (or fetched from) the firm database:
    # a later publish finds out from it whether the firm's copy changed in the meantime.
    synced_hash: Mapped[str | None] = mapped_column(String(80), nullable=True)
    # This copy's own fingerprint at that moment: whether it changed here since.
    synced_local_hash: Mapped[str | None] = mapped_column(String(80), nullable=True)

    client: Mapped[Client] = relationship(back_populates="workshops")
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Participant.position",
    )


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    # None for an anonymous participant: only the function is known.
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    function: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    workshop: Mapped[Workshop] = relationship(back_populates="participants")
    answers: Mapped[list[Answer]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("participant_id", "statement_id"),
        CheckConstraint("score >= 1 AND score <= 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[str] = mapped_column(String(10))
    score: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10))
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Decision(Base):
    __tablename__ = "decisions"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    current_stage: Mapped[str | None] = mapped_column(String(20), nullable=True)
    choice: Mapped[str | None] = mapped_column(String(10), nullable=True)
    target_stage: Mapped[str | None] = mapped_column(String(20), nullable=True)
    ticked: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PracticeReview(Base):
    __tablename__ = "practice_reviews"
    __table_args__ = (UniqueConstraint("workshop_id", "practice_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    practice_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class FunnelOwner(Base):
    __tablename__ = "funnel_owners"
    __table_args__ = (UniqueConstraint("workshop_id", "stage_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[str] = mapped_column(String(50))
    owner: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class Commitment(Base):
    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = uuid_column()
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    function: Mapped[str | None] = mapped_column(String(20), nullable=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    success_measure: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    practice_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # A commitment carried forward into a follow-up keeps a link to the one it came from.
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), nullable=True
    )
    review_note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
