"""A tenant's share at the legal household tariff, against sums written out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.tenant_share import Room, households_for, room_kwh, room_share

JUNE = (date(2025, 6, 1), date(2025, 6, 30))  # 30 days, 1279/QĐ-BCT prices, VAT 8 %
MOVED_IN = date(2025, 1, 1)


def _hand(tiers: list[tuple[int, int]]) -> tuple[int, int, int]:
    """Subtotal, VAT 8 % rounded half up and total of (kWh, price) lines."""
    subtotal = sum(kwh * price for kwh, price in tiers)
    vat = (subtotal * 8 + 50) // 100
    return subtotal, vat, subtotal + vat


# 420 kWh on a sub-meter, by hand: tier widths 50/50/100/100/100 × households.
HAND = {
    1: [(50, 1984), (50, 2050), (100, 2380), (100, 2998), (100, 3350), (20, 3460)],
    4: [(50, 1984), (50, 2050), (100, 2380), (100, 2998), (100, 3350), (20, 3460)],
    5: [(100, 1984), (100, 2050), (200, 2380), (20, 2998)],  # 2 households
    9: [(150, 1984), (150, 2050), (120, 2380)],  # 3 households
}


@pytest.mark.parametrize("residents", [1, 4, 5, 9])
def test_sub_meter_share_matches_a_hand_computation(residents):
    room = Room(1, residents, MOVED_IN, None, sub_meter_kwh=Decimal(420))
    share = room_share(room, [room], 1000, *JUNE)
    assert share is not None
    subtotal, vat, total = _hand(HAND[residents])
    assert (share.breakdown.subtotal, share.breakdown.vat, share.amount) == (subtotal, vat, total)
    assert share.kwh == 420 and share.method == "sub_meter"
    assert share.average_vnd_per_kwh == (total * 2 + 420) // (2 * 420)


def test_hand_totals_are_the_ones_expected():
    # The same sums as plain numbers, so a mistake in _hand cannot hide one in the engine.
    assert _hand(HAND[1])[2] == 1_235_196
    assert _hand(HAND[5])[2] == 1_014_509
    assert _hand(HAND[9])[2] == 961_956


def test_households_four_residents_count_as_one():
    assert [households_for(n) for n in (1, 4, 5, 8, 9, 50)] == [1, 1, 2, 2, 3, 13]


def test_split_by_resident_days_after_the_sub_metered_room():
    # 300 kWh: room C is sub-metered (50 kWh); A has 2 residents all month (60 resident-days),
    # B 1 resident from the 16th (15): the 250 kWh left go 200 / 50.
    a = Room(1, 2, MOVED_IN, None)
    b = Room(2, 1, date(2025, 6, 16), None)
    c = Room(3, 3, MOVED_IN, None, sub_meter_kwh=Decimal(50))
    rooms = [a, b, c]
    assert room_kwh(a, rooms, 300, *JUNE) == (Decimal(200), "split_by_residents")
    share = room_share(b, rooms, 300, *JUNE)
    assert share is not None and share.kwh == 50 and share.days_present == 15
    # 15 of 30 days: widths 25/25: 25 × 1984 + 25 × 2050 = 100,850; VAT 8,068.
    assert share.amount == 100_850 + 8_068
    assert share.average_vnd_per_kwh == 2178  # 108,918 / 50 = 2,178.36


def test_no_share_outside_the_stay():
    gone = Room(1, 2, MOVED_IN, date(2025, 5, 31))
    later = Room(2, 2, date(2025, 7, 1), None)
    assert room_share(gone, [gone, later], 300, *JUNE) is None
    assert room_share(later, [gone, later], 300, *JUNE) is None


def test_zero_kwh_has_no_average():
    room = Room(1, 1, MOVED_IN, None, sub_meter_kwh=Decimal(0))
    share = room_share(room, [room], 0, *JUNE)
    assert share is not None and share.amount == 0 and share.average_vnd_per_kwh is None


def test_bad_rooms_are_refused():
    with pytest.raises(ValueError):
        Room(1, 0, MOVED_IN, None)
    with pytest.raises(ValueError):
        Room(1, 51, MOVED_IN, None)
    with pytest.raises(ValueError):
        Room(1, 1, MOVED_IN, date(2024, 12, 31))


@given(
    bill=st.integers(0, 3000),
    residents=st.lists(st.integers(1, 50), min_size=1, max_size=6),
    moved_in_days=st.lists(st.integers(0, 29), min_size=6, max_size=6),
)
def test_split_shares_add_up_to_the_bill(bill, residents, moved_in_days):
    rooms = [Room(i, n, date(2025, 6, 1 + moved_in_days[i]), None) for i, n in enumerate(residents)]
    kwh = [room_kwh(r, rooms, bill, *JUNE) for r in rooms]
    total = sum(k[0] for k in kwh if k is not None)
    assert abs(total - bill) <= Decimal("0.001") * len(rooms)
    shares = [room_share(r, rooms, bill, *JUNE) for r in rooms]
    assert all(s is not None and s.amount >= 0 for s in shares)
