"""The facilitator's guide: complete in both languages, checked on load, an agenda with times."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from workshop.guide import FOLLOW_UP_STEP_IDS, GUIDE_FILE, STEP_IDS, GuideError, default_guide, default_path, load_guide
from workshop.instrument import STAGE_IDS, STATEMENT_IDS, default_instrument

LANGS = ("nl", "en")


def test_every_statement_has_two_or_three_questions_in_both_languages() -> None:
    guide = default_guide()
    assert set(guide.questions) == set(STATEMENT_IDS)
    for qid in STATEMENT_IDS:
        questions = guide.questions_for(qid)
        assert 2 <= len(questions) <= 3, qid
        for question in questions:
            for lang in LANGS:
                assert question(lang).strip().endswith("?"), (qid, lang, question(lang))
        # The two languages are two texts, not one copied over.
        assert all(q.nl != q.en for q in questions), qid


def test_every_step_has_purpose_script_look_for_and_time_in_both_languages() -> None:
    guide = default_guide()
    assert tuple(s.id for s in guide.steps) == STEP_IDS
    assert tuple(s.id for s in guide.follow_up_steps) == FOLLOW_UP_STEP_IDS
    for step in guide.all_steps:
        assert 1 <= step.minutes <= 240
        for text in (step.purpose, step.script, step.look_for):
            for lang in LANGS:
                assert len(text(lang).split()) >= 8, (step.id, lang)
            assert text.nl != text.en


def test_opening_slide_has_the_four_stages_and_both_kinds_of_friction() -> None:
    opening = default_guide().opening
    assert list(opening.stages) == list(STAGE_IDS)
    assert [f.id for f in opening.friction] == ["economic", "cultural"]
    assert all(len(f.points) >= 3 for f in opening.friction)
    assert all(text(lang).strip() for text in (opening.title, opening.stay_note) for lang in LANGS)


def test_cases_name_real_practices_and_each_has_a_case_title_and_text() -> None:
    guide = default_guide()
    practices = {p.id for p in default_instrument().practices}
    assert len(guide.cases) >= 6
    for case in guide.cases:
        assert set(case.practices) <= practices
        assert all(text(lang).strip() for text in (case.title, case.text) for lang in LANGS)
    assert [c.id for c in guide.cases_for("co-location")] == ["case-shopping-mall"]
    assert guide.cases_for("shared-databases") == ()


def test_agenda_runs_from_the_start_time_with_the_break() -> None:
    guide = default_guide()
    agenda = guide.agenda(dt.date(2026, 3, 2), dt.time(13, 30))
    assert agenda[0].start == dt.datetime(2026, 3, 2, 13, 30)
    assert [a.step for a in agenda if a.step] == list(STEP_IDS)
    for before, after in zip(agenda, agenda[1:], strict=False):
        assert after.start == before.end
    assert agenda[-1].end - agenda[0].start == dt.timedelta(minutes=guide.total_minutes)
    pause = next(a for a in agenda if a.step is None)
    assert agenda[agenda.index(pause) - 1].step == guide.pause.after
    assert guide.agenda(dt.date(2026, 3, 2))[0].start.time() == dt.time(9, 0)  # no start time: nine o'clock


def _broken(tmp_path: Path, change) -> Path:  # noqa: ANN001
    data = json.loads(default_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / GUIDE_FILE
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["steps"].pop(3), "steps is missing decide"),
    (lambda d: d["steps"][1].__setitem__("minutes", 0), "steps[1].minutes is 0"),
    (lambda d: d["steps"][2]["script"].pop("nl"), "steps[2].script.nl is missing"),
    (lambda d: d["statements"].pop("q07"), "statements is missing q07"),
    (lambda d: d["statements"]["q03"].pop(), "statements.q03 has 1 questions"),
    (lambda d: d["statements"]["q05"][0].__setitem__("en", " "), "statements.q05[0].en is empty"),
    (lambda d: d["opening"]["stages"].pop("aligned"), "opening.stages must have exactly the keys"),
    (lambda d: d["cases"][0]["practices"].append("no-such-practice"), "names the unknown practice"),
    (lambda d: d["break"].__setitem__("after", "lunch"), "break.after names the unknown step"),
    (lambda d: d.__setitem__("instrument", "other"), "instrument is 'other'"),
])
def test_a_broken_guide_is_refused_with_the_place_named(tmp_path: Path, change, expected: str) -> None:  # noqa: ANN001
    with pytest.raises(GuideError) as caught:
        load_guide(_broken(tmp_path, change))
    assert caught.value.message.startswith(f"{GUIDE_FILE}: ") and expected in caught.value.message


def test_unreadable_guide_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / GUIDE_FILE
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GuideError, match="is not valid JSON"):
        load_guide(bad)
    with pytest.raises(GuideError, match="cannot be read"):
        load_guide(tmp_path / "missing.json")


def test_since_last_time_is_guided_but_not_on_the_common_agenda(tmp_path: Path) -> None:
    guide = default_guide()
    assert guide.step("since").minutes >= 5
    assert "since" not in [a.step for a in guide.agenda(dt.date(2026, 3, 2))]
    assert guide.total_minutes == sum(s.minutes for s in guide.steps) + guide.pause.minutes
    # A guide file written before follow-ups had their own step still loads.
    older = load_guide(_broken(tmp_path, lambda data: data.pop("follow_up_steps")))
    assert older.follow_up_steps == () and tuple(s.id for s in older.steps) == STEP_IDS
    with pytest.raises(GuideError, match="follow_up_steps"):
        load_guide(_broken(tmp_path, lambda data: data["follow_up_steps"][0].update(id="sincee")))


def test_a_follow_up_agenda_opens_on_last_times_commitments_after_prepare() -> None:
    guide = default_guide()
    plain = guide.agenda(dt.date(2026, 3, 2), dt.time(9, 0))
    follow = guide.agenda(dt.date(2026, 3, 2), dt.time(9, 0), follow_up=True)
    steps = [a.step for a in follow if a.step]
    assert steps[:3] == ["prepare", "since", "score"]
    since = guide.step("since").minutes
    assert follow[-1].end - plain[-1].end == dt.timedelta(minutes=since)
    assert guide.session_minutes(follow_up=True) == guide.total_minutes + since
