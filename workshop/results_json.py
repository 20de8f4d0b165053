"""The results JSON of ``workshop results --json`` (keys documented in the README): the scores,
then the session's decision, practices, funnel, commitments and history."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from workshop.commitments import commitments_json
from workshop.decision import decision_json
from workshop.follow_up import history_json
from workshop.funnel import funnel_json
from workshop.plan import practices_json
from workshop.results import WorkshopResults, compute
from workshop.storage.db import Database


def results_json(db: Database, workshop_id: int) -> dict[str, Any]:
    """The documented results JSON (see README): stable keys, unrounded numbers."""
    data = scores_json(compute(db, workshop_id))
    data.update(plan_json(db, workshop_id))
    return data


def scores_json(computed: WorkshopResults) -> dict[str, Any]:
    """The keys from ``workshop`` to ``statements``: the scores, as the privacy rule publishes them."""
    w, r = computed.workshop, computed.results
    return {
        "workshop": {
            "id": w.id,
            "client": w.client,
            "title": w.title,
            "date": w.date.isoformat(),
            "language": w.language,
        },
        "instrument_version": w.instrument_version,
        "min_group_size": w.min_group_size,
        "participants": r.participants,
        "complete": r.complete,
        "total": asdict(r.total) if r.total else None,
        "stage": r.stage,
        "by_function": {k: (asdict(v) if v else None) for k, v in r.by_function.items()},
        "statements": [asdict(s) for s in r.statements],
    }


def plan_json(db: Database, workshop_id: int) -> dict[str, Any]:
    """The keys ``decision``, ``practices``, ``funnel``, ``commitments`` and ``history`` (see README)."""
    return {
        "decision": decision_json(db, workshop_id),
        "practices": practices_json(db, workshop_id),
        "funnel": funnel_json(db, workshop_id),
        "commitments": commitments_json(db, workshop_id),
        "history": history_json(db, workshop_id),
    }
