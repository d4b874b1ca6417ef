"""Demo half-hourly data, relative to today: the last 62 days of each remote-read demo code,
split from the daily readings billing already has (so the sums agree to the Wh), with a
rooftop-solar system on PE01000123456 (export around midday, less import then)."""

from __future__ import annotations

import math
import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Contract, DailyReading, IntervalDay, Meter, SolarInstallation
from server.services.billing.periods import local_today
from server.services.intervals import partitions
from server.services.intervals.codec import SLOTS, pack

DAYS = 62
SOLAR_CODE = "PE01000123456"
SOLAR_KWP = Decimal("3.30")


def _household(hour: float) -> float:
    """Relative draw of a HCMC household: air conditioning at night, a morning bump, the
    evening peak (cooking, lights, TV) around 19:30."""
    night_ac = 1.6 if hour >= 22 or hour < 5 else 0.0
    morning = 1.2 * math.exp(-(((hour - 6.5) / 1.0) ** 2))
    evening = 2.6 * math.exp(-(((hour - 19.5) / 1.6) ** 2))
    return 0.35 + night_ac + morning + evening


def _sun(hour: float) -> float:
    return max(0.0, math.sin(math.pi * (hour - 6.0) / 12.5)) if 6 <= hour <= 18.5 else 0.0


def split(total_wh: int, weights: list[float]) -> list[int]:
    """`total_wh` over the slots in proportion to `weights`, summing exactly to it."""
    scale = sum(weights) or 1.0
    values = [int(total_wh * w / scale) for w in weights]
    values[max(range(SLOTS), key=lambda s: weights[s])] += total_wh - sum(values)
    return values


def day_values(
    rng: random.Random, import_wh: int, solar: bool
) -> tuple[list[int], list[int] | None]:
    hours = [s / 2 + 0.25 for s in range(SLOTS)]
    load = [_household(h) * max(0.3, rng.gauss(1.0, 0.15)) for h in hours]
    if not solar:
        return split(import_wh, load), None
    clouds = max(0.2, min(1.0, rng.gauss(0.8, 0.2)))
    sun = [_sun(h) * clouds for h in hours]
    # What the roof makes first feeds the house; the grid gives the rest; the surplus leaves.
    shape = [max(0.02, load[s] - 1.6 * sun[s]) for s in range(SLOTS)]
    export_wh = int(float(SOLAR_KWP) * 1000 * 4.2 * clouds * 0.55)
    surplus = [max(0.0, 1.6 * sun[s] - load[s]) + 0.05 * sun[s] for s in range(SLOTS)]
    return split(import_wh, shape), split(export_wh, surplus)


async def seed_intervals(session: AsyncSession) -> None:
    today = local_today()
    first = today - timedelta(days=DAYS)
    await partitions.ensure_months(session, (first + timedelta(days=i) for i in range(DAYS + 1)))
    session.add(SolarInstallation(customer_code=SOLAR_CODE, kwp=SOLAR_KWP, connected_on=first))
    rows = await session.execute(
        select(Meter.customer_code, DailyReading.meter_id, DailyReading.day, DailyReading.wh)
        .join(Meter, Meter.id == DailyReading.meter_id)
        .join(Contract, Contract.customer_code == Meter.customer_code)
        .where(Contract.meter_type == "ami", DailyReading.day >= first)
        .order_by(DailyReading.meter_id, DailyReading.day)
    )
    out = []
    for code, meter, day, wh in rows:
        rng = random.Random(f"{code}{day}")  # noqa: S311 (demo data, reproducible)
        imp, exp = day_values(rng, wh, code == SOLAR_CODE)
        out.append(
            {
                "meter_id": meter,
                "day": day,
                "import_wh": pack(imp),
                "import_total_wh": sum(imp),
                "export_wh": pack(exp) if exp is not None else None,
                "export_total_wh": sum(exp) if exp is not None else None,
            }
        )
    if out:
        await session.execute(insert(IntervalDay), out)
