"""Stores checked interval rows all-or-nothing and reconciles each meter-day with the daily
reading billing uses. Billing's numbers are never changed here:
- a day already billed is accepted only when its 48 import values sum to the billed daily
  reading (to the Wh); otherwise the line is refused;
- an unbilled day with no daily reading gets one made from the sum (so billing and the
  curve agree); an unbilled day whose daily reading differs is stored and REPORTED in
  `differences`, the daily reading left as it is (staff decide which source is right).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Bill, Contract, DailyReading, IntervalDay, SolarInstallation
from server.services.intervals.codec import pack, wh_text
from server.services.intervals.csv_import import IntervalRow
from server.services.usage.readings_import import ReadingsRejected
from server.services.usage.readings_store import _meters

CHUNK = 2000  # meter-days per round of checks and writes
MAX_ERRORS = 50
MAX_DIFFERENCES_LISTED = 100


@dataclass
class IntervalResult:
    meter_days: int = 0
    export_days: int = 0
    daily_created: int = 0
    daily_matched: int = 0
    differences_count: int = 0
    differences: list[dict] = field(default_factory=list)
    meters_created: int = 0


@dataclass(slots=True)
class _Day:
    first: IntervalRow
    imp: IntervalRow | None = None
    exp: IntervalRow | None = None


async def store_intervals(
    session: AsyncSession, rows: Iterable[IntervalRow], errors: list[str]
) -> IntervalResult:
    """Checks and writes every row in the caller's transaction; raises ReadingsRejected (the
    caller rolls back) when anything is wrong. The partitions the days need must exist
    (partitions.ensure_months, committed before)."""
    result, days, chunk = IntervalResult(), {}, {}
    for row in rows:
        key = (row.code, row.day)
        day = days.get(key)
        if day is None:
            day = days[key] = chunk[key] = _Day(row)
        if getattr(day, row.channel[:3]) is not None:
            errors.append(f"{row.where}: {row.code} {row.day} {row.channel} appears twice")
        setattr(day, row.channel[:3], row)
        if len(chunk) >= CHUNK:
            await _store_chunk(session, list(chunk.values()), errors, result)
            chunk = {}
        if len(errors) >= MAX_ERRORS:
            break
    if chunk and len(errors) < MAX_ERRORS:
        await _store_chunk(session, list(chunk.values()), errors, result)
    if errors:
        raise ReadingsRejected(errors[:MAX_ERRORS])
    return result


async def _store_chunk(session, chunk: list[_Day], errors: list[str], result) -> None:
    codes = sorted({d.first.code for d in chunk})
    contracts = dict(
        (
            await session.execute(
                select(Contract.customer_code, Contract.meter_type).where(
                    Contract.customer_code.in_(codes)
                )
            )
        ).all()
    )
    solar = set(
        (
            await session.scalars(
                select(SolarInstallation.customer_code).where(
                    SolarInstallation.customer_code.in_(codes)
                )
            )
        ).all()
    )
    billed = dict(
        (
            await session.execute(
                select(Bill.customer_code, func.max(Bill.period_end))
                .where(Bill.customer_code.in_(codes))
                .group_by(Bill.customer_code)
            )
        ).all()
    )
    good = [d for d in chunk if _check(d, contracts, solar, errors)]
    meters = await _meters(session, [d.first for d in good], contracts, result)
    daily = await _daily_of(session, [(meters[d.first.code], d.first.day) for d in good])
    rows, new_daily = [], []
    for d in good:
        code, day, meter = d.first.code, d.first.day, meters[d.first.code]
        total = sum(d.imp.values)
        have = daily.get((meter, day))
        if code in billed and day <= billed[code]:
            if have != total:
                errors.append(
                    f"{d.imp.where}: {code} {day} is already billed with "
                    f"{'no reading' if have is None else wh_text(have) + ' kWh'}; these "
                    f"intervals sum to {wh_text(total)} kWh (billed days are not changed)"
                )
                continue
        if have is None:
            new_daily.append({"meter_id": meter, "day": day, "wh": total, "estimated": False})
        elif have == total:
            result.daily_matched += 1
        else:
            _difference(result, code, day, have, total)
        exp = d.exp.values if d.exp is not None else None
        rows.append(
            {
                "meter_id": meter,
                "day": day,
                "import_wh": pack(d.imp.values),
                "import_total_wh": total,
                "export_wh": pack(exp) if exp is not None else None,
                "export_total_wh": sum(exp) if exp is not None else None,
            }
        )
    if errors:
        return  # keep checking the rest, write nothing
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    if rows:
        stmt = insert(IntervalDay)
        cols = ("import_wh", "import_total_wh", "export_wh", "export_total_wh")
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["meter_id", "day"],
                set_={c: getattr(stmt.excluded, c) for c in cols},
            ),
            rows,
        )
        result.meter_days += len(rows)
        result.export_days += sum(1 for r in rows if r["export_wh"] is not None)
    if new_daily:
        await session.execute(insert(DailyReading).on_conflict_do_nothing(), new_daily)
        result.daily_created += len(new_daily)


def _check(d: _Day, contracts, solar, errors: list[str]) -> bool:
    code, where = d.first.code, d.first.where
    kind = contracts.get(code)
    if kind is None:
        errors.append(f"{where}: customer code {code} does not exist")
    elif kind != "ami":
        errors.append(f"{where}: {code} has a manual meter: it records no half-hours")
    elif d.imp is None:
        errors.append(f"{where}: {code} {d.first.day} has export but no import line")
    elif d.exp is not None and code not in solar:
        errors.append(f"{d.exp.where}: {code} has no solar installation: its meter exports nothing")
    else:
        return True
    return False


async def _daily_of(session, keys: list[tuple[int, date]]) -> dict[tuple[int, date], int]:
    if not keys:
        return {}
    found: dict[tuple[int, date], int] = {}
    for i in range(0, len(keys), 500):
        part = keys[i : i + 500]
        cond = tuple_(DailyReading.meter_id, DailyReading.day).in_(part)
        rows = await session.execute(
            select(DailyReading.meter_id, DailyReading.day, DailyReading.wh).where(cond)
        )
        found.update({(m, d): wh for m, d, wh in rows})
    return found


def _difference(result: IntervalResult, code: str, day: date, daily: int, total: int) -> None:
    result.differences_count += 1
    if len(result.differences) < MAX_DIFFERENCES_LISTED:
        result.differences.append(
            {
                "customer_code": code,
                "date": day.isoformat(),
                "daily_kwh": wh_text(daily),
                "intervals_kwh": wh_text(total),
            }
        )
