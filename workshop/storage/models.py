"""The database schema: SQLAlchemy 2 declarative models.

Only `workshop/` services touch these; the GUI gets plain dataclasses. Every table hangs
off a workshop (or a client) with ON DELETE CASCADE so that deleting a participant or a
client removes everything of theirs in one statement.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Client(Base):
    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    workshops: Mapped[list[Workshop]] = relationship(
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )


class Workshop(Base):
    __tablename__ = "workshops"
    __table_args__ = (
        CheckConstraint("min_group_size >= 1", name="min_group"),
        CheckConstraint("language in ('nl', 'en')", name="language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
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
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    client: Mapped[Client] = relationship(back_populates="workshops")
    participants: Mapped[list[Participant]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Participant.position",
    )


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
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


class Branding(Base):
    """The consulting firm's look on every deliverable: one row (id 1), set once."""

    __tablename__ = "branding"

    id: Mapped[int] = mapped_column(primary_key=True)
    firm_name: Mapped[str] = mapped_column(String(200), default="")
    colour: Mapped[str] = mapped_column(String(7), default="")  # #RRGGBB, empty for the house colour
    confidentiality: Mapped[str] = mapped_column(String(300), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_type: Mapped[str] = mapped_column(String(10), default="")  # png or svg
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class WorkshopDeliverable(Base):
    """What one workshop's deliverables add: the consultant's summary and the client's logo."""

    __tablename__ = "workshop_deliverables"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    client_logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    client_logo_type: Mapped[str] = mapped_column(String(10), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
