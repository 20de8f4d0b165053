"""A realistic demo: a client with a baseline workshop and a follow-up a year later.

Sales and Marketing see the relationship differently on purpose (the gap is the point of
the method), and the follow-up carries a decision, practice reviews and commitments.
The names and notes live in ``resources/demo/demo.json``; answers come from a seeded
generator so the demo is the same every time.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from workshop.instrument import default_instrument
from workshop.paths import resources_dir
from workshop.storage.db import Database
from workshop.storage.models import Answer, Commitment, Decision, FunnelOwner, Participant, PracticeReview
from workshop.workshops import create_workshop
from workshop.workshops import load as load_workshop

# How much each function's view of a statement differs from the shared base (Sales is
# harsher about Marketing's material and plans, Marketing about Sales' feedback).
BIASES = {
    "sales": {"q04": -1.2, "q05": -1.4, "q06": 1.0, "q13": -0.8, "q02": -0.4, "q15": -0.6},
    "marketing": {"q04": 0.8, "q05": 1.0, "q06": -1.2, "q09": 0.6, "q03": -0.6, "q01": -0.5},
    "leadership": {"q17": 0.5, "q08": 0.6},
    "other": {},
}


def _content() -> dict[str, Any]:
    return json.loads((resources_dir() / "demo" / "demo.json").read_text(encoding="utf-8"))


def _answers(rng: random.Random, function: str, base: float) -> dict[str, int]:
    bias = BIASES[function]
    result = {}
    for qid in default_instrument().statement_ids:
        value = base + bias.get(qid, 0.0) + rng.gauss(0, 0.7)
        result[qid] = max(1, min(5, round(value)))
    return result


def create_demo(db: Database, lang: str = "en", today: dt.date | None = None) -> int:
    """Create the demo client with two workshops; returns the id of the recent one."""
    content = _content()
    today = today or dt.date.today()
    rng = random.Random(2006)

    def t(value: dict[str, str]) -> str:
        return value[lang]

    people = content["participants"][lang]
    earlier = create_workshop(
        db, t(content["client"]), t(content["earlier_title"]), today - dt.timedelta(days=365),
        language=lang, place=t(content["place"]), facilitator=t(content["facilitator"]),
    )
    current = create_workshop(
        db, t(content["client"]), t(content["title"]), today,
        language=lang, place=t(content["place"]), facilitator=t(content["facilitator"]),
        next_review=today + dt.timedelta(days=120),
    )
    with db.session() as session:
        _fill(session, earlier.id, people[:14], rng, base=1.9, complete_all=True)
        _fill(session, current.id, people, rng, base=2.75, complete_all=False)
        for i, item in enumerate(content["earlier_commitments"], start=1):
            session.add(Commitment(
                workshop_id=earlier.id, what=t(item["what"]), owner=people[item["owner"]][0],
                function=item["function"], due_date=today - dt.timedelta(days=300 - 30 * i),
                status=item["status"], review_note=t(item["review"]), practice_id=item["practice"], position=i,
            ))
        session.add(Decision(
            workshop_id=earlier.id, current_stage="undefined", choice="move", target_stage="defined",
            ticked=["undefined-move-conflict", "undefined-move-duplication"], note="",
        ))
        session.add(Decision(
            workshop_id=current.id, current_stage="defined", choice="move", target_stage="aligned",
            ticked=["defined-move-gaps", "defined-move-commoditising", "defined-stay-roles"],
            note=t(content["decision_note"]),
        ))
        statuses = ["partly", "not_yet", "in_place", "not_yet", "not_yet", "not_relevant", "partly"]
        for practice, status in zip(
            default_instrument().practices_between("defined", "aligned"), statuses, strict=False
        ):
            note = content["practice_notes"].get(practice.id)
            session.add(PracticeReview(
                workshop_id=current.id, practice_id=practice.id, status=status, note=t(note) if note else "",
            ))
        owners = ["marketing", "marketing", "shared", "shared", "sales", "sales", "sales", "shared"]
        for stage, owner in zip(default_instrument().funnel.buying_stages, owners, strict=True):
            session.add(FunnelOwner(workshop_id=current.id, stage_id=stage.id, owner=owner, note=""))
        load_workshop(session, current.id).handoff_after = "brand-consideration"
        for i, item in enumerate(content["commitments"], start=1):
            session.add(Commitment(
                workshop_id=current.id, what=t(item["what"]), owner=people[item["owner"]][0],
                function=item["function"], due_date=today + dt.timedelta(days=item["due_days"]),
                success_measure=t(item["measure"]), status="open", practice_id=item["practice"], position=i,
            ))
        load_workshop(session, earlier.id).revealed = True
    return current.id


def _fill(session: Any, workshop_id: int, people: list[list[str]], rng: random.Random,
          base: float, complete_all: bool) -> None:
    stamp = dt.datetime.now().replace(microsecond=0)
    for position, (name, function) in enumerate(people, start=1):
        person = Participant(workshop_id=workshop_id, name=name, function=function, position=position)
        session.add(person)
        session.flush()
        answers = _answers(rng, function, base + (0.5 if function == "leadership" else 0.0))
        if not complete_all and position == len(people):
            answers = dict(list(answers.items())[:12])  # one person still busy: shows "incomplete"
        source = rng.choice(("phone", "phone", "kiosk", "paper"))
        for qid, score in answers.items():
            session.add(Answer(participant_id=person.id, statement_id=qid, score=score, source=source,
                               answered_at=stamp))
