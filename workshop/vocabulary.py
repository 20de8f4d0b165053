"""The app's words for its fixed values, and its one way to write a date, in each language.

Screens, reports, the command line and the phone page take their labels from here, so a
function, a stage or a status reads the same everywhere. Keys are the stored values; labels
are English gettext ids (``N_``), translated where they are shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from workshop.i18n import LANGUAGES, N_, translator
from workshop.instrument import default_instrument

__all__ = [
    "CLIENT_SIZES", "COMMITMENT_STATUSES", "COMMITMENT_STATUS_LABELS", "FUNCTIONS", "FUNCTION_LABELS", "FUNNEL_OWNERS",
    "FUNNEL_OWNER_LABELS", "LANGUAGES", "LANGUAGE_NAMES", "MONTHS", "PAPERS", "PAPER_LABELS", "PRACTICE_GROUP_LABELS",
    "PRACTICE_STATUSES", "PRACTICE_STATUS_LABELS", "format_date", "label", "stage_name",
]

FUNCTIONS = ("sales", "marketing", "leadership", "other")
FUNCTION_LABELS: Mapping[str, str] = {
    "sales": N_("Sales"), "marketing": N_("Marketing"), "leadership": N_("Leadership"), "other": N_("Other"),
}
FUNNEL_OWNERS = ("marketing", "sales", "shared")
FUNNEL_OWNER_LABELS: Mapping[str, str] = {"marketing": N_("Marketing"), "sales": N_("Sales"), "shared": N_("Shared")}
PRACTICE_STATUSES = ("in_place", "partly", "not_yet", "not_relevant")
PRACTICE_STATUS_LABELS: Mapping[str, str] = {
    "in_place": N_("In place"), "partly": N_("Partly"), "not_yet": N_("Not yet"), "not_relevant": N_("Not relevant"),
}
PRACTICE_GROUP_LABELS: Mapping[str, str] = {
    "activities": N_("Integrate activities (easiest)"),
    "processes": N_("Integrate processes and systems (harder)"),
    "structure": N_("Change the structure (harder still)"),
    "culture": N_("Integrate the culture (hardest)"),
}
COMMITMENT_STATUSES = ("open", "done", "dropped")
COMMITMENT_STATUS_LABELS: Mapping[str, str] = {"open": N_("Open"), "done": N_("Done"), "dropped": N_("Dropped")}

# Each language's name in itself: a Dutch speaker looks for "Nederlands" in an English interface.
LANGUAGE_NAMES: Mapping[str, str] = {"nl": "Nederlands", "en": "English"}
PAPERS = ("a4", "letter")
PAPER_LABELS: Mapping[str, str] = {"a4": N_("A4"), "letter": N_("Letter (US)")}
CLIENT_SIZES = ("1-49", "50-249", "250-999", "1000+")  # employees

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)
DASH = "\u2013"


def label(table: Mapping[str, str], key: str | None, lang: str) -> str:
    """The label of ``key`` in ``table`` in ``lang``; a dash for no value or an unknown one."""
    if key is None or key not in table:
        return DASH
    return translator(lang)(table[key])


def format_date(value: dt.date | None, lang: str) -> str:
    """The app's one way to write a date: "29 November 2026" in English, "29 november 2026" in Dutch."""
    if value is None:
        return DASH
    month = translator(lang)(MONTHS[value.month - 1])
    if lang == "nl":
        month = month.lower()
    return f"{value.day} {month} {value.year}"


def stage_name(stage_id: str | None, lang: str) -> str:
    """A stage's name in ``lang`` from the instrument; a dash when there is no stage."""
    if not stage_id:
        return DASH
    return default_instrument().stage(stage_id).name(lang)
