from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop import scoring
from workshop.scoring import Response

from .helpers import QIDS


def full(function: str, total_of: list[int]) -> Response:
    return Response(function=function, answers=dict(zip(QIDS, total_of, strict=True)))


def answers_summing_to(total: int) -> list[int]:
    values = [1] * 20
    rest = total - 20
    for i in range(20):
        add = min(4, rest)
        values[i] += add
        rest -= add
    return values


@pytest.mark.parametrize(
    ("total", "stage"),
    [(20, "undefined"), (39, "undefined"), (39.99, "undefined"), (40, "defined"), (59, "defined"),
     (60, "aligned"), (79, "aligned"), (80, "integrated"), (100, "integrated")],
)
def test_band_edges(total: float, stage: str) -> None:
    assert scoring.stage_for(total) == stage


def test_total_only_when_all_answered() -> None:
    answers = dict.fromkeys(QIDS, 3)
    assert scoring.participant_total(answers, QIDS) == 60
    del answers["q20"]
    assert scoring.participant_total(answers, QIDS) is None


def test_group_and_function_figures_and_privacy() -> None:
    responses = [full("sales", answers_summing_to(t)) for t in (50, 60, 70)]
    responses += [full("marketing", answers_summing_to(t)) for t in (30, 40)]
    responses.append(Response("leadership", {"q01": 5}))  # incomplete: counted, never in a figure
    r = scoring.score(responses, QIDS, min_group=3)
    assert r.participants == 6 and r.complete == 5
    assert r.total.mean == 50 and r.total.median == 50 and r.total.min == 30 and r.total.max == 70
    assert r.stage == "defined"
    assert r.by_function["sales"].n == 3 and r.by_function["sales"].mean == 60
    assert r.by_function["sales"].stage == "aligned"
    assert r.by_function["marketing"] is None  # two people: never broken down
    q01 = r.statements[0]
    assert q01.n == 5  # the unfinished questionnaire is left out (it could be worked out by subtraction)
    assert q01.sales_mean is not None and q01.marketing_mean is None and q01.gap is None


def answering(function: str, **scores: int) -> Response:
    """A complete questionnaire: these scores, 3 elsewhere."""
    return Response(function, {q: scores.get(q, 3) for q in QIDS})


def test_statement_mean_stdev_and_gap() -> None:
    responses = [answering("sales", q01=v) for v in (5, 4, 3)]
    responses += [answering("marketing", q01=v) for v in (1, 2, 2)]
    s = scoring.score(responses, QIDS, min_group=3).statements[0]
    values = [5, 4, 3, 1, 2, 2]
    assert s.mean == pytest.approx(statistics.fmean(values))
    assert s.stdev == pytest.approx(statistics.stdev(values))
    assert s.gap == pytest.approx(4 - 5 / 3)
    partial = scoring.score([Response("sales", {"q01": 4})] * 3, QIDS, min_group=3).statements[0]
    assert partial.n == 0 and partial.mean is None and partial.stdev is None


def test_single_answer_has_no_stdev() -> None:
    s = scoring.score([answering("sales", q01=4)], QIDS, min_group=1).statements[0]
    assert s.mean == 4 and s.stdev is None and s.sales_mean == 4 and s.marketing_mean is None


def test_prompts_pick_largest_gaps_and_lowest_means() -> None:
    responses = [answering("sales", q01=5, q02=1, q03=3) for _ in range(3)]
    responses += [answering("marketing", q01=1, q02=2, q03=3) for _ in range(3)]
    r = scoring.score(responses, QIDS, min_group=3)
    assert [s.id for s in scoring.largest_gaps(r.statements, 2)] == ["q01", "q02"]
    assert scoring.lowest_means(r.statements, 1)[0].id == "q02"


scores = st.one_of(st.none(), st.integers(1, 5))
response = st.builds(
    lambda f, values: Response(f, {q: v for q, v in zip(QIDS, values, strict=True) if v is not None}),
    st.sampled_from(scoring.FUNCTIONS),
    st.lists(scores, min_size=20, max_size=20),
)


@given(st.lists(response, max_size=30), st.integers(1, 6))
def test_scoring_properties(responses: list[Response], min_group: int) -> None:
    r = scoring.score(responses, QIDS, min_group)
    complete = [sum(x.answers.values()) for x in responses if len(x.answers) == 20]
    assert r.complete == len(complete)
    if complete:
        assert 20 <= r.total.min <= r.total.mean <= r.total.max <= 100
        assert r.stage == scoring.stage_for(statistics.fmean(complete))
    else:
        assert r.total is None and r.stage is None
    for function, summary in r.by_function.items():
        n = sum(1 for x in responses if x.function == function and len(x.answers) == 20)
        assert (summary is None) == (n < min_group)
    for s in r.statements:
        assert s.mean is None or 1 <= s.mean <= 5
        assert (s.gap is None) or (s.sales_mean is not None and s.marketing_mean is not None)
