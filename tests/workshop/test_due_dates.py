"""Due dates typed the usual ways are understood; anything else is refused with a message."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.due_dates import add_months, parse_due_date, quick_pick
from workshop.errors import InputError

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize("text", ["2027-02-15", "15-2-2027", "15/2/2027", "15.2.2027", "15-02-27", "15 feb 2027",
                                  "15 februari 2027", "15 Feb. 2027", "Feb 15, 2027", "February 15 2027",
                                  " 15-2-2027 ", "15 feb", "15-2"])
def test_the_usual_forms_give_the_same_day(text: str) -> None:
    assert parse_due_date(text, TODAY) == dt.date(2027, 2, 15)


def test_a_date_without_a_year_is_the_next_one() -> None:
    assert parse_due_date("1 dec", TODAY) == dt.date(2026, 12, 1)
    assert parse_due_date("1 nov", TODAY) == dt.date(2027, 11, 1)
    assert parse_due_date("29-11", TODAY) == TODAY


def test_empty_means_no_date() -> None:
    assert parse_due_date("  ", TODAY) is None


@pytest.mark.parametrize("text", ["tomorrow", "2027-13-01", "31-2-2027", "15 foo 2027", "2027", "15/2/202"])
def test_anything_else_is_refused_with_what_was_typed(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_due_date(text, TODAY)
    assert text in str(error.value)


def test_quick_picks() -> None:
    assert quick_pick("two_weeks", TODAY) == dt.date(2026, 12, 13)
    assert quick_pick("one_month", TODAY) == dt.date(2026, 12, 29)
    assert quick_pick("quarter_end", TODAY) == dt.date(2026, 12, 31)
    assert quick_pick("quarter_end", dt.date(2027, 2, 3)) == dt.date(2027, 3, 31)
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 29), 3) == dt.date(2027, 2, 28)
