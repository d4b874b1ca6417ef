"""Bills across a change of the household norm are split like a price change."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from domain.tariff import compute_bill
from domain.tariff_households import compute_bill_with_norms

JUNE = (date(2025, 6, 1), date(2025, 6, 30))


def test_no_change_inside_the_period_is_the_plain_bill():
    plain = compute_bill(150, *JUNE, 2)
    assert compute_bill_with_norms(150, *JUNE, 1, [(date(2025, 5, 20), 2)]) == plain
    assert compute_bill_with_norms(150, *JUNE, 2, [(date(2025, 7, 2), 5)]) == plain


def test_a_change_on_the_16th_splits_kwh_and_widths_by_days():
    # 300 kWh in June, 1 household until the 15th, 2 from the 16th: 15 days each half.
    b = compute_bill_with_norms(300, *JUNE, 1, [(date(2025, 6, 16), 2)])
    first, second = b.parts
    assert (first.days, second.days) == (15, 15) and first.kwh == second.kwh == 150
    assert [t.width_kwh for t in first.tiers[:3]] == [25, 25, 50]  # 50 × 1 × 15/30 …
    assert [t.width_kwh for t in second.tiers[:3]] == [50, 50, 100]  # 50 × 2 × 15/30 …
    assert b.subtotal == sum(t.amount for p in b.parts for t in p.tiers)
    lower = compute_bill(300, *JUNE, 1).total
    higher = compute_bill(300, *JUNE, 2).total
    assert higher < b.total < lower


@given(
    kwh=st.integers(min_value=0, max_value=3000),
    day=st.integers(min_value=2, max_value=30),
    before=st.integers(min_value=1, max_value=6),
    after=st.integers(min_value=1, max_value=6),
)
def test_a_split_bill_lies_between_the_two_norms_up_to_rounding(kwh, day, before, after):
    """DOMAIN.md rounds each part's kWh share and tier widths half up, so a split bill may
    land a little outside [more households, fewer households]: a part's unused width does not
    pass to the other part (100 kWh, 2 households on 1 June then 1: one kWh reaches tier 3).
    The excess stays under one kWh per part at the top price with VAT."""
    b = compute_bill_with_norms(kwh, *JUNE, before, [(date(2025, 6, day), after)])
    assert b.kwh == kwh and sum(p.kwh for p in b.parts) == kwh
    low, high = sorted((before, after))
    slack = len(b.parts) * 3460 * 110 // 100
    lower_bound = compute_bill(kwh, *JUNE, high).total - slack
    assert lower_bound <= b.total <= compute_bill(kwh, *JUNE, low).total + slack
    if before == after:  # no change: no split, the plain bill to the đồng
        assert b == compute_bill(kwh, *JUNE, before)


def test_a_final_bill_with_a_norm_change_prorates_widths_by_the_regular_period():
    """Supply ends on 12 June (a final bill of 12 days in a 30-day period), households 1 until
    the 5th and 2 from the 6th: each part's widths are 50 × households × its days / 30, not
    / 12 (which would bill the short period as if it were a whole month)."""
    b = compute_bill_with_norms(
        100, date(2025, 6, 1), date(2025, 6, 12), 1, [(date(2025, 6, 6), 2)], norm_days=30
    )
    first, second = b.parts
    assert (first.days, second.days) == (5, 7)
    assert first.tiers[0].width_kwh == 8  # 50 × 1 × 5/30 = 8.3
    assert second.tiers[0].width_kwh == 23  # 50 × 2 × 7/30 = 23.3
    # with no change inside it is compute_bill's final bill to the đồng
    plain = compute_bill(100, date(2025, 6, 1), date(2025, 6, 12), 2, norm_days=30)
    same = compute_bill_with_norms(
        100, date(2025, 6, 1), date(2025, 6, 12), 2, [(date(2025, 6, 6), 2)], norm_days=30
    )
    assert same == plain
