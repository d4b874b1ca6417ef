"""A day's curve for the API and the screen: 48 half-hours of import (and export for solar
customers) with net, the peak half-hour, the night/day split, and the previous day and the
same weekday a week earlier to compare with. Energy leaves as kWh decimal strings."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import IntervalDay, Meter, SolarInstallation
from server.services.intervals.codec import SLOTS, slot_label, unpack, wh_text

# Night = 22:00–06:00 (slots 44…47 and 0…11); EVN's off-peak hours (giờ thấp điểm) are
# 22:00–04:00, but a household reads "night" as the whole time it is dark and asleep.
NIGHT = frozenset([*range(44, 48), *range(12)])


def _signed(wh: int) -> str:
    return ("-" if wh < 0 else "") + wh_text(abs(wh))


async def meter_of(session: AsyncSession, code: str) -> int | None:
    return await session.scalar(select(Meter.id).where(Meter.customer_code == code))


async def has_solar(session: AsyncSession, code: str) -> bool:
    return (await session.get(SolarInstallation, code)) is not None


async def days_of(session: AsyncSession, meter: int | None, days: list[date]) -> dict:
    if meter is None:
        return {}
    rows = await session.scalars(
        select(IntervalDay).where(IntervalDay.meter_id == meter, IntervalDay.day.in_(days))
    )
    return {r.day: r for r in rows}


def _compare(row: IntervalDay | None, day: date) -> dict:
    if row is None:
        return {"date": day.isoformat(), "available": False, "import_kwh": [], "total_kwh": None}
    return {
        "date": day.isoformat(),
        "available": True,
        "import_kwh": [wh_text(v) for v in unpack(row.import_wh)],
        "total_kwh": wh_text(row.import_total_wh),
    }


async def day_curve(session: AsyncSession, code: str, day: date) -> dict:
    meter = await meter_of(session, code)
    previous, last_week = day - timedelta(days=1), day - timedelta(days=7)
    rows = await days_of(session, meter, [day, previous, last_week])
    solar = await has_solar(session, code)
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
