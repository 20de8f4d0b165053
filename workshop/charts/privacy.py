"""Which breakdowns the charts may show, so that no small group can be worked out.

Scoring hides a function's figures when fewer than the minimum group size completed the
questionnaire. That alone is not enough once the group's own figures are on the same
screen: with the group mean, Sales' mean and Leadership's mean shown, two marketers' mean
follows by subtraction. So a breakdown is released only when, after it, the participants
left over (in no released function) are none or at least the minimum; otherwise a
released function is folded back into the rest until that holds: Leadership and Other
before Sales and Marketing (whose comparison is the point of the method), smallest first.
"""

from __future__ import annotations

import dataclasses

from workshop import scoring
from workshop.scoring import FUNCTIONS

CORE = ("sales", "marketing")


def released(results) -> frozenset[str]:
    """The functions whose breakdown may be shown beside the group's figures."""
    r = results.results
    minimum = results.workshop.min_group_size
    counts = {f: s.n for f, s in r.by_function.items() if s is not None}
    rest = r.complete - sum(counts.values())
    while 0 < rest < minimum and counts:
        smallest = min(counts, key=lambda f: (f in CORE, counts[f], -FUNCTIONS.index(f)))
        rest += counts.pop(smallest)
    return frozenset(counts)


def protect(results):
    """``results`` with every breakdown that is not released taken out (idempotent)."""
    keep = released(results)
    r = results.results
    if all(r.by_function.get(f) is None for f in FUNCTIONS if f not in keep):
        return results
    sales, marketing = "sales" in keep, "marketing" in keep

    def statement(s: scoring.StatementSummary) -> scoring.StatementSummary:
        s_mean = s.sales_mean if sales else None
        m_mean = s.marketing_mean if marketing else None
        gap = s.gap if s_mean is not None and m_mean is not None else None
        return dataclasses.replace(s, sales_mean=s_mean, marketing_mean=m_mean, gap=gap)

    statements = [statement(s) for s in r.statements]
    themes = [dataclasses.replace(t, sales_mean=t.sales_mean if sales else None,
                                  marketing_mean=t.marketing_mean if marketing else None) for t in results.themes]
    by_function = {f: (v if f in keep else None) for f, v in r.by_function.items()}
    return dataclasses.replace(
        results,
        results=dataclasses.replace(r, by_function=by_function, statements=statements),
        themes=themes,
        largest_gaps=scoring.largest_gaps(statements),
        lowest=scoring.lowest_means(statements),
    )
