"""Whether the published facts let a participant work out somebody else's answers.

The attacker is one participant (the reader) who knows every published figure and their
own answers. Checked for every reader:

1. **Solving the sums.** Every published mean is a linear equation over the individual
   answers. A quantity can be worked out exactly when it lies in the span of those
   equations with the reader's own answers known. Found: another participant's answer,
   their total (or the sum of what they answered), and the summed answers of 1 to
   ``min − 1`` people taken together (one equation per group of people the published
   sets can tell apart). This holds for every set of answers, not only the ones drawn.
2. **Individual values.** A lowest, highest or median total, a spread, a dot per person:
   each is one person's value, or pins down the few values of a small set. Such a value
   may only be published when it could belong to at least ``2 × min`` people, counting
   what the bins and rows of the charts tell about who lies where.
3. **Bins.** Every published bin holds no one or at least ``min`` people, and rows never
   overlap (a difference of two rows would be a bin of its own).

Not claimed: when everybody in a shown group gives the same answer, its mean says so; a
group result can do no less.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np

from tests.disclosure.cases import QIDS, Case
from tests.disclosure.facts import Bins, Fact, Linear, Values

TOLERANCE = 1e-7


def _row_space(matrix: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the span of the equations (as rows)."""
    if not matrix.size:
        return np.zeros((0, matrix.shape[1]))
    _u, s, vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int((s > 1e-9 * max(1.0, s.max(initial=0.0))).sum())
    return vt[:rank]


def _atoms(case: Case) -> list[list[int]]:
    """Groups of people no published set tells apart: same function, same completeness."""
    groups: dict[tuple[str, bool], list[int]] = {}
    for i, p in enumerate(case.people):
        groups.setdefault((p.function, p.complete), []).append(i)
    return list(groups.values())


class Solver:
    def __init__(self, case: Case, facts: Iterable[Fact]) -> None:
        self.case = case
        self.cells = [(i, q) for i, p in enumerate(case.people) for q in QIDS if q in p.answers]
        self.index = {c: k for k, c in enumerate(self.cells)}
        rows = [f for f in facts if isinstance(f, Linear)]
        self.labels = [f.label for f in rows]
        self.matrix = np.zeros((len(rows), len(self.cells)))
        for r, fact in enumerate(rows):
            for cell in fact.cells:
                self.matrix[r, self.index[cell]] = 1.0

    def _space(self, reader: int | None) -> tuple[np.ndarray, list[int]]:
        keep = [k for k, (i, _q) in enumerate(self.cells) if i != reader]
        return _row_space(self.matrix[:, keep]), keep

    def known(self, reader: int | None, targets: dict[str, list[tuple[int, str]]]) -> list[str]:
        """Which targets (named sets of cells whose sum is wanted) the reader can work out."""
        if not len(self.labels) or not targets:
            return []
        basis, keep = self._space(reader)
        position = {self.cells[k]: n for n, k in enumerate(keep)}
        names, vectors = [], []
        for name, cells in targets.items():
            vector = np.zeros(len(keep))
            for cell in cells:
                vector[position[cell]] = 1.0
            names.append(name)
            vectors.append(vector)
        wanted = np.array(vectors)
        # A target is known exactly when it equals its projection on the equations' span.
        residue = np.abs(wanted - (wanted @ basis.T) @ basis).max(axis=1)
        return [name for name, r in zip(names, residue, strict=True) if r < TOLERANCE]


def _readers(case: Case) -> list[int]:
    """One reader per group of interchangeable people, and every partial questionnaire."""
    seen: set[tuple[str, bool]] = set()
    out = []
    for i, p in enumerate(case.people):
        key = (p.function, p.complete)
        if key not in seen or not p.complete:
            seen.add(key)
            out.append(i)
    return out


def linear_findings(case: Case, facts: list[Fact]) -> list[str]:
    solver = Solver(case, facts)
    found: list[str] = []
    for reader in _readers(case):
        targets: dict[str, list[tuple[int, str]]] = {}
        for i, p in enumerate(case.people):
            if i == reader:
                continue
            own = [(i, q) for q in QIDS if q in p.answers]
            name = f"participant {i} ({p.function})"
            targets[f"the total of {name}" if p.complete else f"the sum of the answers of {name}"] = own
            for cell in own:
                targets[f"{name}'s answer to {cell[1]}"] = [cell]
        found += [f"participant {reader} ({case.people[reader].function}) can work out {name}"
                  for name in solver.known(reader, targets)]
    # Small groups' sums, with no participant's own answers needed.
    targets = {}
    atoms = _atoms(case)
    for size in range(1, len(atoms) + 1):
        for combo in itertools.combinations(atoms, size):
            people = [i for atom in combo for i in atom]
            if not 1 <= len(people) < case.min_group:
                continue
            who = ", ".join(sorted({case.people[i].function for i in people}))
            cells = [(i, q) for i in people for q in QIDS if q in case.people[i].answers]
            targets[f"the summed answers of {len(people)} people ({who})"] = cells
            for q in QIDS:
                part = [(i, q) for i in people if q in case.people[i].answers]
                if part:
                    targets[f"the summed answers to {q} of {len(part)} people ({who})"] = part
    found += [f"anyone can work out {name}" for name in solver.known(None, targets)]
    return found


def _candidates(case: Case, fact: Values, facts: list[Fact]) -> int:
    """How many people a released total could belong to, given the rows and bins shown."""
    if fact.kind in ("spread", "dots") or fact.value is None:
        return len(fact.people)
    value, placed, count = fact.value, set(), 0
    for other in facts:
        if isinstance(other, Bins):
            placed |= other.people
            count += sum(n for low, high, n in other.bins if low <= value < high or (high == 100 and value == 100))
        elif isinstance(other, Values) and other.kind == "dots":
            placed |= other.people
            count += sum(1 for i in other.people if case.people[i].total == value)
    return count + len(fact.people - placed)


def value_findings(case: Case, facts: list[Fact]) -> list[str]:
    need = 2 * case.min_group
    found = []
    for fact in facts:
        if isinstance(fact, Values):
            pool = _candidates(case, fact, facts)
            if pool < need:
                found.append(f"{fact.label} releases an individual value that only {pool} people could hold")
    return found


def bin_findings(case: Case, facts: list[Fact]) -> list[str]:
    found = []
    rows = [f for f in facts if isinstance(f, Bins)]
    for fact in rows:
        for low, high, n in fact.bins:
            if 0 < n < case.min_group:
                found.append(f"{fact.label}: {n} people in the bin {low:g}–{high:g}")
    for a, b in itertools.combinations(rows, 2):
        if a.people & b.people:
            found.append(f"{a.label} and {b.label} overlap: their difference is a bin of its own")
    return found


def findings(case: Case, facts: list[Fact]) -> list[str]:
    """Every way the facts give somebody away; empty when they are safe."""
    return linear_findings(case, facts) + value_findings(case, facts) + bin_findings(case, facts)
