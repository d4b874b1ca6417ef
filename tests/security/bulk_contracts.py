"""Many manual-meter contracts ready to bill for one month, inserted in bulk (the bill run
fault test needs a run that lasts a few seconds, not a seed that does)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert

from server.models import Contract, IndexReading, Meter
from server.services.billing.periods import add_months, month_end

INSTALLED = date(2024, 1, 1)


def codes(n: int, prefix: str = "PE07") -> list[str]:
    return [f"{prefix}{i:09d}" for i in range(1, n + 1)]


async def seed_billable(ctx, month: date, n: int, prefixes: tuple[str, ...] = ("PE07", "PD07")):
    """`n` contracts per prefix, each with a manual meter read on the last day of the month
    before and of `month` (HCMC's rule when no schedule is stored): one bill each."""
    before, end = month_end(add_months(month, -1)), month_end(month)
    contracts, meters, readings = [], [], []
    meter_id = 100_000
    for prefix in prefixes:
        for i, code in enumerate(codes(n, prefix)):
            meter_id += 1
            contracts.append(
                {
                    "customer_code": code,
                    "owner_phone": f"+8493{i:07d}",
                    "name": f"Khách hàng {code}",
                    "address": "1 Đường Thử, TP. Hồ Chí Minh",
                    "area_code": "HCM-FT-01",
                    "meter_type": "manual",
                    "households": 1,
                }
            )
            meters.append(
                {
                    "id": meter_id,
                    "customer_code": code,
                    "serial": f"FT{meter_id}",
                    "installed_on": INSTALLED,
                    "base_wh": 0,
                }
            )
            start = 1_000_000 + (i % 97) * 1000
            used = (80 + i % 300) * 1000
            for day, wh in ((before, start), (end, start + used)):
                readings.append(
                    {"meter_id": meter_id, "read_on": day, "index_wh": wh, "source": "reader"}
                )
    async with ctx.sessions() as session:
        for model, rows in ((Contract, contracts), (Meter, meters), (IndexReading, readings)):
            for chunk in range(0, len(rows), 5000):
                await session.execute(insert(model), rows[chunk : chunk + 5000])
        await session.commit()
    return len(contracts)
