"""Words and numbers in the report's language: translations, decimals, dates, labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workshop.i18n import N_, translator
from workshop.instrument import Instrument, default_instrument
from workshop.vocabulary import (
    COMMITMENT_STATUS_LABELS,
    DASH,
    FUNCTION_LABELS,
    FUNNEL_OWNER_LABELS,
    PRACTICE_STATUS_LABELS,
    format_date,
    label,
)

OVERDUE = N_("Overdue")
LATE = N_("Late")
OVERDUE_MARK = "\u26a0"  # ⚠: a mark and a word, never colour alone
DONE_MARK = "\u2713"  # ✓


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
        return format_date(value, self.lang)

    def stage(self, stage_id: str | None) -> str:
        return self.instrument.stage(stage_id).name(self.lang) if stage_id else DASH

    def function(self, function: str | None) -> str:
        return label(FUNCTION_LABELS, function, self.lang)

    def owner(self, owner: str | None) -> str:
        return label(FUNNEL_OWNER_LABELS, owner, self.lang)

    def practice_status(self, status: str | None) -> str:
        return label(PRACTICE_STATUS_LABELS, status, self.lang)

    def commitment_state(self, status: str | None, due: dt.date | None, as_of: dt.date,
                         late_word: bool = False) -> str:
        """The status as printed: an open commitment past its due date reads "⚠ Overdue" (or "Late")."""
        if status == "open" and due is not None and due < as_of:
            return f"<b>{OVERDUE_MARK} {self._(LATE if late_word else OVERDUE)}</b>"
        if status == "done":
            return f"{DONE_MARK} {self.commitment_status('done')}"
        return self.commitment_status(status)

    def commitment_status(self, status: str | None) -> str:
        return label(COMMITMENT_STATUS_LABELS, status, self.lang)
