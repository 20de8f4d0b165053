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

from workshop import snapshot
from workshop.benchmark import compute_figures
from workshop.changes import Changes
from workshop.errors import ConflictError, InputError, NotFoundError
from workshop.i18n import N_
from workshop.instrument import default_instrument
from workshop.storage.db import Database
from workshop.storage.models import Client, PublishBackup, Setting, Workshop
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


def _history(session, workshop: Workshop) -> list[Workshop]:  # noqa: ANN001 - a Session
    """The client's workshops up to and including this one, oldest first."""
    rows = session.scalars(select(Workshop).where(Workshop.client_id == workshop.client_id)
                           .order_by(Workshop.date, Workshop.id)).all()
    return [w for w in rows if (w.date, w.id) <= (workshop.date, workshop.id)]


def _describe(workshop: Workshop) -> str:
    return f"{workshop.client.name} — {workshop.title} ({workshop.date.isoformat()})"


def publish(local: Database, workshop_id: int, firm: Database, *, names: bool | None = None,
            force: bool = False) -> PublishReport:
    """Copy a workshop and its history into the firm database (all or nothing)."""
    if local.url == firm.url:
        raise InputError(N_("The firm database is the database this workshop is in; publish to another one."))
    if names is None:
        names = names_by_default(firm)
    with local.session() as session:
        main = load(session, workshop_id)
        items = []
        for workshop in _history(session, main):
            snap = snapshot.take(session, workshop)
            sent = snap if names else snapshot.without_names(snap)
            items.append((workshop.id, workshop.uuid, workshop.synced_hash, workshop.synced_local_hash,
                          snapshot.fingerprint(snap), sent, snapshot.fingerprint(sent), workshop.id == workshop_id,
                          _describe(workshop)))
        report = PublishReport(workshop_uuid=main.uuid, client_uuid=main.client.uuid, names=names)
    synced: dict[int, tuple[str, str]] = {}
    instrument = default_instrument()
    with firm.session() as session:
        conflicts = []
        plan = []
        for wid, uuid, base, local_base, own, sent, sent_hash, is_main, label in items:
            # Lock the firm's row: two consultants publishing at once are serialised here.
            there = session.scalar(select(Workshop).where(Workshop.uuid == uuid).with_for_update())
            if there is None:
                plan.append((wid, sent, None, "created", own, sent_hash))
                continue
            current = snapshot.fingerprint(snapshot.take(session, there))
            if current == sent_hash:
                plan.append((wid, None, there, "unchanged", own, sent_hash))
            elif base is not None and current == base:
                plan.append((wid, sent, there, "updated", own, sent_hash))
            elif not is_main and local_base is not None and own == local_base:
                plan.append((wid, None, there, "kept", own, current))
            elif force:
                plan.append((wid, sent, there, "forced", own, sent_hash))
            else:
                conflicts.append(label)
        if conflicts:
            raise ConflictError(N_(
                "The firm's copy changed since this laptop last published or fetched it, so nothing was published: "
                "{workshops}. Fetch the client's history to see the firm's version, or publish with --force to "
                "replace it (the firm's copy is then kept as a backup)."
            ), workshops="; ".join(conflicts))
        for wid, sent, there, action, own, firm_hash in plan:
            if action == "forced":
                session.add(PublishBackup(workshop_uuid=there.uuid, data=snapshot.take(session, there)))
                report.backups += 1
            if sent is not None:
                written = snapshot.write(session, sent, there)
                compute_figures(session, [written.id], instrument)
            synced[wid] = (firm_hash, own)
            source = next(item for item in items if item[0] == wid)[5]["workshop"]
            report.outcomes.append(Outcome(source["title"], source["date"], action))
    with local.session() as session:
        for wid, (firm_hash, own) in synced.items():
            workshop = session.get(Workshop, wid)
            workshop.synced_hash, workshop.synced_local_hash = firm_hash, own
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
