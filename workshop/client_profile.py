"""A client's industry and size: optional, used to compare like with like in the benchmark."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop.changes import Changes
from workshop.errors import InputError, NotFoundError
from workshop.i18n import N_
from workshop.storage.db import Database
from workshop.storage.models import Client
from workshop.vocabulary import CLIENT_SIZES

UNSET = object()


@dataclass(frozen=True)
class ClientProfile:
    id: int
    uuid: str
    name: str
    industry: str | None
    size: str | None


def _find(session: Session, name_or_id: str | int) -> Client:
    text = str(name_or_id).strip()
    client = session.get(Client, int(text)) if text.isdigit() else None
    if client is None:
        client = session.scalar(select(Client).where(func.lower(Client.name) == text.lower()))
    if client is None:
        raise NotFoundError(N_("There is no client {name!r}."), name=text)
    return client


def _profile(client: Client) -> ClientProfile:
    return ClientProfile(client.id, client.uuid, client.name, client.industry, client.size)


def get_profile(db: Database, name_or_id: str | int) -> ClientProfile:
    with db.session() as session:
        return _profile(_find(session, name_or_id))


def set_profile(db: Database, name_or_id: str | int, *, industry: object = UNSET,
                size: object = UNSET) -> tuple[ClientProfile, Changes]:
    """Set (or with an empty value clear) the industry and the size band in employees."""
    with db.session() as session:
        client = _find(session, name_or_id)
        if industry is not UNSET:
            value = str(industry or "").strip()
            if len(value) > 100:
                raise InputError(N_("The industry may be at most 100 characters long."))
            client.industry = value or None
        if size is not UNSET:
            value = str(size or "").strip()
            if value and value not in CLIENT_SIZES:
                raise InputError(N_("Unknown client size {size!r}; use one of {sizes}."), size=value,
                                 sizes=", ".join(CLIENT_SIZES))
            client.size = value or None
        session.flush()
        return _profile(client), Changes(workshops=True)
