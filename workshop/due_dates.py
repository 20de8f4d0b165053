"""Due dates as people type them, and the few a group usually picks.

Typed live in a workshop, a due date comes in whatever form the facilitator is used to:
``2027-02-15``, ``15-2-2027``, ``15/2/27``, ``15.2.2027``, ``15 feb 2027``, ``15 februari``
or ``Feb 15, 2027``. Day-first is the rule for numbers (as in the Netherlands and the UK),
except the ISO form that starts with the year. A date without a year is the next one to
come. Anything else is refused with a message that says what would do, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from workshop.errors import InputError
from workshop.i18n import N_, _

MONTHS = {  # English and Dutch names and their usual abbreviations
    "jan": 1, "january": 1, "januari": 1, "feb": 2, "february": 2, "februari": 2, "mar": 3, "march": 3,
    "mrt": 3, "maart": 3, "apr": 4, "april": 4, "may": 5, "mei": 5, "jun": 6, "june": 6, "juni": 6,
    "jul": 7, "july": 7, "juli": 7, "aug": 8, "august": 8, "augustus": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "okt": 10, "oktober": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
QUICK_PICKS = (("two_weeks", N_("In two weeks")), ("one_month", N_("In a month")),
               ("quarter_end", N_("End of the quarter")))


def parse_due_date(text: str, today: dt.date) -> dt.date | None:
    """The date in ``text``; None for an empty text (no due date). Raises InputError otherwise."""
    cleaned = text.strip().lower().replace(",", " ")
    if not cleaned:
        return None
    parts = _parts(cleaned)
    if parts is None:
        raise InputError(_("\u201c{text}\u201d is not a date. Type it as 15-2-2027, 15 feb 2027 or 2027-02-15.")
                         .format(text=text.strip()))
    year, month, day = parts
    if year is not None and year < 100:
        year += 2000
    try:
        if year is None:
            candidate = dt.date(today.year, month, day)
            return candidate if candidate >= today else dt.date(today.year + 1, month, day)
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(_("\u201c{text}\u201d is not a day of the calendar.").format(text=text.strip())) from None


def _parts(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from the forms in the module's docstring."""
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3])
    numeric = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?", text)
    if numeric:
        return (int(numeric[3]) if numeric[3] else None), int(numeric[2]), int(numeric[1])
    words = text.replace(".", " ").split()
    day_first = re.fullmatch(r"(\d{1,2}) ([a-z]+)(?: (\d{2}|\d{4}))?", " ".join(words))
    if day_first and day_first[2] in MONTHS:
        return (int(day_first[3]) if day_first[3] else None), MONTHS[day_first[2]], int(day_first[1])
    month_first = re.fullmatch(r"([a-z]+) (\d{1,2})(?: (\d{2}|\d{4}))?", " ".join(words))
    if month_first and month_first[1] in MONTHS:
        return (int(month_first[3]) if month_first[3] else None), MONTHS[month_first[1]], int(month_first[2])
    return None


def quick_pick(key: str, today: dt.date) -> dt.date:
    """The date behind a quick pick: in two weeks, in a month, the end of this quarter."""
    if key == "two_weeks":
        return today + dt.timedelta(days=14)
    if key == "one_month":
        return add_months(today, 1)
    if key == "quarter_end":
        month = (today.month - 1) // 3 * 3 + 3
        return dt.date(today.year, month, calendar.monthrange(today.year, month)[1])
    raise ValueError(key)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
