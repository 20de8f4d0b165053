"""The privacy rule: what of a workshop's results any surface may show.

The promise: nothing shown or printed lets a participant who knows their own answers work
out another participant's answer or total, or the mean of fewer than ``min`` people
(``min`` is the workshop's minimum group size). Every surface (screen, presenter, every
PDF, the deck, the CSV, the JSON) shows :func:`publish`'s results and nothing else of the
answers; :func:`reasons` says in one line each what is withheld and why. The README's
privacy section states the same rules in words:

1. Fewer than ``min`` complete participants: counts only (no total, stage or statement figure).
2. Figures use the answers of complete participants only; a mean needs ``min`` answers, a
   spread ``2 × min`` (with the mean, a spread of a few answers tells which were given).
3. A lowest, highest or median total is one person's value: shown only when at least
   ``2 × min`` people could hold it, counting what the spread chart tells about who lies
   where. The spread chart shows counts per band, each band holding none or at least
   ``min`` people (thin bands are merged), never a dot per person.
4. Subtraction: when 1 to ``min − 1`` complete participants are outside the functions
   shown, the smallest shown function is hidden too (Leadership and Other before
   Marketing and Sales), so the people outside number at least ``min + 1``.
5. A personal handout compares with the group only when the group without the reader
   has at least ``min`` people.

Requests about one person's data live in ``workshop.personal_data``; their names are
importable from here too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from workshop import scoring
from workshop.i18n import translator
from workshop.scoring import FUNCTIONS
from workshop.vocabulary import FUNCTION_LABELS

# The long-standing names of this module, now in workshop.personal_data; imported when first
# asked for, so the rule itself stays free of the database (charts use it).
PERSONAL_DATA = frozenset({
    "BACKUPS_NOTE", "EVERYTHING", "FORMAT", "ClientOverview", "DeletionReport", "PersonRecord", "backups_note",
    "delete_client", "delete_participant_data", "export_participant_data", "find_client", "find_participant",
    "find_person", "list_clients", "participant_data"})


def __getattr__(name: str) -> Any:
    if name in PERSONAL_DATA:
        from workshop import personal_data

        return getattr(personal_data, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Which shown function is hidden first to protect the few outside them (rule 4).
FOLD_FIRST = ("other", "leadership", "marketing", "sales")
BANDS = tuple((lower, upper) for (_name, lower), upper in zip(scoring.BANDS, (40, 60, 80, 100), strict=True))


@dataclass(frozen=True)
class Bin:
    """How many totals lie in [low, high) (the last band includes 100)."""

    low: int
    high: int
    count: int


@dataclass(frozen=True)
class DistributionRow:
    key: str  # a function, "pooled" (the functions not shown) or "everyone"
    n: int
    bins: tuple[Bin, ...]


@dataclass(frozen=True)
class Withheld:
    """What :func:`publish` left out, for the one-line reasons."""

    min_group: int
    group: bool = False  # rule 1
    small: tuple[str, ...] = ()  # functions with 1 to min − 1 complete participants
    folded: str | None = None  # a function hidden so the few outside cannot be worked out (rule 4)
    outside: int = 0  # complete participants outside the shown functions, before folding
    extremes: bool = False  # lowest, highest and median total (rule 3)
    spread: bool = False  # per-statement spreads (rule 2)
    left_out: int = 0  # complete participants in no row of the spread chart
    partial: int = 0  # participants who did not answer every statement

    @property
    def anything(self) -> bool:
        return bool(self.group or self.small or self.folded or self.extremes or self.spread or self.left_out
                    or self.partial)


def bins(totals: list[int], min_group: int) -> tuple[Bin, ...]:
    """Counts per stage band, thin bands merged with their neighbours: each bin holds
    nobody or at least ``min_group`` people. Empty for fewer than ``min_group`` totals."""
    if len(totals) < min_group:
        return ()
    out: list[Bin] = []
    start, count = BANDS[0][0], 0
    for low, high in BANDS:
        count += sum(1 for t in totals if low <= t < high or (high == 100 and t == 100))
        if count == 0 or count >= min_group:
            out.append(Bin(start, high, count))
            start, count = high, 0
    if count:  # a thin last band: merge back up to and including the last bin with people
        while out:
            last = out.pop()
            count += last.count
            start = last.low
            if last.count:
                break
        out.append(Bin(start, 100, count))
    return tuple(out)


def _pool(value: float, rows: tuple[DistributionRow, ...], left_out: int) -> int:
    """How many people could hold ``value``: those in a chart bin that contains it, and
    everyone the chart leaves out."""
    inside = sum(b.count for row in rows for b in row.bins
                 if b.low <= value < b.high or (b.high == 100 and value == 100))
    return inside + left_out


def publish(results: scoring.Results, min_group: int, partial: int | None = None) -> scoring.Results:
    """The results as every surface may show them (see the module's rules).

    Withheld figures are None; the individual totals are replaced by the spread chart's
    bins. Publishing published results changes nothing.
    """
    if results.withheld is not None:
        return results
    m = max(1, min_group)
    partial = results.participants - results.complete if partial is None else partial
    small = tuple(f for f in FUNCTIONS if 0 < sum(1 for g, _t in results.totals if g == f) < m)
    if results.complete < m or results.total is None:
        statements = [scoring.StatementSummary(s.id, s.n, None, None, None, None, None) for s in results.statements]
        return replace(results, total=None, stage=None, by_function=dict.fromkeys(FUNCTIONS), statements=statements,
                       totals=[], distribution=(),
                       withheld=Withheld(m, group=results.complete > 0, small=small, partial=partial))
    shown = {f: s for f, s in results.by_function.items() if s is not None}
    outside = results.complete - sum(s.n for s in shown.values())
    folded = None
    if 0 < outside < m and shown:
        folded = min(shown, key=lambda f: (shown[f].n, FOLD_FIRST.index(f)))
        del shown[folded]
    rows, left_out = _rows(results.totals, set(shown), m)
    total = results.total
    extremes = results.complete < 2 * m or any(
        _pool(v, rows, left_out) < 2 * m for v in (total.min, total.max, total.median) if v is not None)
    if extremes:
        total = replace(total, min=None, max=None, median=None)
    spread = any(s.stdev is not None and s.n < 2 * m for s in results.statements)
    statements = []
    for s in results.statements:
        sales = s.sales_mean if "sales" in shown else None
        marketing = s.marketing_mean if "marketing" in shown else None
        statements.append(replace(
            s, mean=s.mean if s.n >= m else None, stdev=s.stdev if s.n >= 2 * m else None, sales_mean=sales,
            marketing_mean=marketing, gap=sales - marketing if sales is not None and marketing is not None else None))
    withheld = Withheld(m, small=small, folded=folded, outside=outside if folded else 0, extremes=extremes,
                        spread=spread, left_out=left_out, partial=partial)
    return replace(results, total=total, by_function={f: shown.get(f) for f in FUNCTIONS}, statements=statements,
                   totals=[], distribution=rows, withheld=withheld)


def _rows(totals: list[tuple[str, int]], shown: set[str], m: int) -> tuple[tuple[DistributionRow, ...], int]:
    """The spread chart's rows: one per shown function, and the rest pooled when they are
    at least ``m`` (a whole-group row beside function rows would give the rest away)."""
    rows = []
    for f in FUNCTIONS:
        if f in shown:
            own = [t for g, t in totals if g == f]
            rows.append(DistributionRow(f, len(own), bins(own, m)))
    rest = [t for g, t in totals if g not in shown]
    if len(rest) >= m:
        rows.append(DistributionRow("pooled" if rows else "everyone", len(rest), bins(rest, m)))
        return tuple(rows), 0
    return tuple(rows), len(rest)


def answer_distribution(scores: list[int], min_group: int) -> tuple[int, ...] | None:
    """How many gave each score 1–5 to one statement, or None when it may not be shown.

    ``scores``: the answers of the participants who answered every statement (rule 2). Shown
    only when at least ``min_group`` answered and every score given was given by at least
    ``min_group`` people: a thin count cannot be merged away here, because with the
    statement's mean a count spanning two scores would split again into the exact ones.
    """
    m = max(1, min_group)
    counts = tuple(sum(1 for s in scores if s == value) for value in range(1, 6))
    if len(scores) < m or any(0 < c < m for c in counts):
        return None
    return counts


def may_compare(results: scoring.Results, reader_complete: bool) -> bool:
    """Rule 5: may a personal handout set the group's figure beside the reader's own?"""
    others = results.complete - (1 if reader_complete else 0)
    return results.total is not None and others >= (results.withheld.min_group if results.withheld else 1)


def reasons(results: scoring.Results, lang: str, *, details: bool = True) -> list[str]:
    """One plain line per thing withheld, in ``lang``; empty when everything is shown.

    ``details=False`` leaves out the lowest/highest totals and the spreads, for surfaces
    that never show those (the dashboards)."""
    w = results.withheld
    if w is None:
        return []
    _ = translator(lang)
    m = w.min_group
    lines = []
    if w.group:
        lines.append(_("Group results hidden: fewer than {n} people answered every statement.").format(n=m))
    if w.small:
        names = ", ".join(_(FUNCTION_LABELS[f]) for f in w.small)
        lines.append(_("{names} hidden: fewer than {n} people.").format(names=names, n=m))
    if w.folded:
        lines.append(_("{name} hidden too: otherwise the {k} people outside the groups shown could be worked "
                       "out from the whole group's figure.").format(name=_(FUNCTION_LABELS[w.folded]), k=w.outside))
    if details and w.extremes and not w.group:
        lines.append(_("Lowest, highest and median total hidden: fewer than {n} people could hold them.").format(
            n=2 * m))
    if details and w.spread and not w.group:
        lines.append(_("Spread per statement hidden: fewer than {n} answers.").format(n=2 * m))
    if w.partial:
        lines.append(_("Unfinished questionnaires left out of every figure, so that they cannot be worked out "
                       "by subtraction: {k}.").format(k=w.partial))
    return lines


def short_reason(results: scoring.Results, lang: str) -> str:
    """The shortest reason for the room, e.g. "hidden: fewer than 3 people"; empty if none."""
    w = results.withheld
    if w is None or not (w.group or w.small or w.folded):
        return ""
    return translator(lang)("hidden: fewer than {n} people").format(n=w.min_group)


# --- before results are shown: the minimum group size, as advice to the facilitator --------


def small_group_warnings(counts: dict[str, int], min_group: int) -> list[str]:
    """What the facilitator should know about the group sizes before results are shown.

    ``counts``: participants per function (on Prepare: everyone; on the Reveal gate: those
    who answered every statement). One text for both places, following the rule above: a
    function below the minimum is never shown on its own, and a few people outside the shown
    functions make the smallest shown one hidden too.
    """
    from workshop.i18n import _

    total = sum(counts.values())
    short = [key for key in ("sales", "marketing") if counts.get(key, 0) < min_group]
    remainder = sum(n for n in counts.values() if n < min_group)
    warnings = []
    if short and total:
        names = _(" and ").join(_(FUNCTION_LABELS[key]) for key in short)
        warnings.append(_(
            "⚠ {names}: fewer than {minimum} participants (the minimum group size). Their own results "
            "will not be shown or printed separately, so that nobody can be identified.").format(
            names=names, minimum=min_group))
    if not short and 0 < remainder < min_group:
        warnings.append(_(
            "⚠ Participants outside the functions that will be shown: {n}. So that their combined score "
            "cannot be worked out from the group's, the smallest shown function will be hidden too. Count "
            "the heads of Sales and Marketing in their own function to keep both visible.").format(n=remainder))
    return warnings
