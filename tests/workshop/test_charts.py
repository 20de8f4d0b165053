"""Charts: one figure per chart, readable in both languages, and never a small group's breakdown."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from workshop import scoring
from workshop.charts import stage_gauge, statement_gaps, theme_profile, totals_distribution
from workshop.charts.distribution import distribution_rows
from workshop.charts.style import MARKETING, SALES
from workshop.instrument import default_instrument
from workshop.results import from_results
from workshop.scoring import FUNCTIONS
from workshop.workshops import WorkshopInfo

CHARTS = (stage_gauge, statement_gaps, totals_distribution, theme_profile)


def make_results(counts: dict[str, int], min_group: int = 3, seed: int = 1, partial: int = 0):
    rng = random.Random(seed)
    ids = default_instrument().statement_ids
    responses = []
    for function, n in counts.items():
        base = {"sales": 2.5, "marketing": 3.8, "leadership": 3.2, "other": 3.0}[function]
        for _ in range(n):
            responses.append(scoring.Response(function, {
                q: max(1, min(5, round(base + rng.gauss(0, 0.8)))) for q in ids}))
    for _ in range(partial):
        responses.append(scoring.Response("sales", {q: 3 for q in ids[:5]}))
    info = WorkshopInfo(id=1, client_id=1, client="Acme", title="Offsite", date=dt.date(2025, 3, 1),
                        min_group_size=min_group)
    return from_results(info, scoring.score(responses, ids, min_group))


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def markers(fig: Figure, series) -> list[Line2D]:
    return [line for ax in fig.axes for line in ax.lines
            if line.get_marker() == series.marker and _rgba(line.get_markerfacecolor()) == _rgba(series.face)
            and len(line.get_xdata())]


def _rgba(colour: str):
    from matplotlib.colors import to_rgba

    return to_rgba(colour)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("chart", CHARTS)
def test_every_chart_draws_in_both_languages(chart, lang: str, tmp_path) -> None:
    results = make_results({"sales": 6, "marketing": 5, "leadership": 3, "other": 1})
    fig = chart(results, lang)
    assert isinstance(fig, Figure)
    out = tmp_path / "chart.png"
    fig.savefig(out)
    assert out.stat().st_size > 5000


def test_gauge_shows_group_sales_and_marketing_with_values() -> None:
    results = make_results({"sales": 6, "marketing": 5})
    shown = texts(stage_gauge(results, "en"))
    r = results.results
    assert f"Group {r.total.mean:.1f}" in shown
    assert f"Sales {r.by_function['sales'].mean:.1f}" in shown
    assert f"Marketing {r.by_function['marketing'].mean:.1f}" in shown
    assert {"Undefined", "Defined", "Aligned", "Integrated"} <= set(shown)


def test_dutch_gauge_names_the_stages_in_dutch_with_decimal_comma() -> None:
    results = make_results({"sales": 6, "marketing": 5})
    shown = texts(stage_gauge(results, "nl"))
    assert {"Ongedefinieerd", "Gedefinieerd", "Afgestemd", "Geïntegreerd"} <= set(shown)
    assert any(t.startswith("Groep ") and "," in t for t in shown)


def test_a_marketing_group_of_two_never_appears() -> None:
    results = make_results({"sales": 5, "marketing": 2, "leadership": 3})
    assert results.results.by_function["marketing"] is None
    for chart in CHARTS:
        fig = chart(results, "en")
        assert not markers(fig, MARKETING), chart.__name__
        assert not any(t == "Marketing" or t.startswith(("Marketing ", "Marketing\n")) for t in texts(fig))
    rows, left_out = distribution_rows(results)
    # Two marketers outside the functions shown would be given away by subtraction, so Leadership
    # (the smallest shown) is hidden too and pooled with them.
    assert [(series.key, row.n) for series, row in rows] == [("sales", 5), ("pooled", 5)]
    assert left_out == 0


def test_small_groups_are_pooled_only_when_the_pool_is_large_enough() -> None:
    results = make_results({"sales": 5, "marketing": 4, "other": 1})
    rows, left_out = distribution_rows(results)
    assert [(series.key, row.n) for series, row in rows] == [("sales", 5), ("pooled", 5)]  # Marketing folded
    assert left_out == 0
    pooled = make_results({"sales": 5, "marketing": 4, "leadership": 2, "other": 1})
    rows, left_out = distribution_rows(pooled)
    assert [(series.key, row.n) for series, row in rows] == [("sales", 5), ("marketing", 4), ("pooled", 3)]
    assert all(b.count == 0 or b.count >= 3 for _series, row in rows for b in row.bins)
    everyone_small = make_results({"sales": 2, "marketing": 2})
    rows, _ = distribution_rows(everyone_small)
    assert [series.key for series, _ in rows] == ["everyone"]


def test_two_leaders_beside_sales_and_marketing_hide_the_smaller_function() -> None:
    results = make_results({"sales": 8, "marketing": 7, "leadership": 2})
    assert results.results.by_function["marketing"] is None  # else the two leaders' sum would show
    assert results.results.withheld.folded == "marketing"
    fig = stage_gauge(results, "en")
    assert markers(fig, SALES) and not markers(fig, MARKETING)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(FUNCTIONS), st.integers(0, 12)), st.integers(2, 5))
def test_no_row_is_ever_a_group_below_the_minimum(counts: dict[str, int], minimum: int) -> None:
    results = make_results(counts, min_group=minimum)
    rows, left_out = distribution_rows(results)
    assert all(row.n >= minimum for _series, row in rows)
    assert all(b.count == 0 or b.count >= minimum for _series, row in rows for b in row.bins)
    assert all(sum(b.count for b in row.bins) == row.n for _series, row in rows)
    if results.results.total is not None:  # else nothing is shown at all (fewer than the minimum)
        assert sum(row.n for _s, row in rows) + left_out == results.results.complete


def test_statement_gaps_sorted_by_absolute_gap_and_limited() -> None:
    results = make_results({"sales": 6, "marketing": 5})
    fig = statement_gaps(results, "en", limit=5)
    ax = fig.axes[0]
    shown = sorted((t.get_position()[1], t.get_text().split()[0]) for t in ax.texts
                   if t.get_visible() and t.get_text()[:1] == "q")
    expected = [s.id for s in sorted(results.results.statements, key=lambda s: (-abs(s.gap), s.id))[:5]]
    assert [qid for _, qid in shown] == expected
    assert sum(len(line.get_xdata()) for line in markers(fig, SALES)) == 5


def test_hidden_sales_leaves_group_means_only() -> None:
    results = make_results({"sales": 1, "marketing": 4})
    fig = statement_gaps(results, "en")
    assert not markers(fig, SALES)
    assert any("Not shown separately" in t and "Sales" in t for t in texts(fig))
    # The one salesperson could be worked out as the group minus Marketing: Marketing goes too.
    assert not markers(fig, MARKETING)
    assert results.results.withheld.folded == "marketing"


def test_theme_profile_says_the_grouping_is_ours() -> None:
    results = make_results({"sales": 4, "marketing": 4})
    note = default_instrument().themes_note("en")
    joined = " ".join(t.replace("\n", " ") for t in texts(theme_profile(results, "en")))
    assert note[:40] in joined


@pytest.mark.parametrize("chart", CHARTS)
def test_empty_workshop_draws_without_error(chart) -> None:
    results = make_results({}, partial=0)
    fig = chart(results, "en")
    fig.savefig(__import__("io").BytesIO())


def test_charts_draw_in_worker_threads() -> None:
    results = make_results({"sales": 6, "marketing": 5})
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for chart in CHARTS:
                chart(results, "nl").savefig(__import__("io").BytesIO(), format="png")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
