"""A day's curve for the API and the screen: 48 half-hours of import (and export for solar
customers) with net, the peak half-hour, the night/day split, and the previous day and the
same weekday a week earlier to compare with. Energy leaves as kWh decimal strings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, or_, select

from server.models import IntervalDay, Meter, SolarInstallation
from server.reads import Query, Reads
from server.services.intervals.codec import SLOTS, slot_label, unpack, wh_text

# Night = 22:00–06:00 (slots 44…47 and 0…11); EVN's off-peak hours (giờ thấp điểm) are
# 22:00–04:00, but a household reads "night" as the whole time it is dark and asleep.
NIGHT = frozenset([*range(44, 48), *range(12)])


class StoredDay(NamedTuple):
    """One stored meter-day as the curve and the exports read it (by column name)."""

    day: date
    import_wh: bytes
    export_wh: bytes | None
    import_total_wh: int


_COLUMNS = (
    IntervalDay.day,
    IntervalDay.import_wh,
    IntervalDay.export_wh,
    IntervalDay.import_total_wh,
)
_METER = Query(select(Meter.id).where(Meter.customer_code == bindparam("code")))
_SOLAR = Query(
    select(SolarInstallation.customer_code).where(
        SolarInstallation.customer_code == bindparam("code")
    )
)
# The day, the day before and a week before: three equalities, so PostgreSQL reads only the
# partitions of those months (the read path runs fixed SQL: no expanding IN lists).
_THREE_DAYS = Query(
    select(*_COLUMNS).where(
        IntervalDay.meter_id == bindparam("meter"),
        or_(
            IntervalDay.day == bindparam("d0"),
            IntervalDay.day == bindparam("d1"),
            IntervalDay.day == bindparam("d2"),
        ),
    )
)
_RANGE = Query(
    select(*_COLUMNS)
    .where(
        IntervalDay.meter_id == bindparam("meter"),
        IntervalDay.day.between(bindparam("first"), bindparam("last")),
    )
    .order_by(IntervalDay.day)
)


def _stored(row) -> StoredDay:
    return StoredDay(row["day"], row["import_wh"], row["export_wh"], row["import_total_wh"])


def _signed(wh: int) -> str:
    return ("-" if wh < 0 else "") + wh_text(abs(wh))


async def meter_of(reads: Reads, code: str) -> int | None:
    row = await reads.first(_METER, code=code)
    return None if row is None else int(row["id"])


async def has_solar(reads: Reads, code: str) -> bool:
    return await reads.first(_SOLAR, code=code) is not None


async def days_of(reads: Reads, meter: int | None, days: list[date]) -> dict[date, StoredDay]:
    if meter is None:
        return {}
    d0, d1, d2 = days
    rows = await reads.all(_THREE_DAYS, meter=meter, d0=d0, d1=d1, d2=d2)
    return {r.day: r for r in map(_stored, rows)}


async def stored_days(reads: Reads, meter: int, first: date, last: date) -> list[StoredDay]:
    """The stored days of first..last, oldest first."""
    return [_stored(r) for r in await reads.all(_RANGE, meter=meter, first=first, last=last)]


def _compare(row: StoredDay | None, day: date) -> dict:
    if row is None:
        return {"date": day.isoformat(), "available": False, "import_kwh": [], "total_kwh": None}
    return {
        "date": day.isoformat(),
        "available": True,
        "import_kwh": [wh_text(v) for v in unpack(row.import_wh)],
        "total_kwh": wh_text(row.import_total_wh),
    }


async def day_curve(reads: Reads, code: str, day: date) -> dict:
    meter = await meter_of(reads, code)
    previous, last_week = day - timedelta(days=1), day - timedelta(days=7)
    rows = await days_of(reads, meter, [day, previous, last_week])
    solar = await has_solar(reads, code)
    out: dict = {
        "customer_code": code,
        "date": day.isoformat(),
        "has_export": solar,
        "available": day in rows,
        "previous_day": _compare(rows.get(previous), previous),
        "same_weekday_last_week": _compare(rows.get(last_week), last_week),
    }
    row = rows.get(day)
    if row is None:
        return out | {"slots": [], "totals": None, "peak": None, "night_kwh": None, "day_kwh": None}
    imp = unpack(row.import_wh)
    exp = unpack(row.export_wh) if row.export_wh is not None else (0,) * SLOTS
    slots = [
        {
            "start": slot_label(s),
            "import_kwh": wh_text(imp[s]),
            "export_kwh": wh_text(exp[s]) if solar else None,
            "net_kwh": _signed(imp[s] - exp[s]),
        }
        for s in range(SLOTS)
    ]
    peak = max(range(SLOTS), key=lambda s: (imp[s], -s))  # the earliest of equal peaks
    night = sum(imp[s] for s in NIGHT)
    return out | {
        "slots": slots,
        "totals": {
            "import_kwh": wh_text(sum(imp)),
            "export_kwh": wh_text(sum(exp)) if solar else None,
            "net_kwh": _signed(sum(imp) - sum(exp)),
        },
        "peak": {"start": slot_label(peak), "import_kwh": wh_text(imp[peak])},
        "night_kwh": wh_text(night),
        "day_kwh": wh_text(sum(imp) - night),
    }
