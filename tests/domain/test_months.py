"""domain/months.py: the month arithmetic the server's billing periods and the client's screens
share."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.months import (
    add_months,
    days_of,
    month_end,
    month_label,
    month_start,
    months_between,
    parse_month,
)

MONTHS = st.dates(date(1990, 1, 1), date(2100, 12, 31)).map(month_start)


@given(MONTHS, st.integers(-600, 600))
def test_adding_months_goes_back_and_counts(month: date, n: int) -> None:
    moved = add_months(month, n)
    assert moved.day == 1 and add_months(moved, -n) == month
    assert months_between(min(month, moved), max(month, moved)) == abs(n) + 1


@given(MONTHS)
def test_a_label_reads_back(month: date) -> None:
    assert parse_month(month_label(month)) == month


def test_month_ends_and_days_on_a_leap_year() -> None:
    assert month_end(date(2028, 2, 1)) == date(2028, 2, 29)
    assert month_end(date(2027, 2, 1)) == date(2027, 2, 28)
    assert len(days_of(date(2028, 2, 1))) == 29
    assert days_of(date(2028, 2, 1), until=date(2028, 2, 10))[-1] == date(2028, 2, 10)
    assert len(days_of(date(2028, 2, 1), until=date(2028, 3, 5))) == 29  # until is later


@pytest.mark.parametrize("text", ["2025-13", "2025-6", "25-06", "", "2025-06-01", "tháng 6"])
def test_a_month_not_written_yyyy_mm_is_refused_readably(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_month(text)
