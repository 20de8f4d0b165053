"""Checks of single values shared by services, the CSV import and the workshop file."""

from __future__ import annotations

import datetime as dt

from workshop.errors import InputError
from workshop.i18n import N_

FUNCTION_ALIASES = {
    "sales": "sales",
    "verkoop": "sales",
    "marketing": "marketing",
    "leadership": "leadership",
    "directie": "leadership",
    "management": "leadership",
    "other": "other",
    "overig": "other",
    "anders": "other",
}
LANGUAGES = ("nl", "en")
PAPERS = ("a4", "letter")
MAX_MIN_GROUP = 50


def parse_function(value: str) -> str:
    key = value.strip().lower()
    if key not in FUNCTION_ALIASES:
        raise InputError(
            N_("unknown function {value!r}; use sales, marketing, leadership or other (verkoop, marketing, "
               "directie, overig)"), value=value
        )
    return FUNCTION_ALIASES[key]


def parse_date(value: str | dt.date, what: str = "date") -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(N_("{what} {value!r} is not a date in the form YYYY-MM-DD"), what=what, value=value) from None


def parse_language(value: str) -> str:
    lang = value.strip().lower()
    if lang not in LANGUAGES:
        raise InputError(N_("language {value!r} must be nl or en"), value=value)
    return lang


def parse_paper(value: str) -> str:
    paper = value.strip().lower()
    if paper not in PAPERS:
        raise InputError(N_("paper {value!r} must be a4 or letter"), value=value)
    return paper


def parse_min_group(value: int | str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(N_("minimum group size {value!r} is not a whole number"), value=value) from None
    if not 1 <= number <= MAX_MIN_GROUP:
        raise InputError(N_("minimum group size must be between 1 and {MAX_MIN_GROUP}, not {number}"),
                         MAX_MIN_GROUP=MAX_MIN_GROUP, number=number)
    return number


def parse_score(value: object) -> int:
    """A whole number 1–5; rejects 3.5, "3", True and anything else."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InputError(N_("score {value!r} must be a whole number from 1 to 5"), value=value)
    return value


def require_text(value: str, what: str, max_length: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise InputError(N_("{what} is empty"), what=what)
    if len(text) > max_length:
        raise InputError(N_("{what} is longer than {max_length} characters"), what=what, max_length=max_length)
    return text


def parse_start_time(value: str | dt.time) -> str:
    """A start time as "HH:MM" (24-hour clock); "9:30" and "09.30" are accepted too."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = str(value).strip().replace(".", ":")
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and 0 <= int(hours) <= 23
            and 0 <= int(minutes) <= 59):
        raise InputError(N_("the start time {value!r} must be a time of day such as 09:30"), value=value)
    return f"{int(hours):02d}:{minutes}"
