"""The funnel exercise: owners per buying stage, the hand-off, and the picture."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from tests.workshop.plan_helpers import workshop_at
from workshop import funnel
from workshop.charts.funnel import STYLE, funnel_picture
from workshop.errors import InputError
from workshop.instrument import default_instrument

STAGES = [b.id for b in default_instrument().funnel.buying_stages]


def test_a_new_workshop_has_the_instruments_funnel_unmapped(db):
    wid = workshop_at(db, "defined")
    view = funnel.get_funnel(db, wid)
    assert [r.stage.id for r in view.stages] == STAGES
    assert all(r.owner is None for r in view.stages) and view.mapped == 0
    assert view.handoff_after == "brand-preference" and view.handoff_is_default
    assert view.handoff_index == 3
    assert [s.id for s in view.sales_steps][0] == "prospecting-qualifying"
    assert all(s.contribution("nl") and s.contribution("en") for s in view.sales_steps)


def test_owner_and_note_per_stage(db):
    wid = workshop_at(db, "defined")
    changes = funnel.set_owner(db, wid, "purchase", "shared")
    assert changes.funnel and changes.workshop_id == wid
    funnel.set_stage_note(db, wid, "purchase", "  Marketing writes the offer template  ")
    row = funnel.get_funnel(db, wid).stages[STAGES.index("purchase")]
    assert (row.owner, row.note) == ("shared", "Marketing writes the offer template")
    funnel.set_owner(db, wid, "purchase", "sales")  # the note stays with the stage
    assert funnel.get_funnel(db, wid).stages[STAGES.index("purchase")].note == "Marketing writes the offer template"
    funnel.set_owner(db, wid, "purchase", None)
    assert funnel.get_funnel(db, wid).stages[STAGES.index("purchase")].owner is None


def test_a_note_needs_an_owner_and_values_are_checked(db):
    wid = workshop_at(db, "defined")
    with pytest.raises(InputError, match="Choose who owns"):
        funnel.set_stage_note(db, wid, "purchase", "who?")
    with pytest.raises(InputError, match="owner"):
        funnel.set_owner(db, wid, "purchase", "finance")
    with pytest.raises(InputError, match="not a stage"):
        funnel.set_owner(db, wid, "checkout", "sales")


def test_the_handoff_moves_but_not_past_the_last_stage(db):
    wid = workshop_at(db, "defined")
    changes = funnel.set_handoff(db, wid, "brand-consideration")
    assert changes.funnel and changes.workshops
    view = funnel.get_funnel(db, wid)
    assert (view.handoff_after, view.handoff_is_default, view.handoff_index) == ("brand-consideration", False, 2)
    with pytest.raises(InputError, match="last stage"):
        funnel.set_handoff(db, wid, STAGES[-1])
    funnel.set_handoff(db, wid, None)
    assert funnel.get_funnel(db, wid).handoff_is_default


def test_conventional_split_fills_only_the_gaps_and_restore_undoes_it(db):
    wid = workshop_at(db, "defined")
    funnel.set_owner(db, wid, "customer-awareness", "shared")
    before = funnel.funnel_state(db, wid)
    funnel.use_conventional_split(db, wid)
    owners = [r.owner for r in funnel.get_funnel(db, wid).stages]
    assert owners == ["shared", "marketing", "marketing", "marketing", "sales", "sales", "sales", "sales"]
    funnel.set_handoff(db, wid, "purchase")
    funnel.restore_funnel(db, wid, before)
    assert funnel.funnel_state(db, wid) == before


def test_funnel_json(db):
    wid = workshop_at(db, "defined")
    funnel.set_stage(db, wid, "purchase", "sales", "closing")
    data = funnel.funnel_json(db, wid)
    assert data["handoff_after"] == "brand-preference" and data["handoff_is_default"] is True
    assert [s["stage"] for s in data["stages"]] == STAGES
    assert data["stages"][5] == {"stage": "purchase", "owner": "sales", "conventional_owner": "sales",
                                 "note": "closing"}


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [
        t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_picture_tells_owners_apart_without_colour(db, lang):
    wid = workshop_at(db, "defined")
    for stage, owner in zip(STAGES, ["marketing", "marketing", "shared", "shared", "sales", "sales", "sales"],
                            strict=False):
        funnel.set_owner(db, wid, stage, owner)
    funnel.set_stage_note(db, wid, "purchase", "Offer template from Marketing")
    funnel.set_handoff(db, wid, "brand-consideration")
    fig = funnel_picture(funnel.get_funnel(db, wid), lang)
    assert isinstance(fig, Figure)
    # A distinct fill pattern for each owner: grey print keeps them apart.
    hatches = {STYLE[o]["hatch"] for o in ("marketing", "sales", "shared")}
    assert len(hatches) == 3 and "" not in hatches
    drawn = {p.get_hatch() for ax in fig.axes for p in ax.patches if isinstance(p, Polygon) and p.get_fill()}
    assert hatches <= drawn
    shown = texts(fig)
    labels = {"en": ("Marketing", "Sales", "Shared", "Hand-off", "not agreed yet"),
              "nl": ("Marketing", "Sales", "Gedeeld", "Overdracht", "nog niet afgesproken")}[lang]
    for label in labels:
        assert label in shown, label
    one_line = [" ".join(text.split()) for text in shown]  # a long stage name wraps in its box
    for stage in default_instrument().funnel.buying_stages:
        assert stage.name(lang) in one_line
    assert any("Offer template" in t for t in shown)
    fig.savefig(io.BytesIO(), format="png")  # it renders
