"""Builders for the decide/plan/funnel/commit/follow-up tests: workshops at a chosen stage."""

from __future__ import annotations

import datetime as dt

from workshop.participants import add_participant, set_answers
from workshop.workshops import create_workshop

QIDS = tuple(f"q{i:02d}" for i in range(1, 21))
# Every answer the same: 1 → total 20 (undefined), 2 → 40 (defined), 3 → 60 (aligned), 4 → 80 (integrated).
LEVEL = {"undefined": 1, "defined": 2, "aligned": 3, "integrated": 4}


def workshop_at(db, stage: str | None, *, client: str = "Acme", date: str = "2025-03-01",
                sales: int = 3, marketing: int = 3, lang: str = "en", **options) -> int:
    """A workshop whose group total lands in ``stage`` (None: nobody has answered)."""
    w = create_workshop(db, client, f"Offsite {date}", date, language=lang, **options)
    if stage is not None:
        score = LEVEL[stage]
        for function, n in (("sales", sales), ("marketing", marketing)):
            for _ in range(n):
                person, _changes = add_participant(db, w.id, None, function)
                set_answers(db, person.id, {q: score for q in QIDS}, "paper")
    return w.id


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
