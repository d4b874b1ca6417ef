"""Worked examples of DOMAIN.md and hand-computed edge cases of the household tariff."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.tariff import compute_bill

D = Decimal
JUNE = (date(2025, 6, 1), date(2025, 6, 30))


def tier_kwh(part) -> list[Decimal]:
    return [line.kwh for line in part.tiers]


def test_worked_example_150_kwh_june_2025() -> None:
    bill = compute_bill(D(150), *JUNE)
    assert (bill.subtotal, bill.vat, bill.total) == (320_700, 25_656, 346_356)
    assert bill.vat_rate == D("0.08")
    [part] = bill.parts
    assert (part.valid_from, part.decision, part.days) == (date(2025, 5, 10), "1279/QĐ-BCT", 30)
    assert [(t.tier, t.width_kwh, t.kwh, t.price, t.amount) for t in part.tiers] == [
        (1, 50, 50, 1984, 99_200),
        (2, 50, 50, 2050, 102_500),
        (3, 100, 50, 2380, 119_000),
    ]


def test_worked_example_200_kwh_may_2025_split_at_price_change() -> None:
    bill = compute_bill(D(200), date(2025, 5, 1), date(2025, 5, 31))
    old, new = bill.parts
    assert (old.decision, old.days, old.kwh) == ("2699/QĐ-BCT", 9, 58)
    assert [t.width_kwh for t in old.tiers] == [15, 15, 29]
    assert tier_kwh(old) == [15, 15, 28]
    assert sum(t.amount for t in old.tiers) == 121_323
    assert (new.decision, new.days, new.kwh) == ("1279/QĐ-BCT", 22, 142)
    assert [t.width_kwh for t in new.tiers] == [35, 35, 71, 71]
    assert tier_kwh(new) == [35, 35, 71, 1]
    assert sum(t.amount for t in new.tiers) == 313_168
    assert (bill.subtotal, bill.vat, bill.total) == (434_491, 34_759, 469_250)


def test_zero_kwh_is_a_zero_bill_with_no_tier_lines() -> None:
    bill = compute_bill(D(0), *JUNE)
    assert (bill.kwh, bill.subtotal, bill.vat, bill.total) == (0, 0, 0, 0)
    assert bill.parts[0].tiers == ()


@pytest.mark.parametrize(
    ("kwh", "subtotal", "last_line"),
    [
        (50, 99_200, (1, 50, 50)),
        (51, 99_200 + 2050, (2, 50, 1)),
        (100, 201_700, (2, 50, 50)),
        (200, 439_700, (3, 100, 100)),
        (300, 739_500, (4, 100, 100)),
        (400, 1_074_500, (5, 100, 100)),
        (401, 1_077_960, (6, None, 1)),
    ],
)
def test_exactly_on_and_just_past_tier_boundaries(
    kwh: int, subtotal: int, last_line: tuple[int, int | None, int]
) -> None:
    bill = compute_bill(D(kwh), *JUNE)
    assert bill.subtotal == subtotal
    last = bill.parts[0].tiers[-1]
    assert (last.tier, last.width_kwh, last.kwh) == last_line


def test_open_ended_last_tier_has_no_width() -> None:
    last = compute_bill(D(1000), *JUNE).parts[0].tiers[-1]
    assert (last.tier, last.width_kwh, last.kwh, last.amount) == (6, None, 600, 600 * 3460)


def test_one_day_period_uses_full_widths() -> None:
    bill = compute_bill(D(60), date(2025, 6, 15), date(2025, 6, 15))
    [part] = bill.parts
    assert part.days == 1
    assert [(t.width_kwh, t.kwh) for t in part.tiers] == [(50, 50), (50, 10)]
    assert bill.subtotal == 50 * 1984 + 10 * 2050


def test_one_day_period_on_the_change_date_is_all_new_price() -> None:
    bill = compute_bill(D(10), date(2025, 5, 10), date(2025, 5, 10))
    assert [p.decision for p in bill.parts] == ["1279/QĐ-BCT"]
    assert bill.subtotal == 19_840


def test_two_day_period_across_the_change_splits_in_halves() -> None:
    bill = compute_bill(D(100), date(2025, 5, 9), date(2025, 5, 10))
    old, new = bill.parts
    assert (old.days, old.kwh, new.days, new.kwh) == (1, 50, 1, 50)
    assert [t.width_kwh for t in old.tiers] == [25, 25]
    assert bill.subtotal == (25 * 1893 + 25 * 1956) + (25 * 1984 + 25 * 2050) == 197_075
    assert (bill.vat, bill.total) == (15_766, 212_841)


def test_two_households_double_every_width() -> None:
    bill = compute_bill(D(150), *JUNE, households=2)
    assert [(t.width_kwh, t.kwh) for t in bill.parts[0].tiers] == [(100, 100), (100, 50)]
    assert bill.subtotal == 100 * 1984 + 50 * 2050


def test_fractional_kwh_amounts_round_half_up_per_tier() -> None:
    bill = compute_bill(D("50.25"), *JUNE)
    assert [(t.kwh, t.amount) for t in bill.parts[0].tiers] == [(50, 99_200), (D("0.25"), 513)]
    assert (bill.kwh, bill.subtotal, bill.vat, bill.total) == (D("50.25"), 99_713, 7_977, 107_690)


def test_trailing_zeros_do_not_change_the_bill() -> None:
    assert compute_bill(D("200.000"), date(2025, 5, 1), date(2025, 5, 31)).total == 469_250
    assert compute_bill(200, date(2025, 5, 1), date(2025, 5, 31)).total == 469_250


def test_fractional_kwh_across_a_change_keeps_whole_kwh_proration() -> None:
    # 150 → old 44 (43.55), 151 → old 44 (43.84): the 151st kWh is new, so the 0.5 is too.
    bill = compute_bill(D("150.5"), date(2025, 5, 1), date(2025, 5, 31))
    assert [p.kwh for p in bill.parts] == [44, D("106.5")]
    # 53 → old 15 (15.39), 54 → old 16 (15.68): the 54th kWh is old, so the 0.5 is too.
    bill = compute_bill(D("53.5"), date(2025, 5, 1), date(2025, 5, 31))
    assert [p.kwh for p in bill.parts] == [D("15.5"), 38]


def test_a_fraction_more_never_costs_less_across_a_change() -> None:
    # Rounding 1.001 × 1/28 to Wh would move 0.036 kWh to the cheaper old price.
    period = (date(2023, 11, 8), date(2023, 12, 5))
    totals = [compute_bill(D(k), *period).total for k in ("0.999", "1", "1.001", "1.999", "2")]
    assert totals == sorted(totals)
