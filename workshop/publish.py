"""Publish a workshop to the firm's database, and fetch a client's history from it.

The laptop stays offline at the offsite; afterwards a workshop, its client and the
client's earlier workshops (its history) go to the firm's server in one transaction.
Publishing again updates the firm's copy. Each copy remembers two fingerprints from the
last time it met the firm's database (``Workshop.synced_hash``: the firm's copy then,
``synced_local_hash``: its own content then), which tell three cases apart:

- the firm's copy is what was last published: it is brought up to date;
- the firm's copy changed since (someone else published or edited it): refused with a
  ConflictError, unless forced, when the firm's copy is first kept in ``publish_backups``;
- an earlier workshop of the history that did not change here while the firm's copy did
  is left as the firm has it (the newer one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop import snapshot
from workshop.benchmark import compute_figures
from workshop.changes import Changes
from workshop.errors import ConflictError, InputError, NotFoundError
from workshop.i18n import N_
from workshop.instrument import default_instrument
from workshop.storage.db import Database
from workshop.storage.firm_models import PublishBackup, Setting
from workshop.storage.models import Client, Workshop
from workshop.workshops import load

NAMES_SETTING = "publish.names"  # "yes" (default) or "no": the firm's default for --without-names


@dataclass(frozen=True)
class Outcome:
    title: str
    date: str
    action: str  # created, updated, unchanged, kept (the firm's is newer), forced


@dataclass
class PublishReport:
    workshop_uuid: str
    client_uuid: str
    names: bool
    outcomes: list[Outcome] = field(default_factory=list)
    backups: int = 0


@dataclass
class FetchReport:
    client: str
    client_uuid: str
    outcomes: list[Outcome] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def names_by_default(firm: Database) -> bool:
    with firm.session() as session:
        setting = session.get(Setting, NAMES_SETTING)
        return setting is None or setting.value != "no"


def set_names_by_default(firm: Database, names: bool) -> None:
    with firm.session() as session:
        setting = session.get(Setting, NAMES_SETTING) or Setting(key=NAMES_SETTING, value="yes")
        setting.value = "yes" if names else "no"
        session.add(setting)


def _history(session: Session, workshop: Workshop) -> list[Workshop]:
    """The client's workshops up to and including this one, oldest first."""
    rows = session.scalars(select(Workshop).where(Workshop.client_id == workshop.client_id)
                           .order_by(Workshop.date, Workshop.id)).all()
    return [w for w in rows if (w.date, w.id) <= (workshop.date, workshop.id)]


def _describe(workshop: Workshop) -> str:
    return f"{workshop.client.name} — {workshop.title} ({workshop.date.isoformat()})"


@dataclass
class _Copy:
    """One workshop of the laptop on its way to the firm, and what to do with it there."""

    id: int
    uuid: str
    label: str
    is_main: bool
    synced: str | None  # the firm's copy's fingerprint when last met
    synced_local: str | None  # this copy's own fingerprint then
    own: str  # this copy's fingerprint now
    sent: dict  # what goes to the firm (names left out if asked)
    sent_hash: str
    action: str = ""
    firm_hash: str = ""  # the firm's copy's fingerprint after this publish


def _decide(copy: _Copy, current: str | None, force: bool) -> bool:
    """Set what to do given the firm's copy's fingerprint (None: none there); False for a conflict."""
    if current is None:
        copy.action, copy.firm_hash = "created", copy.sent_hash
    elif current == copy.sent_hash:
        copy.action, copy.firm_hash = "unchanged", current
    elif copy.synced is not None and current == copy.synced:
        copy.action, copy.firm_hash = "updated", copy.sent_hash
    elif not copy.is_main and copy.synced_local is not None and copy.own == copy.synced_local:
        copy.action, copy.firm_hash = "kept", current  # unchanged here, newer at the firm
    elif force:
        copy.action, copy.firm_hash = "forced", copy.sent_hash
    else:
        return False
    return True


def publish(local: Database, workshop_id: int, firm: Database, *, names: bool | None = None,
            force: bool = False) -> PublishReport:
    """Copy a workshop and its history into the firm database (all or nothing)."""
    if local.url == firm.url:
        raise InputError(N_("The firm database is the database this workshop is in; publish to another one."))
    if names is None:
        names = names_by_default(firm)
    with local.session() as session:
        main = load(session, workshop_id)
        copies = []
        for workshop in _history(session, main):
            snap = snapshot.take(session, workshop)
            sent = snap if names else snapshot.without_names(snap)
            copies.append(_Copy(workshop.id, workshop.uuid, _describe(workshop), workshop.id == workshop_id,
                                workshop.synced_hash, workshop.synced_local_hash, snapshot.fingerprint(snap),
                                sent, snapshot.fingerprint(sent)))
        report = PublishReport(workshop_uuid=main.uuid, client_uuid=main.client.uuid, names=names)
    instrument = default_instrument()
    with firm.session() as session:
        there: dict[int, Workshop | None] = {}
        conflicts = []
        for copy in copies:
            # Lock the firm's row: two consultants publishing at once are serialised here.
            found = session.scalar(select(Workshop).where(Workshop.uuid == copy.uuid).with_for_update())
            there[copy.id] = found
            current = snapshot.fingerprint(snapshot.take(session, found)) if found else None
            if not _decide(copy, current, force):
                conflicts.append(copy.label)
        if conflicts:
            raise ConflictError(N_(
                "The firm's copy changed since this laptop last published or fetched it, so nothing was published: "
                "{workshops}. Fetch the client's history to see the firm's version, or publish with --force to "
                "replace it (the firm's copy is then kept as a backup)."
            ), workshops="; ".join(conflicts))
        for copy in copies:
            found = there[copy.id]
            if copy.action == "forced" and found is not None:  # forced only ever replaces a copy the firm has
                session.add(PublishBackup(workshop_uuid=copy.uuid, data=snapshot.take(session, found)))
                report.backups += 1
            if copy.action in ("created", "updated", "forced"):
                written = snapshot.write(session, copy.sent, found)
                compute_figures(session, [written.id], instrument)
            report.outcomes.append(Outcome(copy.sent["workshop"]["title"], copy.sent["workshop"]["date"], copy.action))
    with local.session() as session:
        for copy in copies:
            workshop = load(session, copy.id)
            workshop.synced_hash, workshop.synced_local_hash = copy.firm_hash, copy.own
    _adopt_client_identity(local, firm, report.client_uuid, workshop_id)
    return report


def _adopt_client_identity(local: Database, firm: Database, client_uuid: str, workshop_id: int) -> None:
    """When the firm knew this client already (by name, made on another laptop), take its UUID."""
    with local.session() as session:
        client = load(session, workshop_id).client
        name = client.name
    with firm.session() as session:
        firm_uuid = session.scalar(select(Client.uuid).where(Client.name == name))
    if firm_uuid and firm_uuid != client_uuid:
        with local.session() as session:
            load(session, workshop_id).client.uuid = firm_uuid


def fetch(local: Database, uuid: str, firm: Database) -> FetchReport:
    """Bring a client's history (by the client's or one of its workshops' UUID) onto this laptop."""
    uuid = (uuid or "").strip().lower()
    if not uuid:
        raise InputError(N_("Give the UUID of a client or of one of its workshops."))
    with firm.session() as session:
        client = session.scalar(select(Client).where(Client.uuid == uuid))
        if client is None:
            workshop = session.scalar(select(Workshop).where(Workshop.uuid == uuid))
            client = workshop.client if workshop is not None else None
        if client is None:
            raise NotFoundError(N_("The firm database has no client or workshop with UUID {uuid}."), uuid=uuid)
        rows = session.scalars(select(Workshop).where(Workshop.client_id == client.id)
                               .order_by(Workshop.date, Workshop.id)).all()
        snaps = [snapshot.take(session, w) for w in rows]
        report = FetchReport(client=client.name, client_uuid=client.uuid)
    with local.session() as session:
        for snap in snaps:
            firm_hash = snapshot.fingerprint(snap)
            here = session.scalar(select(Workshop).where(Workshop.uuid == snap["uuid"]))
            action = "created"
            if here is not None:
                own = snapshot.fingerprint(snapshot.take(session, here))
                if firm_hash == here.synced_hash or own == firm_hash:
                    action = "unchanged"
                elif here.synced_local_hash is not None and own == here.synced_local_hash:
                    action = "updated"
                else:
                    action = "kept"  # changed here and there: publish (with --force) decides
            if action in ("created", "updated"):
                here = snapshot.write(session, snap, here, adopt_client=True)
                here.synced_hash = firm_hash
                here.synced_local_hash = snapshot.fingerprint(snapshot.take(session, here))
            report.outcomes.append(Outcome(snap["workshop"]["title"], snap["workshop"]["date"], action))
    if any(o.action in ("created", "updated") for o in report.outcomes):
        report.changes = Changes(workshops=True, participants=True, answers=True, decision=True, practices=True,
                                 funnel=True, commitments=True)
    return report


@dataclass(frozen=True)
class FirmClient:
    uuid: str
    name: str
    industry: str | None
    size: str | None
    workshops: int
    latest: str | None  # date of the newest workshop, ISO


def firm_clients(firm: Database, search: str = "") -> list[FirmClient]:
    """The firm's clients with how many workshops each has, by name (to pick one to fetch)."""
    from sqlalchemy import func

    query = (select(Client.uuid, Client.name, Client.industry, Client.size, func.count(Workshop.id),
                    func.max(Workshop.date))
             .outerjoin(Workshop, Workshop.client_id == Client.id)
             .group_by(Client.id, Client.uuid, Client.name, Client.industry, Client.size)
             .order_by(func.lower(Client.name)))
    if search.strip():
        query = query.where(func.lower(Client.name).contains(search.strip().lower(), autoescape=True))
    with firm.session() as session:
        return [FirmClient(uuid, name, industry, size, count, latest.isoformat() if latest else None)
                for uuid, name, industry, size, count, latest in session.execute(query)]
