"""One Dutch term per concept (resources/glossary.json), and wording no client should see.

Every Dutch text a user can meet is gathered: the interface and report catalogues, the
instrument, the facilitator's guide, the demo and the phone page. None may use a variant
the glossary rejects, and wherever the English source names a concept, the Dutch carries
the glossary's term.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workshop.i18n import read_po

ROOT = Path(__file__).resolve().parents[2]
RES = ROOT / "resources"
GLOSSARY = json.loads((RES / "glossary.json").read_text(encoding="utf-8"))


def _texts(node, lang: str) -> list[str]:  # noqa: ANN001
    """Every string under a key ``lang`` of a bilingual JSON document."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                found.append(value)
            else:
                found += _texts(value, lang)
    elif isinstance(node, list):
        for item in node:
            found += _texts(item, lang)
    return found


def phone_strings(lang: str) -> dict[str, str]:
    script = (RES / "phone" / "app.js").read_text(encoding="utf-8")
    block = script[script.index("STRINGS = {"):]
    part = block[block.index(f"{lang}: {{"):]
    part = part[: part.index("\n    }")] if lang == "en" else part[: part.index("\n  };")]
    return dict(re.findall(r'([a-z_0-9]+):\s*"((?:[^"\\]|\\.)*)"', part))


def catalogue_entries() -> list[tuple[str, str, str]]:
    """(file, msgid, msgstr) of every Dutch catalogue entry."""
    return [(p.name, k, v) for p in sorted((RES / "locale" / "nl").glob("*.po")) for k, v in read_po(p).items()]


def all_texts(lang: str) -> list[tuple[str, str]]:
    """(where, text) of everything a user may read in ``lang``."""
    out: list[tuple[str, str]] = []
    for name, msgid, msgstr in catalogue_entries():
        out.append((name, msgstr if lang == "nl" else msgid))
    for path in (RES / "instruments").glob("*.json"):
        out += [(path.name, t) for t in _texts(json.loads(path.read_text(encoding="utf-8")), lang)]
    for path in (RES / "guide").glob("*.json"):
        out += [(path.name, t) for t in _texts(json.loads(path.read_text(encoding="utf-8")), lang)]
    out += [("demo.json", t) for t in _texts(json.loads((RES / "demo" / "demo.json").read_text("utf-8")), lang)]
    out += [(f"app.js:{k}", v) for k, v in phone_strings(lang).items()]
    return out


def test_glossary_is_well_formed() -> None:
    ids = [term["id"] for term in GLOSSARY["terms"]]
    assert len(ids) == len(set(ids)) and len(ids) >= 10
    for term in GLOSSARY["terms"]:
        assert term["concept"].strip() and term["nl"].strip(), term["id"]
        re.compile(term["en"])
        for pattern in term["avoid_nl"]:
            re.compile(pattern)


@pytest.mark.parametrize("term", GLOSSARY["terms"], ids=lambda t: t["id"])
def test_dutch_never_uses_a_rejected_variant(term: dict) -> None:
    texts = all_texts("nl")
    assert len(texts) > 500  # the gathering itself works
    wrong = [f"{where}: {pattern!r} in {text!r}"
             for pattern in term["avoid_nl"] for where, text in texts if re.search(pattern, text, re.IGNORECASE)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("term", GLOSSARY["terms"], ids=lambda t: t["id"])
def test_dutch_uses_the_glossary_term_where_english_names_the_concept(term: dict) -> None:
    pattern = re.compile(term["en"])
    matched = [(name, msgid, msgstr) for name, msgid, msgstr in catalogue_entries()
               if pattern.search(msgid.replace("&", ""))]
    assert matched, f"{term['id']}: its English pattern matches no string; the glossary is out of date"
    wrong = [f"{name}: {msgid!r} → {msgstr!r}" for name, msgid, msgstr in matched
             if term["nl"].lower() not in msgstr.replace("&", "").lower()]
    assert not wrong, f"Dutch should say {term['nl']!r}:\n" + "\n".join(wrong)


def test_function_names_are_the_same_on_phone_screen_and_paper() -> None:
    nl = {k: v for _name, k, v in catalogue_entries()}
    phone = phone_strings("nl")
    for key, english in (("fn_sales", "Sales"), ("fn_marketing", "Marketing"), ("fn_leadership", "Leadership"),
                         ("fn_other", "Other")):
        assert phone[key] == nl[english], (key, phone[key], nl[english])


def test_aligned_is_afgestemd_in_the_instrument() -> None:
    from workshop.instrument import default_instrument

    assert default_instrument().stage("aligned").name("nl") == "Afgestemd"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_uitgelijnd_and_no_this_app_anywhere_a_client_reads(lang: str) -> None:
    banned = re.compile(r"uitgelijnd|\bthis app\b|\bthe app's\b|\bdeze app\b|\bthis application\b", re.IGNORECASE)
    wrong = [f"{where}: {text!r}" for where, text in all_texts(lang) if banned.search(text)]
    assert not wrong, "\n".join(wrong)


INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
FORMAL = re.compile(r"\b(u|uw|uzelf)\b")


def test_the_facilitator_is_u_and_participants_are_je() -> None:
    participants = set(GLOSSARY["address"]["participant_texts"])
    entries = catalogue_entries()
    known = {msgid for _name, msgid, _msgstr in entries}
    assert participants <= known, participants - known  # the list follows the catalogues
    informal = [f"{name}: {msgid!r} → {msgstr!r}" for name, msgid, msgstr in entries
                if msgid not in participants and INFORMAL.search(msgstr)]
    assert not informal, "the facilitator is addressed with 'u':\n" + "\n".join(informal)
    formal = [f"{msgid!r} → {msgstr!r}" for _name, msgid, msgstr in entries
              if msgid in participants and FORMAL.search(msgstr)]
    assert not formal, "participants are addressed with 'je':\n" + "\n".join(formal)
    phone = [f"{k}: {v!r}" for k, v in phone_strings("nl").items() if FORMAL.search(v)]
    assert not phone, "the phone page speaks to participants with 'je':\n" + "\n".join(phone)


def test_the_guide_speaks_u_to_the_facilitator_and_je_to_the_room() -> None:
    from workshop.guide import default_guide

    guide = default_guide()
    for step in guide.steps:
        for text in (step.purpose, step.look_for):
            assert not INFORMAL.search(text.nl), (step.id, text.nl)
        assert not FORMAL.search(step.script.nl), (step.id, step.script.nl)  # said to the room
    room = [q.nl for qs in guide.questions.values() for q in qs] + [p.nl for p in guide.handoff_prompts]
    assert not [t for t in room if FORMAL.search(t)]
