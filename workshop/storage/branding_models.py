"""The tables of the deliverables' look: the firm's branding and each workshop's summary and logo.

Mapped apart from ``models`` so that start-up maps only the tables the window needs; the
reports and the branding dialog import them when they run.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workshop.storage.models import Base, utcnow


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
