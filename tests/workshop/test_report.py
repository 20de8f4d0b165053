"""Printed results: real PDFs, read back as text with poppler (pdftotext, pdfinfo, pdffonts)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.demo import create_demo
from workshop.instrument import default_instrument
from workshop.participants import add_participant, set_answers
from workshop.report import ReportCancelled, make_report
from workshop.results_json import results_json
from workshop.storage.db import open_database
from workshop.storage.models import Commitment
from workshop.workshops import create_workshop

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
QIDS = default_instrument().statement_ids


def pdftext(path: Path, *, raw: bool = True) -> str:
    """The PDF's text; raw order keeps each table cell's words together."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pages(path: Path) -> list[str]:
    return [flat(p) for p in pdftext(path).split("\f") if p.strip()]


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def standalone(value: int | str, text: str) -> bool:
    """Whether a whole number occurs on its own (not inside 2026, 64.6 or 1,5)."""
    return re.search(rf"(?<![\d.,]){value}(?![\d.,])", text) is not None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> dict:
    """The demo workshop in both languages, with each kind of PDF made once."""
    folder = tmp_path_factory.mktemp("reports")
    made: dict = {"folder": folder}
    for lang in ("en", "nl"):
        path = folder / f"demo-{lang}.db"
        shutil.copy(template_db, path)
        db = open_database(path)
        wid = create_demo(db, lang=lang, today=dt.date(2025, 3, 14))
        made[lang] = {"db": db, "id": wid, "json": results_json(db, wid)}
        for kind in ("facilitator", "handouts", "questionnaires"):
            made[lang][kind] = make_report(db, wid, kind, folder / f"{kind}-{lang}.pdf", personal=True)
    yield made
    for lang in ("en", "nl"):
        made[lang]["db"].close()


@pytest.fixture
def small_groups(db) -> tuple[object, int, dict[str, int]]:  # noqa: ANN001
    """Sales 4 and Marketing 4 (shown), Leadership 2 (hidden): every total is distinct."""
    w = create_workshop(db, "Acme Ltd", "Kick-off", "2025-02-03", language="en", min_group_size=3,
                        next_review="2025-06-01")
    totals: dict[str, int] = {}
    plan = [("Sara Sales", "sales", 3), ("Sam Sales", "sales", 2), ("Sid Sales", "sales", 4), ("Sue Sales", "sales", 3),
            ("Mia Mark", "marketing", 4), ("Max Mark", "marketing", 3), ("Meg Mark", "marketing", 2),
            ("Mo Mark", "marketing", 3), ("Lea Lead", "leadership", 5), ("Leo Lead", "leadership", 5)]
    for i, (name, function, base) in enumerate(plan):
        person, _ = add_participant(db, w.id, name, function)
        answers = {q: base for q in QIDS}
        for q in QIDS[: i + 1]:  # make every total different
            answers[q] = base - 1 if base > 1 else base + 1
        set_answers(db, person.id, answers, "paper")
        totals[name] = sum(answers.values())
    with db.session() as session:
        session.add(Commitment(workshop_id=w.id, what="Weekly pipeline call & shared lead list", owner="Sara Sales",
                               function="sales", due_date=dt.date(2025, 4, 1), position=1))
    return db, w.id, totals


# -- facilitator report -----------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_facilitator_report_matches_results_json(demo: dict, lang: str) -> None:
    data = demo[lang]["json"]
    text = flat(pdftext(demo[lang]["facilitator"]))
    instrument = default_instrument()
    assert instrument.stage(data["stage"]).name(lang) in text
    assert number(data["total"]["mean"], lang) in text
    for summary in data["by_function"].values():
        if summary is not None:
            assert number(summary["mean"], lang) in text
    for statement in data["statements"]:
        assert flat(instrument.statement(statement["id"]).text(lang)) in text
        assert number(statement["mean"], lang, 2) in text
    heading = {"en": "Summary", "nl": "Samenvatting"}[lang]
    assert heading in text
    assert {"en": "About the method", "nl": "Over de methode"}[lang] in text


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_facilitator_report_has_every_section_and_commitment(demo: dict, lang: str) -> None:
    text = flat(pdftext(demo[lang]["facilitator"]))
    db, wid = demo[lang]["db"], demo[lang]["id"]
    with db.session() as session:
        commitments = [c.what for c in session.query(Commitment).filter_by(workshop_id=wid)]
    assert len(commitments) >= 3
    for what in commitments:
        assert flat(what) in text
    expected = {
        "en": ["Participants by function", "Sales and Marketing side by side", "Decision and target",
               "All statements", "Practice review", "The buying funnel", "Commitments", "The privacy rule",
               "Harvard Business Review"],
        "nl": ["Deelnemers per functie", "Sales en Marketing naast elkaar", "Besluit en doel", "Alle stellingen",
               "Werkwijzen doorgelopen", "De koopfunnel", "Afspraken", "De privacyregel", "Harvard Business Review"],
    }[lang]
    for heading in expected:
        assert heading in text, heading


def test_long_tables_split_with_repeated_header(small_groups, tmp_path: Path) -> None:  # noqa: ANN001
    db, wid, _ = small_groups
    with db.session() as session:
        for i in range(2, 60):
            session.add(Commitment(workshop_id=wid, what=f"Action number {i:02d} for the joint plan", owner="Mo Mark",
                                   function="marketing", due_date=dt.date(2025, 5, 1), position=i))
    found = pages(make_report(db, wid, "facilitator", tmp_path / "long.pdf"))
    holding = [p for p in found if "Action number" in p]
    assert len(holding) >= 2
    assert all("What we will do" in p and "Owner" in p for p in holding)
    assert all(f"Action number {i:02d}" in " ".join(holding) for i in range(2, 60))


def test_hidden_group_is_absent_from_every_pdf(small_groups, tmp_path: Path) -> None:  # noqa: ANN001
    db, wid, totals = small_groups
    data = results_json(db, wid)
    assert data["by_function"]["leadership"] is None
    hidden_mean = (totals["Lea Lead"] + totals["Leo Lead"]) / 2
    for kind in ("facilitator", "handouts", "questionnaires"):
        out = make_report(db, wid, kind, tmp_path / f"{kind}.pdf", personal=kind == "handouts")
        text = flat(pdftext(out))
        assert number(hidden_mean, "en") not in text, kind
        assert not re.search(r"Leadership\s*n\s*=", text), kind  # no chart row for them
        if kind == "facilitator":
            assert number(data["by_function"]["sales"]["mean"], "en") in text
            assert "Leadership hidden: fewer than 3 people." in text  # named, with no figures, and why


def test_personal_handouts_show_own_score_only(small_groups, tmp_path: Path) -> None:  # noqa: ANN001
    db, wid, totals = small_groups
    out = make_report(db, wid, "handouts", tmp_path / "handouts.pdf", personal=True)
    found = pages(out)
    assert len(found) == len(totals)  # one page each here
    for page, (name, own) in zip(found, totals.items(), strict=True):
        assert name in page
        assert standalone(own, page), name
        for other, total in totals.items():
            if other != name and total != own:
                assert not standalone(total, page), (name, other)
    plain = pages(make_report(db, wid, "handouts", tmp_path / "plain.pdf"))
    for page, own in zip(plain, totals.values(), strict=True):
        assert not standalone(own, page)


def test_one_handout_per_participant(demo: dict) -> None:
    for lang in ("en", "nl"):
        people = demo[lang]["json"]["participants"]
        text = pages(demo[lang]["handouts"])
        label = {"en": "Page 1 of", "nl": "Pagina 1 van"}[lang]
        assert sum(1 for p in text if label in p) == people
        assert all(len(p) > 200 for p in text)
        review = {"en": "Next review", "nl": "Volgende terugblik"}[lang]
        assert all(review in p for p in text if label in p)


def test_handouts_name_commitments_owners_and_dates(small_groups, tmp_path: Path) -> None:  # noqa: ANN001
    db, wid, _ = small_groups
    text = flat(pdftext(make_report(db, wid, "handouts", tmp_path / "h.pdf")))
    assert "Weekly pipeline call & shared lead list" in text
    assert "1 April 2025" in text and "1 June 2025" in text  # due date, next review


# -- questionnaires ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_questionnaires_follow_the_statement_order(demo: dict, lang: str) -> None:
    text = pages(demo[lang]["questionnaires"])
    instrument = default_instrument()
    assert len(text) == demo[lang]["json"]["participants"]
    for page in text:
        positions = [page.find(flat(s.text(lang))) for s in instrument.statements]
        assert all(p >= 0 for p in positions)
        assert positions == sorted(positions)
        assert instrument.scale[0].label(lang) in page


def test_questionnaires_carry_name_or_code_and_blank_forms(small_groups, tmp_path: Path) -> None:  # noqa: ANN001
    db, wid, totals = small_groups
    add_participant(db, wid, None, "other")
    out = make_report(db, wid, "questionnaires", tmp_path / "q.pdf", blank=2, lang="nl")
    found = pages(out)
    assert len(found) == len(totals) + 1 + 2
    for page, name in zip(found, totals, strict=False):
        assert name in page
    assert "(anoniem)" in found[len(totals)] and "11" in found[len(totals)]  # its code
    assert "Naam" in found[-1] and "Verkoop" not in found[-1]
    assert "Marketing" in found[-1]  # the function boxes to tick


# -- print quality ----------------------------------------------------------------------
def test_page_size_metadata_and_embedded_fonts(demo: dict, tmp_path: Path) -> None:
    info = pdfinfo(demo["en"]["facilitator"])
    assert "A4" in info["Page size"]
    assert info["Title"].startswith("Client report")
    assert info["Author"] and info["Subject"]
    letter = make_report(demo["en"]["db"], demo["en"]["id"], "questionnaires", tmp_path / "l.pdf", paper="letter")
    assert "letter" in pdfinfo(letter)["Page size"]
    for kind in ("facilitator", "handouts", "questionnaires"):
        fonts = subprocess.run(["pdffonts", str(demo["nl"][kind])], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts, kind
        for line in fonts:
            assert "TrueType" in line and " yes yes " in line, line  # embedded subset, no base-14 fonts


def test_running_header_and_page_numbers(demo: dict) -> None:
    found = pages(demo["en"]["facilitator"])
    client = demo["en"]["json"]["workshop"]["client"]
    assert all(f"Page {i} of {len(found)}" in page for i, page in enumerate(found, start=1))
    assert all(client in page and "14 March 2025" in page for page in found[1:])


def test_shared_chart_is_stored_once(demo: dict) -> None:
    # The stage gauge and the blocks every handout shares are stored once, not once per participant.
    raw = demo["en"]["handouts"].read_bytes()
    assert demo["en"]["json"]["participants"] > 10
    assert 1 <= raw.count(b"/Subtype /Form") <= 3


def test_chart_text_is_vector_text(demo: dict) -> None:
    # The gauge's stage labels are real text in the PDF, not pixels.
    text = flat(pdftext(demo["en"]["handouts"]))
    assert text.count("Integrated") >= demo["en"]["json"]["participants"]


# -- the command line, progress and cancelling ------------------------------------------
def test_cli_writes_a_report(demo: dict, capsys: pytest.CaptureFixture[str]) -> None:
    folder = demo["folder"]
    db_path = folder / "demo-en.db"
    out = folder / "cli.pdf"
    assert main(["--db", str(db_path), "report", str(demo["en"]["id"]), "--out", str(out), "--kind", "facilitator",
                 "--lang", "nl", "--paper", "letter"]) == 0
    assert "written to" in capsys.readouterr().out
    assert "Samenvatting" in pdftext(out)
    assert main(["--db", str(db_path), "report", str(demo["en"]["id"]), "--out", str(folder / "no" / "x.pdf"),
                 "--kind", "handouts"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_progress_and_cancel(small_groups, tmp_path: Path) -> None:  # noqa: ANN001
    db, wid, _ = small_groups
    seen: list[float] = []
    make_report(db, wid, "facilitator", tmp_path / "r.pdf", progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ReportCancelled):
        make_report(db, wid, "handouts", tmp_path / "c.pdf", cancel=cancel)
    assert not (tmp_path / "c.pdf").exists()
    assert not list(tmp_path.glob(".*.part"))


def test_empty_workshop_still_prints(db, tmp_path: Path) -> None:  # noqa: ANN001
    w = create_workshop(db, "Empty BV", "Nog niets", "2025-01-01", language="nl")
    text = flat(pdftext(make_report(db, w.id, "facilitator", tmp_path / "e.pdf")))
    assert "Er zijn nog geen deelnemers aan deze workshop toegevoegd" in text
    assert len(pages(tmp_path / "e.pdf")) <= 4  # short: no pages of empty charts
    assert len(pages(make_report(db, w.id, "questionnaires", tmp_path / "q.pdf"))) == 1
    assert len(pages(make_report(db, w.id, "handouts", tmp_path / "h.pdf"))) == 1


def test_bad_options_are_input_errors(db, tmp_path: Path) -> None:  # noqa: ANN001
    from workshop.errors import InputError

    w = create_workshop(db, "X", "Y", "2025-01-01")
    for kwargs in ({"kind": "poster"}, {"kind": "handouts", "paper": "a3"}, {"kind": "handouts", "lang": "de"}):
        with pytest.raises(InputError):
            make_report(db, w.id, out=tmp_path / "x.pdf", **{"paper": None, **kwargs})
