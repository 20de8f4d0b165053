"""The privacy rule's five parts, as properties over any set of answers (``workshop.privacy``)."""

from __future__ import annotations

import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.disclosure.cases import Case, Person
from tests.disclosure.facts import json_facts
from tests.disclosure.prover import findings
from tests.disclosure.surfaces import chart_facts
from workshop import privacy, scoring
from workshop.scoring import FUNCTIONS, Response
from workshop.vocabulary import FUNCTION_LABELS

from .helpers import QIDS

complete_answers = st.lists(st.integers(1, 5), min_size=20, max_size=20).map(lambda v: dict(zip(QIDS, v,
                                                                                                  strict=True)))
partial_answers = st.lists(st.integers(1, 5), min_size=1, max_size=19).map(lambda v: dict(zip(QIDS, v,
                                                                                                 strict=False)))
person = st.tuples(st.sampled_from(FUNCTIONS), st.one_of(complete_answers, complete_answers, partial_answers))
workshops = st.tuples(st.lists(person, max_size=16), st.integers(1, 6))


def published(people, m):  # noqa: ANN001, ANN201
    responses = [Response(f, answers) for f, answers in people]
    return privacy.publish(scoring.score(responses, QIDS, m), m), responses


def totals(people, function=None):  # noqa: ANN001, ANN201
    return [sum(a.values()) for f, a in people if len(a) == 20 and function in (None, f)]


@settings(max_examples=150, deadline=None)
@given(workshops)
def test_rule_1_below_the_minimum_only_counts(workshop) -> None:  # noqa: ANN001
    people, m = workshop
    r, responses = published(people, m)
    assert r.participants == len(people) and r.complete == len(totals(people))
    if r.complete >= m:
        assert r.total is not None and r.stage is not None
        return
    assert r.total is None and r.stage is None and all(v is None for v in r.by_function.values())
    assert r.distribution == () and r.totals == []
    for s in r.statements:
        assert (s.mean, s.stdev, s.sales_mean, s.marketing_mean, s.gap) == (None,) * 5
        assert s.n == r.complete  # the count stays
    assert not privacy.may_compare(r, True) and not privacy.may_compare(r, False)


@settings(max_examples=150, deadline=None)
@given(workshops)
def test_rule_2_statement_figures_need_enough_complete_answers(workshop) -> None:  # noqa: ANN001
    people, m = workshop
    r, _responses = published(people, m)
    done = [a for _f, a in people if len(a) == 20]
    for k, s in enumerate(r.statements):
        assert s.n == len(done)  # unfinished questionnaires never count
        if s.mean is not None:
            assert s.n >= m and s.mean == statistics.fmean(a[QIDS[k]] for a in done)
        assert s.stdev is None or s.n >= 2 * m
        for side, value in (("sales", s.sales_mean), ("marketing", s.marketing_mean)):
            if value is not None:
                assert r.by_function[side] is not None and r.by_function[side].n >= m
        assert (s.gap is None) == (s.sales_mean is None or s.marketing_mean is None)


@settings(max_examples=150, deadline=None)
@given(workshops)
def test_rule_3_individual_values_need_twice_the_minimum_and_bins_never_thin(workshop) -> None:  # noqa: ANN001
    people, m = workshop
    r, _responses = published(people, m)
    assert r.totals == []  # no surface can draw a person
    if r.total is not None and r.total.min is not None:
        assert r.complete >= 2 * m
        for value in (r.total.min, r.total.max, r.total.median):
            holders = sum(b.count for row in r.distribution for b in row.bins
                          if b.low <= value < b.high or (b.high == 100 and value == 100))
            assert holders + r.withheld.left_out >= 2 * m
    seen = 0
    for row in r.distribution:
        assert row.n >= m and sum(b.count for b in row.bins) == row.n
        assert all(b.count == 0 or b.count >= m for b in row.bins)
        assert [b.low for b in row.bins][0] == 20 and row.bins[-1].high == 100
        assert all(a.high == b.low for a, b in zip(row.bins, row.bins[1:], strict=False))
        if row.key in FUNCTIONS:
            assert r.by_function[row.key] is not None and row.n == r.by_function[row.key].n
        seen += row.n
    if r.total is not None:
        assert seen + r.withheld.left_out == r.complete
        assert r.withheld.left_out == 0 or r.withheld.left_out < m


@settings(max_examples=150, deadline=None)
@given(workshops)
def test_rule_4_never_one_to_min_minus_one_people_outside_the_functions_shown(workshop) -> None:  # noqa: ANN001
    people, m = workshop
    r, _responses = published(people, m)
    if r.total is None:
        return
    shown = {f: s for f, s in r.by_function.items() if s is not None}
    outside = r.complete - sum(s.n for s in shown.values())
    assert outside == 0 or outside >= m
    for f, s in shown.items():
        assert s.n >= m and s.mean == statistics.fmean(totals(people, f))
    raw = {f for f in FUNCTIONS if len(totals(people, f)) >= m}
    raw_outside = r.complete - sum(len(totals(people, f)) for f in raw)
    if 0 < raw_outside < m:  # exactly one function folded: the smallest, Sales and Marketing last
        assert r.withheld.folded in raw and set(shown) == raw - {r.withheld.folded}
        assert all(len(totals(people, r.withheld.folded)) <= len(totals(people, f)) for f in shown)
        assert privacy.reasons(r, "en")
    else:
        assert r.withheld.folded is None and set(shown) == raw


@settings(max_examples=150, deadline=None)
@given(workshops)
def test_rule_5_personal_comparison_only_with_enough_others(workshop) -> None:  # noqa: ANN001
    people, m = workshop
    r, _responses = published(people, m)
    for reader_complete in (True, False):
        others = r.complete - (1 if reader_complete else 0)
        assert privacy.may_compare(r, reader_complete) == (r.total is not None and others >= m)


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.lists(person, max_size=16), st.integers(3, 6)))
def test_what_is_published_gives_nobody_away(workshop) -> None:  # noqa: ANN001
    """The disclosure checker on arbitrary answers: nobody's answers can be worked out.

    From a minimum of 3: with 1 or 2 a facilitator accepts that a group of two is shown,
    and each of the two can then work out the other (the README says so)."""
    from tests.workshop.test_disclosure import computed_for
    from workshop.results_json import scores_json

    people, m = workshop
    case = Case(tuple(Person(f, a) for f, a in people), m)
    computed = computed_for(case)
    assert findings(case, json_facts(case, scores_json(computed)) + chart_facts(case, computed)) == []


@given(workshops)
def test_publishing_twice_changes_nothing_and_reasons_name_what_is_withheld(workshop) -> None:  # noqa: ANN001
    people, m = workshop
    r, _responses = published(people, m)
    assert privacy.publish(r, m) is r
    lines = privacy.reasons(r, "en")
    if r.complete and r.total is None:
        assert lines[0].startswith("Group results hidden")
    for f in r.withheld.small:
        assert any(FUNCTION_LABELS[f] in line for line in lines)
    assert bool(lines) == r.withheld.anything
    assert all("\n" not in line for line in lines)
    assert len(privacy.reasons(r, "nl")) == len(lines)


@given(st.lists(st.integers(1, 5), max_size=30), st.integers(1, 6))
def test_answer_counts_need_min_people_per_score_or_none(scores: list[int], m: int) -> None:
    counts = privacy.answer_distribution(scores, m)
    if counts is None:
        assert len(scores) < m or any(0 < scores.count(v) < m for v in range(1, 6))
    else:
        assert counts == tuple(scores.count(v) for v in range(1, 6))
        assert all(c == 0 or c >= m for c in counts) and sum(counts) >= m
