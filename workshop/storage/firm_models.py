"""The tables only the firm's shared database uses: publish backups, benchmark figures, settings.

Mapped apart from ``models`` so that start-up maps only the tables the window needs; the
firm's commands (publish, fetch, benchmark, firm-setup) import them when they run.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop.storage.models import Base, utcnow


class PublishBackup(Base):
    """The firm's copy of a workshop as it was before a forced publish replaced it
    (the ``data`` of a workshop file, so it can be imported again)."""

    __tablename__ = "publish_backups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_uuid: Mapped[str] = mapped_column(String(36), index=True)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    data: Mapped[dict] = mapped_column(JSON)


class BenchmarkFigures(Base):
    """A workshop's figures as the firm's benchmark compares them, kept so that comparing
    with hundreds of clients reads one row each. Triggers delete the row whenever the
    answers, participants or the workshop's minimum group size change (see migration 0003);
    the benchmark computes missing rows again."""

    __tablename__ = "benchmark_figures"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    total: Mapped[float | None] = mapped_column(Float, nullable=True)  # mean of complete totals
    sales: Mapped[float | None] = mapped_column(Float, nullable=True)  # None below the minimum group size
    marketing: Mapped[float | None] = mapped_column(Float, nullable=True)
    themes: Mapped[dict] = mapped_column(JSON, default=dict)  # theme id -> mean of its statement means
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    """Settings kept in the database itself, such as the firm's publishing policy."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
