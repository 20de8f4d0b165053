"""The funnel exercise: who owns each stage of the customer's buying funnel, and where the hand-off sits.

Stages come from the instrument, each with the conventional owner (Marketing for the first
four, Sales for the last four). The group records its own owner (Marketing, Sales or shared)
and a note per stage, and moves the hand-off. Marketing's contribution to each step of the
sales funnel comes along as discussion prompts. ``workshop.charts.funnel`` draws the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workshop.changes import Changes
from workshop.errors import InputError
from workshop.i18n import N_
from workshop.instrument import BuyingStage, Instrument, SalesStep, default_instrument
from workshop.storage.db import Database
from workshop.storage.models import FunnelOwner, Workshop
from workshop.vocabulary import FUNNEL_OWNER_LABELS, FUNNEL_OWNERS
from workshop.workshops import load as load_workshop

MAX_NOTE = 2000
OWNER_LABELS = FUNNEL_OWNER_LABELS


@dataclass(frozen=True)
class FunnelStageRow:
    stage: BuyingStage
    owner: str | None  # None until the group has agreed who owns it
    note: str = ""


@dataclass(frozen=True)
class FunnelView:
    workshop_id: int
    stages: tuple[FunnelStageRow, ...]
    handoff_after: str  # the stage after which Sales takes over
    handoff_is_default: bool  # True while the group has not moved it from the instrument's default
    sales_steps: tuple[SalesStep, ...]

    @property
    def handoff_index(self) -> int:
        """Index of the last stage before the hand-off."""
        return [row.stage.id for row in self.stages].index(self.handoff_after)

    @property
    def mapped(self) -> int:
        return sum(1 for row in self.stages if row.owner is not None)


@dataclass(frozen=True)
class FunnelState:
    """What is stored, for undo: (stage id, owner, note) per mapped stage, and the hand-off."""

    owners: tuple[tuple[str, str, str], ...]
    handoff_after: str | None


def _stage_ids(instrument: Instrument) -> tuple[str, ...]:
    return tuple(b.id for b in instrument.funnel.buying_stages)


def _check_stage(instrument: Instrument, stage_id: str) -> str:
    if stage_id not in _stage_ids(instrument):
        raise InputError(N_("{stage_id!r} is not a stage of the buying funnel."), stage_id=stage_id)
    return stage_id


def _check_owner(owner: str | None) -> str | None:
    if owner is not None and owner not in FUNNEL_OWNERS:
        raise InputError(N_("the owner {owner!r} must be one of {items}"), owner=owner, items=', '.join(FUNNEL_OWNERS))
    return owner


def _check_note(note: str) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise InputError(N_("the note is longer than {MAX_NOTE} characters"), MAX_NOTE=MAX_NOTE)
    return text


def funnel_state(db: Database, workshop_id: int) -> FunnelState:
    with db.session() as session:
        workshop = load_workshop(session, workshop_id)
        rows = session.scalars(select(FunnelOwner).where(FunnelOwner.workshop_id == workshop_id)
                               .order_by(FunnelOwner.id))
        return FunnelState(tuple((r.stage_id, r.owner, r.note or "") for r in rows), workshop.handoff_after)


def get_funnel(db: Database, workshop_id: int, instrument: Instrument | None = None) -> FunnelView:
    instrument = instrument or default_instrument()
    state = funnel_state(db, workshop_id)
    stored = {stage: (owner, note) for stage, owner, note in state.owners}
    rows = tuple(FunnelStageRow(b, *stored.get(b.id, (None, ""))) for b in instrument.funnel.buying_stages)
    handoff = state.handoff_after if state.handoff_after in _stage_ids(instrument) else None
    return FunnelView(
        workshop_id=workshop_id, stages=rows, handoff_after=handoff or instrument.funnel.handoff_after,
        handoff_is_default=handoff is None, sales_steps=instrument.funnel.sales_steps,
    )


def set_stage(db: Database, workshop_id: int, stage_id: str, owner: str | None, note: str | None = None) -> Changes:
    """Record who owns a stage and, optionally, a note. ``owner=None`` clears the stage and its note:
    a note needs an owner to belong to."""
    instrument = default_instrument()
    _check_stage(instrument, stage_id)
    owner = _check_owner(owner)
    with db.session() as session:
        load_workshop(session, workshop_id)
        row = session.scalar(select(FunnelOwner).where(FunnelOwner.workshop_id == workshop_id,
                                                       FunnelOwner.stage_id == stage_id))
        if owner is None:
            if note:
                raise InputError(N_("Choose who owns this stage before adding a note."))
            if row is not None:
                session.delete(row)
        else:
            if row is None:
                row = FunnelOwner(workshop_id=workshop_id, stage_id=stage_id, note="")
                session.add(row)
            row.owner = owner
            if note is not None:
                row.note = _check_note(note)
    return Changes(workshop_id=workshop_id, funnel=True)


def set_owner(db: Database, workshop_id: int, stage_id: str, owner: str | None) -> Changes:
    return set_stage(db, workshop_id, stage_id, owner)


def set_stage_note(db: Database, workshop_id: int, stage_id: str, note: str) -> Changes:
    current = {r.stage.id: r for r in get_funnel(db, workshop_id).stages}
    _check_stage(default_instrument(), stage_id)
    row = current[stage_id]
    if row.owner is None:
        raise InputError(N_("Choose who owns this stage before adding a note."))
    return set_stage(db, workshop_id, stage_id, row.owner, note)


def set_handoff(db: Database, workshop_id: int, stage_id: str | None) -> Changes:
    """Place the hand-off after ``stage_id`` (None: back to the instrument's default). It cannot
    follow the last stage: something must be left to hand over."""
    instrument = default_instrument()
    if stage_id is not None:
        _check_stage(instrument, stage_id)
        if stage_id == _stage_ids(instrument)[-1]:
            raise InputError(N_("The hand-off cannot come after the last stage of the funnel."))
    with db.session() as session:
        load_workshop(session, workshop_id).handoff_after = stage_id
    return Changes(workshop_id=workshop_id, workshops=True, funnel=True)


def use_conventional_split(db: Database, workshop_id: int) -> Changes:
    """Give every stage nobody owns yet its conventional owner: a starting point for the discussion."""
    view = get_funnel(db, workshop_id)
    with db.session() as session:
        load_workshop(session, workshop_id)
        for row in view.stages:
            if row.owner is None:
                session.add(FunnelOwner(workshop_id=workshop_id, stage_id=row.stage.id,
                                        owner=row.stage.conventional_owner, note=""))
    return Changes(workshop_id=workshop_id, funnel=True)


def restore_funnel(db: Database, workshop_id: int, state: FunnelState) -> Changes:
    """Put back an earlier state exactly (the undo of any funnel edit)."""
    instrument = default_instrument()
    for stage, owner, note in state.owners:
        _check_stage(instrument, stage)
        if owner is None:
            raise InputError(N_("{stage}: a stored stage needs an owner"), stage=stage)
        _check_owner(owner)
        _check_note(note)
    if state.handoff_after is not None:
        _check_stage(instrument, state.handoff_after)
    with db.session() as session:
        workshop = session.get(Workshop, workshop_id) or load_workshop(session, workshop_id)
        for row in session.scalars(select(FunnelOwner).where(FunnelOwner.workshop_id == workshop_id)):
            session.delete(row)
        session.flush()
        for stage, owner, note in state.owners:
            session.add(FunnelOwner(workshop_id=workshop_id, stage_id=stage, owner=owner, note=note))
        workshop.handoff_after = state.handoff_after
    return Changes(workshop_id=workshop_id, workshops=True, funnel=True)


def funnel_json(db: Database, workshop_id: int) -> dict:
    """The ``funnel`` key of the results JSON (see README)."""
    view = get_funnel(db, workshop_id)
    return {
        "handoff_after": view.handoff_after,
        "handoff_is_default": view.handoff_is_default,
        "stages": [
            {"stage": r.stage.id, "owner": r.owner, "conventional_owner": r.stage.conventional_owner, "note": r.note}
            for r in view.stages
        ],
    }
