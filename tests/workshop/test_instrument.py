"""The shipped instrument loads and answers correctly; broken copies are refused clearly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workshop.errors import WorkshopError
from workshop.instrument import (
    INSTRUMENT_FILE,
    LANGUAGES,
    Instrument,
    InstrumentError,
    Text,
    default_instrument,
    load_instrument,
)
from workshop.paths import resources_dir

SHIPPED = resources_dir() / "instruments" / INSTRUMENT_FILE


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument()


def test_shipped_file_has_the_twenty_statements_in_order(instrument: Instrument) -> None:
    assert instrument.statement_ids == tuple(f"q{n:02d}" for n in range(1, 21))
    assert instrument.statement("q07").id == "q07"


def test_every_statement_theme_is_declared(instrument: Instrument) -> None:
    theme_ids = {t.id for t in instrument.themes}
    assert 4 <= len(theme_ids) <= 6
    assert {s.theme for s in instrument.statements} == theme_ids


def test_scale_runs_from_one_to_five(instrument: Instrument) -> None:
    assert [s.value for s in instrument.scale] == [1, 2, 3, 4, 5]


def test_text_is_chosen_by_language(instrument: Instrument) -> None:
    name = instrument.stage("integrated").name
    assert name("nl") == "Geïntegreerd"
    assert name("en") == "Integrated"
    with pytest.raises(ValueError):
        Text("a", "b")("de")


def test_default_instrument_is_loaded_once() -> None:
    assert default_instrument() is default_instrument()
    assert default_instrument() == load_instrument(SHIPPED)


@pytest.mark.parametrize(
    ("total", "stage_id"),
    [
        (20, "undefined"),
        (39, "undefined"),
        (39.99, "undefined"),
        (40, "defined"),
        (59, "defined"),
        (60, "aligned"),
        (79, "aligned"),
        (80, "integrated"),
        (100, "integrated"),
    ],
)
def test_stage_for_uses_bands_with_inclusive_lower_bound(
    instrument: Instrument, total: float, stage_id: str
) -> None:
    assert instrument.stage_for(total).id == stage_id


@pytest.mark.parametrize("total", [19.99, 100.01])
def test_stage_for_refuses_impossible_totals(instrument: Instrument, total: float) -> None:
    with pytest.raises(ValueError):
        instrument.stage_for(total)


def test_practices_between_covers_every_move_in_order(instrument: Instrument) -> None:
    practices = instrument.practices_between("undefined", "aligned")
    moves = [p.move for p in practices]
    assert moves == sorted(moves, key=["undefined-defined", "defined-aligned"].index)
    assert set(moves) == {"undefined-defined", "defined-aligned"}
    assert practices[0].id == "rules-of-engagement"
    assert (practices[0].from_stage, practices[0].to_stage) == ("undefined", "defined")


def test_practices_between_is_empty_when_not_moving_up(instrument: Instrument) -> None:
    assert instrument.practices_between("aligned", "aligned") == ()
    assert instrument.practices_between("aligned", "defined") == ()


def test_integration_practices_go_from_easiest_to_hardest_group(instrument: Instrument) -> None:
    groups = [p.group for p in instrument.practices_between("aligned", "integrated")]
    assert groups == sorted(groups, key=["activities", "processes", "structure", "culture"].index)
    assert set(groups) == {"activities", "processes", "structure", "culture"}
    assert all(p.group is None for p in instrument.practices_between("undefined", "aligned"))


def test_integrated_has_no_decision_rule(instrument: Instrument) -> None:
    assert set(instrument.decision) == {"undefined", "defined", "aligned"}
    assert "integrated" not in instrument.decision
    assert instrument.next_stage("aligned") == "integrated"
    assert instrument.next_stage("integrated") is None
    for rule in instrument.decision.values():
        assert rule.stay_if and rule.move_if


def test_funnel_hands_off_from_marketing_to_sales(instrument: Instrument) -> None:
    funnel = instrument.funnel
    owners = [b.conventional_owner for b in funnel.buying_stages]
    assert owners == ["marketing"] * 4 + ["sales"] * 4
    assert funnel.buying_stages[3].id == funnel.handoff_after == "brand-preference"
    assert funnel.sales_steps[0].id == "prospecting-qualifying"
    assert len(funnel.sales_steps) == 5


def test_unknown_ids_raise_a_workshop_error(instrument: Instrument) -> None:
    with pytest.raises(WorkshopError, match="nirvana"):
        instrument.stage("nirvana")
    with pytest.raises(InstrumentError, match="q21"):
        instrument.statement("q21")


def _drop_q07(d: dict[str, Any]) -> None:
    del d["statements"][6]


def _duplicate_statement(d: dict[str, Any]) -> None:
    d["statements"][7]["id"] = "q07"


def _duplicate_practice(d: dict[str, Any]) -> None:
    d["practices"][1]["id"] = d["practices"][0]["id"]


def _empty_dutch(d: dict[str, Any]) -> None:
    d["statements"][4]["text"]["nl"] = "  "


def _band_gap(d: dict[str, Any]) -> None:
    d["stages"][1]["lower"] = 45


def _band_overlap(d: dict[str, Any]) -> None:
    d["stages"][2]["lower"] = 55


def _unknown_theme(d: dict[str, Any]) -> None:
    d["statements"][0]["theme"] = "astrology"


def _integrated_decision(d: dict[str, Any]) -> None:
    d["decision"]["integrated"] = d["decision"]["aligned"]


def _ungrouped_integration(d: dict[str, Any]) -> None:
    d["practices"][-1]["group"] = None


def _unknown_handoff(d: dict[str, Any]) -> None:
    d["funnel"]["handoff_after"] = "nowhere"


def _scale_from_zero(d: dict[str, Any]) -> None:
    d["scale"][0]["value"] = 0


def _missing_note(d: dict[str, Any]) -> None:
    del d["themes_note"]


def _not_json(d: dict[str, Any]) -> str:
    # A file cut short, as happens when a copy is interrupted.
    return json.dumps(d)[:200]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (_drop_q07, "statements is missing q07"),
        (_duplicate_statement, "statements[7].id repeats the id 'q07'"),
        (_duplicate_practice, "practices[1].id repeats the id 'rules-of-engagement'"),
        (_empty_dutch, "statements[4].text.nl is empty"),
        (_band_gap, "stages[1].lower is 45 but stages[0].upper is 40: a gap"),
        (_band_overlap, "stages[2].lower is 55 but stages[1].upper is 60: an overlap"),
        (_unknown_theme, "statements[0].theme names the unknown theme 'astrology'"),
        (_integrated_decision, "decision must have exactly the keys"),
        (_ungrouped_integration, ".group must be one of activities, processes, structure, culture"),
        (_unknown_handoff, "funnel.handoff_after names the unknown buying stage 'nowhere'"),
        (_scale_from_zero, "scale must have the values 1 to 5"),
        (_missing_note, "themes_note is missing"),
        (_not_json, "is not valid JSON"),
    ],
)
def test_broken_copies_are_refused_with_the_problem_named(
    tmp_path: Path, breakage: Callable[[dict[str, Any]], str | None], expected: str
) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    # A breakage either edits the data in place or returns the broken file text itself.
    text = breakage(data) or json.dumps(data, ensure_ascii=False)
    broken = tmp_path / INSTRUMENT_FILE
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(broken)
    assert caught.value.message.startswith(f"{INSTRUMENT_FILE}: ")
    assert expected in caught.value.message


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match="absent.json: cannot be read"):
        load_instrument(tmp_path / "absent.json")


def test_every_text_is_filled_in_both_languages(instrument: Instrument) -> None:
    texts = [instrument.title, instrument.source, instrument.themes_note]
    texts += [s.text for s in instrument.statements] + [s.description for s in instrument.stages]
    texts += [p.description for p in instrument.practices]
    texts += [c.text for rule in instrument.decision.values() for c in rule.stay_if + rule.move_if]
    for text in texts:
        assert all(text(lang).strip() for lang in LANGUAGES)
        assert text("nl") != text("en")
