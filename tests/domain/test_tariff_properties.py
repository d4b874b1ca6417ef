"""Hypothesis properties of compute_bill: sums, monotonicity, households, any table shape."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.tariff import compute_bill, table_on, vat_rate_on
from domain.tariff_data import TariffTable

FIRST, LAST = date(2023, 5, 4), date(2028, 12, 31)

whole_kwh = st.integers(min_value=0, max_value=5000).map(Decimal)
fraction_kwh = st.integers(min_value=0, max_value=5_000_000).map(lambda wh: Decimal(wh) / 1000)
any_kwh = st.one_of(whole_kwh, fraction_kwh)
households = st.integers(min_value=1, max_value=20)


@st.composite
def periods(draw: st.DrawFn) -> tuple[date, date]:
    start = draw(st.dates(min_value=FIRST, max_value=LAST))
    return start, start + timedelta(days=draw(st.integers(min_value=0, max_value=61)))


@st.composite
def tables(draw: st.DrawFn) -> TariffTable:
    """Any number of tiers with any widths and prices: the engine must not assume six."""
    bounded = draw(st.lists(st.integers(min_value=1, max_value=500), max_size=8))
    prices = draw(st.lists(st.integers(1, 10_000), min_size=len(bounded) + 1, max_size=9))
    widths = [*bounded, None]
    return TariffTable(
        date(2024, 1, 1), "ANY", tuple(zip(widths, prices[: len(widths)], strict=True))
    )


def half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def straight_multiplication(kwh: Decimal, table: TariffTable, day: date) -> tuple[int, int]:
    """Subtotal and total the way a person reads the published table."""
    subtotal, remaining = 0, kwh
    for width, price in table.tiers:
        used = remaining if width is None else min(remaining, Decimal(width))
        subtotal += half_up(used * price)
        remaining -= used
    return subtotal, subtotal + half_up(subtotal * vat_rate_on(day))


# Near neighbours too: whole and fractional readings must agree at the seams.
steps = st.sampled_from(["0.001", "0.5", "0.999", "1", "1.001", "7.25"]).map(Decimal)


@given(any_kwh, st.one_of(any_kwh, steps), periods(), households)
def test_total_is_monotone_in_kwh(kwh: Decimal, more: Decimal, period, homes: int) -> None:
    low = compute_bill(kwh, *period, homes)
    high = compute_bill(kwh + more, *period, homes)
    assert low.total <= high.total
    assert low.subtotal <= high.subtotal


@given(any_kwh, periods(), households)
def test_parts_and_lines_add_up(kwh: Decimal, period: tuple[date, date], homes: int) -> None:
    bill = compute_bill(kwh, *period, homes)
    assert sum(p.kwh for p in bill.parts) == bill.kwh == kwh
    assert sum(p.days for p in bill.parts) == (period[1] - period[0]).days + 1
    assert all(p.kwh >= 0 and p.days >= 1 for p in bill.parts)
    for part in bill.parts:
        assert sum(line.kwh for line in part.tiers) == part.kwh
        assert all(line.kwh > 0 for line in part.tiers)
        assert [line.tier for line in part.tiers] == sorted({line.tier for line in part.tiers})
    assert bill.subtotal == sum(line.amount for p in bill.parts for line in p.tiers)
    assert bill.vat == half_up(bill.subtotal * bill.vat_rate)
    assert bill.total == bill.subtotal + bill.vat
    assert [p.valid_from for p in bill.parts] == sorted(p.valid_from for p in bill.parts)


@given(any_kwh, periods())
def test_single_part_equals_straight_multiplication(kwh: Decimal, period) -> None:
    start, end = period
    table = table_on(start)
    if table_on(end) != table:
        return
    bill = compute_bill(kwh, start, end)
    assert (bill.subtotal, bill.total) == straight_multiplication(kwh, table, end)


@given(any_kwh, tables(), st.dates(min_value=date(2024, 1, 1), max_value=LAST))
def test_tables_of_any_shape_match_straight_multiplication(kwh, table, day) -> None:
    bill = compute_bill(kwh, day, day, tables=(table,))
    assert (bill.subtotal, bill.total) == straight_multiplication(kwh, table, day)


@given(whole_kwh, periods(), households)
def test_households_multiply_widths(kwh: Decimal, period, homes: int) -> None:
    start, end = period
    if table_on(start) != table_on(end):
        return
    widths = dict(enumerate((w for w, _ in table_on(start).tiers), start=1))
    bill = compute_bill(kwh * homes, start, end, homes)
    for line in bill.parts[0].tiers:
        assert line.width_kwh == (None if widths[line.tier] is None else widths[line.tier] * homes)
    assert bill.subtotal == homes * compute_bill(kwh, start, end).subtotal


@given(any_kwh, periods(), households)
def test_prorated_widths_follow_the_days(kwh: Decimal, period, homes: int) -> None:
    bill = compute_bill(kwh, *period, homes)
    days = (period[1] - period[0]).days + 1
    for part in bill.parts:
        table = table_on(part.valid_from)
        for line in part.tiers:
            width = table.tiers[line.tier - 1][0]
            expected = None if width is None else half_up(Decimal(width * homes * part.days) / days)
            assert line.width_kwh == expected
