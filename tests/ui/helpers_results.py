"""A workshop with answers, for the reveal and presenter tests."""

from __future__ import annotations

import random

from workshop.participants import add_participant, set_answers
from workshop.workshops import create_workshop

QIDS = tuple(f"q{i:02d}" for i in range(1, 21))
BASE = {"sales": 2.4, "marketing": 3.9, "leadership": 3.2, "other": 3.0}


def scored_workshop(db, counts: dict[str, int], language: str = "en", seed: int = 3) -> tuple[int, list[str]]:
    """A workshop whose participants (named) answered everything; returns (id, names)."""
    rng = random.Random(seed)
    info = create_workshop(db, "Acme", "Offsite", "2025-03-01", language=language)
    names = []
    for function, n in counts.items():
        for i in range(n):
            name = f"{function.title()} Person{i + 1}"
            person, _changes = add_participant(db, info.id, name, function)
            names.append(name)
            set_answers(db, person.id, {q: max(1, min(5, round(BASE[function] + rng.gauss(0, 0.8))))
                                        for q in QIDS}, "paper")
    return info.id, names
