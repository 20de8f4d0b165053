"""Generated workshops: sizes, every mix of functions, complete and partial questionnaires.

Totals are kept away from the numbers every page prints anyway (counts and page numbers
up to 40, the band bounds 40/60/80/100, the year), so a total that shows up in a text can
be told apart from them.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from workshop.instrument import default_instrument
from workshop.scoring import FUNCTIONS

QIDS: tuple[str, ...] = tuple(default_instrument().statement_ids)
RESERVED_TOTALS = frozenset({40, 60, 80, 100})
LOWEST_TOTAL = 41


@dataclass(frozen=True)
class Person:
    function: str
    answers: dict[str, int]

    @property
    def complete(self) -> bool:
        return all(q in self.answers for q in QIDS)

    @property
    def total(self) -> int | None:
        return sum(self.answers.values()) if self.complete else None


@dataclass(frozen=True)
class Case:
    people: tuple[Person, ...]
    min_group: int
    label: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def complete(self) -> list[int]:
        return [i for i, p in enumerate(self.people) if p.complete]


def mixes(size: int) -> Iterator[tuple[int, ...]]:
    """Every way to split ``size`` people over the four functions (counts per function)."""
    for cut in itertools.combinations(range(size + len(FUNCTIONS) - 1), len(FUNCTIONS) - 1):
        bounds = (-1, *cut, size + len(FUNCTIONS) - 1)
        yield tuple(bounds[i + 1] - bounds[i] - 1 for i in range(len(FUNCTIONS)))


def answers_for(rng: random.Random) -> dict[str, int]:
    """Twenty answers whose total is in 41..99 and not a band bound."""
    answers = {q: rng.randint(1, 5) for q in QIDS}
    while True:
        total = sum(answers.values())
        if total >= LOWEST_TOTAL and total not in RESERVED_TOTALS and total < 100:
            return answers
        q = rng.choice(QIDS)
        step = 1 if total < 70 else -1
        answers[q] = min(5, max(1, answers[q] + step))


def make_case(mix: tuple[int, ...], min_group: int, seed: int, partial: int = 0) -> Case:
    """A workshop with ``mix`` people per function; the last ``partial`` people stop early."""
    rng = random.Random(seed)
    people: list[Person] = []
    for function, count in zip(FUNCTIONS, mix, strict=True):
        people += [Person(function, answers_for(rng)) for _ in range(count)]
    for index in range(max(0, len(people) - partial), len(people)):
        kept = rng.choice((1, 7, 19))  # one answer, a third, all but one
        people[index] = Person(people[index].function, dict(list(people[index].answers.items())[:kept]))
    label = f"{'/'.join(map(str, mix))} min {min_group}" + (f" partial {partial}" if partial else "")
    return Case(tuple(people), min_group, label)


def all_cases(sizes: range | tuple[int, ...], mins: tuple[int, ...] = (3, 5), seed: int = 7) -> Iterator[Case]:
    """Every mix of every size for every minimum; one in three with a partial questionnaire."""
    for size in sizes:
        for number, mix in enumerate(mixes(size)):
            for min_group in mins:
                partial = 1 if (number + min_group) % 3 == 0 and size > 1 else 0
                yield make_case(mix, min_group, hash((seed, size, number, min_group)) & 0xFFFF, partial)


# Workshops where today's leaks and the edges of each rule sit, printed on every surface.
REPRESENTATIVE: tuple[tuple[tuple[int, ...], int, int], ...] = (
    ((1, 0, 0, 0), 3, 0),     # one participant
    ((1, 1, 0, 0), 3, 0),     # two: each could work out the other
    ((3, 0, 0, 0), 3, 0),     # exactly the minimum
    ((4, 2, 0, 0), 3, 0),     # Marketing below the minimum, the rest subtracts
    ((3, 3, 1, 0), 3, 0),     # one head outside the functions shown
    ((3, 3, 0, 0), 3, 1),     # a partial questionnaire
    ((6, 6, 0, 0), 3, 0),     # large enough for the lowest and highest
    ((5, 4, 2, 1), 3, 0),
    ((4, 4, 3, 1), 5, 0),
    ((8, 2, 2, 0), 5, 1),
)


def representative() -> list[Case]:
    return [make_case(mix, m, 100 + i, partial) for i, (mix, m, partial) in enumerate(REPRESENTATIVE)]
