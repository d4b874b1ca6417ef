"""A tenant's share of a household bill (issue 18, "Tenants' share"; pure, no I/O).

Rules:
- A room's kWh for a bill period is its sub-meter reading for that period when the owner
  recorded one (method `sub_meter`). Otherwise (method `split_by_residents`) the bill's kWh
  left after the sub-metered rooms is split over the rooms without a reading in proportion
  to resident-days: residents × days present within the period (move-in and move-out days
  count as present). Rounded half up to 0.001 kWh; never below zero.
- The legal amount is the household (bậc thang) tariff of domain/tariff.py on the room's kWh
  with the tier widths × households, where four residents count as one household:
  households = ceil(residents / 4). A room present only part of the period gets the tier
  widths of the days present (compute_bill's `norm_days`, as for a final bill).
- The average price is the legal total (with VAT) / kWh, in VND per kWh rounded half up to
  whole VND; None for 0 kWh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from domain.models.billing import Breakdown
from domain.tariff import compute_bill
from domain.tariff_data import MAX_HOUSEHOLDS
from domain.tariff_lines import half_up, to_kwh, to_units

RESIDENTS_PER_HOUSEHOLD = 4
MAX_RESIDENTS = 50
_MILLI = 1000

Method = Literal["sub_meter", "split_by_residents"]


@dataclass(frozen=True, slots=True)
class Room:
    """A declared room: `key` tells rooms apart; `sub_meter_kwh` is the reading for THIS
    period, or None when there is none."""

    key: int
    residents: int
    moved_in: date
    moved_out: date | None
    sub_meter_kwh: Decimal | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.residents <= MAX_RESIDENTS:
            raise ValueError(f"residents must be from 1 to {MAX_RESIDENTS}")
        if self.moved_out is not None and self.moved_out < self.moved_in:
            raise ValueError("moved_out is before moved_in")


@dataclass(frozen=True, slots=True)
class RoomShare:
    kwh: Decimal
    method: Method
    days_present: int
    period_days: int
    households: int
    breakdown: Breakdown
    average_vnd_per_kwh: int | None

    @property
    def amount(self) -> int:
        return self.breakdown.total


def households_for(residents: int) -> int:
    """Four residents count as one household: 1–4 → 1, 5–8 → 2, 9 → 3."""
    return min(MAX_HOUSEHOLDS, -(-residents // RESIDENTS_PER_HOUSEHOLD))


def days_present(room: Room, start: date, end: date) -> tuple[date, date] | None:
    """The part of the inclusive period the room was lived in, or None."""
    first = max(start, room.moved_in)
    last = end if room.moved_out is None else min(end, room.moved_out)
    return (first, last) if first <= last else None


def _milli(kwh: Decimal | int) -> int:
    units, decimals = to_units(kwh)
    return units if decimals == 3 else units * _MILLI  # to_units: (kWh, 0) or (Wh, 3)


def room_kwh(
    room: Room, rooms: Sequence[Room], bill_kwh: Decimal | int, start: date, end: date
) -> tuple[Decimal, Method] | None:
    """The room's kWh for the period and how it was found; None when it was empty then.
    `rooms` are all the rooms of the code (the room itself among them)."""
    if days_present(room, start, end) is None:
        return None
    if room.sub_meter_kwh is not None:
        return to_kwh(_milli(room.sub_meter_kwh), 3), "sub_meter"
    present = [r for r in rooms if days_present(r, start, end) is not None]
    metered = sum(_milli(r.sub_meter_kwh) for r in present if r.sub_meter_kwh is not None)
    rest = max(0, _milli(bill_kwh) - metered)

    def weight(r: Room) -> int:
        span = days_present(r, start, end)
        assert span is not None
        return r.residents * ((span[1] - span[0]).days + 1)

    total = sum(weight(r) for r in present if r.sub_meter_kwh is None)
    return to_kwh(half_up(rest * weight(room), total), 3), "split_by_residents"


def room_share(
    room: Room, rooms: Sequence[Room], bill_kwh: Decimal | int, start: date, end: date
) -> RoomShare | None:
    """The room's kWh and its amount at the legal household tariff for the bill period
    start..end (inclusive); None when nobody lived in the room during it."""
    found = room_kwh(room, rooms, bill_kwh, start, end)
    span = days_present(room, start, end)
    if found is None or span is None:
        return None
    kwh, method = found
    period_days = (end - start).days + 1
    households = households_for(room.residents)
    breakdown = compute_bill(kwh, span[0], span[1], households, norm_days=period_days)
    units = _milli(kwh)
    average = half_up(breakdown.total * _MILLI, units) if units else None
    return RoomShare(
        kwh=kwh,
        method=method,
        days_present=(span[1] - span[0]).days + 1,
        period_days=period_days,
        households=households,
        breakdown=breakdown,
        average_vnd_per_kwh=average,
    )
