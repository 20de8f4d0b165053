"""Words and numbers in the report's language: translations, decimals, dates, labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workshop.i18n import N_, translator
from workshop.instrument import Instrument, default_instrument

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)
FUNCTION_NAMES = {
    "sales": N_("Sales"), "marketing": N_("Marketing"), "leadership": N_("Leadership"), "other": N_("Other"),
}
FUNNEL_OWNER_NAMES = {"marketing": N_("Marketing"), "sales": N_("Sales"), "shared": N_("Shared")}
PRACTICE_STATUS_NAMES = {
    "in_place": N_("In place"), "partly": N_("Partly"), "not_yet": N_("Not yet"),
    "not_relevant": N_("Not relevant"),
}
COMMITMENT_STATUS_NAMES = {"open": N_("Open"), "done": N_("Done"), "dropped": N_("Dropped")}
OVERDUE = N_("Overdue")
LATE = N_("Late")
OVERDUE_MARK = "\u26a0"  # ⚠: a mark and a word, never colour alone
DONE_MARK = "\u2713"  # ✓
PRACTICE_GROUP_NAMES = {
    "activities": N_("Integrate activities (easiest)"),
    "processes": N_("Integrate processes and systems (harder)"),
    "culture": N_("Integrate the culture (hardest)"),
}
DASH = "\u2013"


class Fmt:
    """Everything language-bound a report needs, for one language."""

    def __init__(self, lang: str, instrument: Instrument | None = None) -> None:
        self.lang = lang
        self._: Callable[[str], str] = translator(lang)
        self.instrument = instrument or default_instrument()

    def number(self, value: float | None, digits: int = 1) -> str:
        if value is None:
            return DASH
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang == "nl" else text

    def signed(self, value: float | None, digits: int = 1) -> str:
        if value is None:
            return DASH
        if round(value, digits) == 0:
            return self.number(0.0, digits)
        text = f"{value:+.{digits}f}".replace("-", "\u2212")
        return text.replace(".", ",") if self.lang == "nl" else text

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return DASH
        month = self._(MONTHS[value.month - 1])
        if self.lang == "nl":
            month = month.lower()
        return f"{value.day} {month} {value.year}"

    def stage(self, stage_id: str | None) -> str:
        return self.instrument.stage(stage_id).name(self.lang) if stage_id else DASH

    def function(self, function: str | None) -> str:
        return self._(FUNCTION_NAMES[function]) if function in FUNCTION_NAMES else DASH

    def owner(self, owner: str | None) -> str:
        return self._(FUNNEL_OWNER_NAMES[owner]) if owner in FUNNEL_OWNER_NAMES else DASH

    def practice_status(self, status: str | None) -> str:
        return self._(PRACTICE_STATUS_NAMES[status]) if status in PRACTICE_STATUS_NAMES else DASH

    def commitment_state(self, status: str | None, due: dt.date | None, as_of: dt.date,
                         late_word: bool = False) -> str:
        """The status as printed: an open commitment past its due date reads "⚠ Overdue" (or "Late")."""
        if status == "open" and due is not None and due < as_of:
            return f"<b>{OVERDUE_MARK} {self._(LATE if late_word else OVERDUE)}</b>"
        if status == "done":
            return f"{DONE_MARK} {self._(COMMITMENT_STATUS_NAMES['done'])}"
        return self.commitment_status(status)

    def commitment_status(self, status: str | None) -> str:
        return self._(COMMITMENT_STATUS_NAMES[status]) if status in COMMITMENT_STATUS_NAMES else DASH
