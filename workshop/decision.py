"""The decision step: "Do we need to be more aligned?" for the workshop's current stage.

The group ticks the instrument's "stay if" and "move up if" conditions that apply; the
facilitator records the choice (stay, or move) and a target stage with a note. The ticked
counts are a prompt for the discussion, never the decision itself. Integrated is the top:
there is nothing to move to, and the plan offers the integration practices as a health check.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.changes import Changes
from workshop.errors import InputError
from workshop.i18n import N_
from workshop.instrument import STAGE_IDS, Condition, Instrument, default_instrument
from workshop.results import compute
from workshop.storage.db import Database
from workshop.storage.models import DECISION_CHOICES, Decision
from workshop.workshops import load as load_workshop

MAX_NOTE = 5000


@dataclass(frozen=True)
class DecisionState:
    """What is stored for a workshop's decision; enough to restore it (undo)."""

    current_stage: str | None = None
    choice: str | None = None
    target_stage: str | None = None
    ticked: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class DecisionView:
    """Everything the decide page and the presenter show."""

    workshop_id: int
    current_stage: str | None  # the stored stage, else the stage of the group's results
    results_stage: str | None  # the stage the scores give now (may differ from a stored one)
    stay_if: tuple[Condition, ...]
    move_if: tuple[Condition, ...]
    ticked: tuple[str, ...]  # only conditions of the current stage
    choice: str | None
    target_stage: str | None
    note: str
    recorded: bool  # whether anything is stored yet

    @property
    def at_top(self) -> bool:
        """Integrated: no stage above, so the practices serve as a health check."""
        return self.current_stage == STAGE_IDS[-1]

    @property
    def stay_ticked(self) -> int:
        return sum(1 for c in self.stay_if if c.id in self.ticked)

    @property
    def move_ticked(self) -> int:
        return sum(1 for c in self.move_if if c.id in self.ticked)

    @property
    def lean(self) -> str | None:
        """Which list has more ticks: "stay", "move", "even", or None before any tick. A prompt only."""
        if not self.ticked:
            return None
        if self.stay_ticked == self.move_ticked:
            return "even"
        return "stay" if self.stay_ticked > self.move_ticked else "move"

    @property
    def targets(self) -> tuple[str, ...]:
        """The stages a move may aim for: every stage above the current one."""
        if self.current_stage is None:
            return ()
        return STAGE_IDS[STAGE_IDS.index(self.current_stage) + 1:]

    @property
    def next_stage(self) -> str | None:
        return self.targets[0] if self.targets else None

    @property
    def skipped_stages(self) -> tuple[str, ...]:
        """Stages a recorded move jumps over. The table weighs one move at a time, so a jump
        deserves a second look: the conditions for the later moves were never weighed."""
        if self.choice != "move" or self.current_stage is None or self.target_stage not in STAGE_IDS:
            return ()
        return STAGE_IDS[STAGE_IDS.index(self.current_stage) + 1:STAGE_IDS.index(self.target_stage)]


def _stage(value: str | None, what: str = "stage") -> str | None:
    if value is None:
        return None
    if value not in STAGE_IDS:
        raise InputError(N_("{what} {value!r} must be one of {items}"),
                         what=what, value=value, items=', '.join(STAGE_IDS))
    return value


def _conditions(instrument: Instrument, stage: str | None) -> tuple[tuple[Condition, ...], tuple[Condition, ...]]:
    rule = instrument.decision.get(stage or "")
    return (rule.stay_if, rule.move_if) if rule else ((), ())


def _state(row: Decision | None) -> DecisionState | None:
    if row is None:
        return None
    return DecisionState(row.current_stage, row.choice, row.target_stage, tuple(row.ticked or ()), row.note or "")


def decision_state(db: Database, workshop_id: int) -> DecisionState | None:
    """The stored decision as plain data, or None when nothing is recorded yet."""
    with db.session() as session:
        load_workshop(session, workshop_id)
        return _state(session.get(Decision, workshop_id))


def results_stage(db: Database, workshop_id: int) -> str | None:
    return compute(db, workshop_id).results.stage


def get_decision(db: Database, workshop_id: int, instrument: Instrument | None = None) -> DecisionView:
    instrument = instrument or default_instrument()
    state = decision_state(db, workshop_id)
    scored = results_stage(db, workshop_id)
    stored = state or DecisionState()
    current = stored.current_stage or scored
    stay_if, move_if = _conditions(instrument, current)
    own = {c.id for c in (*stay_if, *move_if)}
    return DecisionView(
        workshop_id=workshop_id,
        current_stage=current,
        results_stage=scored,
        stay_if=stay_if,
        move_if=move_if,
        ticked=tuple(t for t in stored.ticked if t in own),
        choice=stored.choice,
        target_stage=stored.target_stage,
        note=stored.note,
        recorded=state is not None,
    )


def _write(db: Database, workshop_id: int, state: DecisionState | None) -> Changes:
    with db.session() as session:
        load_workshop(session, workshop_id)
        row = session.get(Decision, workshop_id)
        if state is None:
            if row is not None:
                session.delete(row)
        else:
            if row is None:
                row = Decision(workshop_id=workshop_id)
                session.add(row)
            row.current_stage = state.current_stage
            row.choice = state.choice
            row.target_stage = state.target_stage
            row.ticked = list(state.ticked)
            row.note = state.note
    return Changes(workshop_id=workshop_id, decision=True)


def _current(db: Database, workshop_id: int) -> DecisionState:
    """The stored state, or a fresh one holding the stage the results give."""
    state = decision_state(db, workshop_id)
    if state is not None and state.current_stage is not None:
        return state
    stage = results_stage(db, workshop_id)
    base = state or DecisionState()
    return DecisionState(stage, base.choice, base.target_stage, base.ticked, base.note)


def set_current_stage(db: Database, workshop_id: int, stage: str) -> Changes:
    """Set the stage the decision starts from. Ticks, choice and target belong to the old
    stage's table, so they are cleared (the note stays)."""
    stage = _stage(stage, "current stage")
    before = decision_state(db, workshop_id) or DecisionState()
    if before.current_stage == stage:
        return Changes(workshop_id=workshop_id)
    return _write(db, workshop_id, DecisionState(stage, None, None, (), before.note))


def set_ticked(db: Database, workshop_id: int, condition_id: str, ticked: bool,
               instrument: Instrument | None = None) -> Changes:
    """Tick or untick one condition of the current stage's table."""
    instrument = instrument or default_instrument()
    state = _current(db, workshop_id)
    if state.current_stage is None:
        raise InputError(N_("There is no current stage yet: set it, or wait until someone has answered "
                            "everything."))
    stay_if, move_if = _conditions(instrument, state.current_stage)
    if condition_id not in {c.id for c in (*stay_if, *move_if)}:
        raise InputError(N_("{condition_id!r} is not a condition of the {current_stage} stage."),
                         condition_id=condition_id, current_stage=state.current_stage)
    ticks = [t for t in state.ticked if t != condition_id]
    if ticked:
        ticks.append(condition_id)
    order = [c.id for c in (*stay_if, *move_if)]
    ticks.sort(key=lambda t: order.index(t) if t in order else len(order))
    return _write(db, workshop_id, DecisionState(state.current_stage, state.choice, state.target_stage,
                                                 tuple(ticks), state.note))


def record_decision(db: Database, workshop_id: int, choice: str | None, target_stage: str | None = None,
                    note: str | None = None) -> Changes:
    """Record stay or move (None clears it). Stay keeps the current stage as the target;
    move aims at ``target_stage`` (default: the next stage), which must lie above the current one."""
    if choice is not None and choice not in DECISION_CHOICES:
        raise InputError(N_("the decision {choice!r} must be stay or move"), choice=choice)
    state = _current(db, workshop_id)
    current = state.current_stage
    target = _stage(target_stage, "target stage")
    if choice is None:
        target = None
    elif current is None:
        raise InputError(N_("There is no current stage yet: set it before recording a decision."))
    elif choice == "stay":
        target = current
    else:
        above = STAGE_IDS[STAGE_IDS.index(current) + 1:]
        if not above:
            raise InputError(N_("Integrated is the highest stage: there is nothing to move to. Use the "
                                "practices as a health check instead."))
        target = target or above[0]
        if target not in above:
            raise InputError(N_("A move from {current} must aim for a higher stage ({items}), not {target}."),
                             current=current, items=', '.join(above), target=target)
    text = state.note if note is None else _note(note)
    return _write(db, workshop_id, DecisionState(current, choice, target, state.ticked, text))


def _note(note: str) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise InputError(N_("the note is longer than {MAX_NOTE} characters"), MAX_NOTE=MAX_NOTE)
    return text


def set_note(db: Database, workshop_id: int, note: str) -> Changes:
    state = _current(db, workshop_id)
    return _write(db, workshop_id, DecisionState(state.current_stage, state.choice, state.target_stage,
                                                 state.ticked, _note(note)))


def restore_decision(db: Database, workshop_id: int, state: DecisionState | None) -> Changes:
    """Put back an earlier state exactly (the undo of any decision edit); None removes it."""
    if state is not None:
        _stage(state.current_stage, "current stage")
        _stage(state.target_stage, "target stage")
        if state.choice is not None and state.choice not in DECISION_CHOICES:
            raise InputError(N_("the decision {choice!r} must be stay or move"), choice=state.choice)
    return _write(db, workshop_id, state)


def decision_json(db: Database, workshop_id: int) -> dict | None:
    """The ``decision`` key of the results JSON (see README)."""
    state = decision_state(db, workshop_id)
    if state is None:
        return None
    return {
        "current_stage": state.current_stage,
        "choice": state.choice,
        "target_stage": state.target_stage,
        "ticked": list(state.ticked),
        "note": state.note,
    }
