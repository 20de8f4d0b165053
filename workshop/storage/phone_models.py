"""The tables of answering by phone: a workshop's join link and the phones that joined.

Mapped apart from ``models`` so that start-up maps only the tables the window needs; the
phone server imports them when it starts.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop.storage.models import Base, utcnow


class PhoneLink(Base):
    """A workshop's join address token and PIN, kept so a restarted phone server keeps both."""

    __tablename__ = "phone_links"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(40))
    pin: Mapped[str] = mapped_column(String(12))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PhoneDevice(Base):
    """A phone that joined: only a hash of its secret, and the one participant it scores for."""

    __tablename__ = "phone_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None until an anonymous phone sends its first answer; removing the participant removes the device.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), nullable=True, index=True
    )
    function: Mapped[str] = mapped_column(String(20))
    finished: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
