"""How a bill's start and end indexes were read (issue 18): a remote (AMI) daily register, a
manual reading on a date (by the reader or sent in by the customer), the meter's installation,
or an estimate and why. Read from the readings the bill run used."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.tariff_lines import to_kwh
from server.models import Bill as BillRow
from server.models import Contract, DailyReading, IndexReading, Meter
from server.services.billing.periods import add_months, month_start
from server.services.usage.consumption import ContractLike


async def provenance(session: AsyncSession, row: BillRow) -> dict:
    """{meter_type, start: {method, on, source?, reason?}, end: {...}, estimated_days,
    missing_days, days}; dates ISO text (it goes into a review's snapshot as JSON)."""
    contract = await session.get(Contract, row.customer_code)
    meter = (
        await session.execute(select(Meter).where(Meter.customer_code == row.customer_code))
    ).scalar_one_or_none()
    days = (row.period_end - row.period_start).days + 1
    out: dict = {"meter_type": contract.meter_type if contract else "manual", "days": days}
    out["start_index"], out["end_index"] = _kwh(row.start_index_wh), _kwh(row.end_index_wh)
    if meter is None:
        return out | {"start": _estimated("no_meter"), "end": _estimated("no_meter")}
    first = row.period_start <= meter.installed_on
    if out["meter_type"] == "ami":
        found = await session.scalar(
            select(func.count()).where(
                DailyReading.meter_id == meter.id,
                DailyReading.day.between(row.period_start, row.period_end),
            )
        )
        estimated_days = sorted(
            d.isoformat()
            for d in await session.scalars(
                select(DailyReading.day).where(
                    DailyReading.meter_id == meter.id,
                    DailyReading.day.between(row.period_start, row.period_end),
                    DailyReading.estimated.is_(True),
                )
            )
        )
        out["estimated_days"], out["missing_days"] = estimated_days, days - int(found or 0)
        start = {"method": "installation" if first else "ami", "on": _day(row.period_start)}
        end: dict = {"method": "ami", "on": _day(row.period_end)}
        if estimated_days:
            end = _estimated("ami_days_estimated", row.period_end) | {"count": len(estimated_days)}
        return out | {"start": start, "end": end}
    reads = {
        r.read_on: r
        for r in await session.scalars(
            select(IndexReading).where(
                IndexReading.meter_id == meter.id,
                IndexReading.read_on.between(row.period_start - timedelta(days=1), row.period_end),
            )
        )
    }
    out["estimated_days"], out["missing_days"] = [], 0
    return out | {
        "start": _manual(reads, row.period_start - timedelta(days=1), first, row.start_index_wh),
        "end": _manual(reads, row.period_end, False, row.end_index_wh),
    }


def _manual(reads: dict, day: date, first: bool, index_wh: int) -> dict:
    exact = [r for r in reads.values() if r.index_wh == index_wh]
    if exact:
        r = max(exact, key=lambda r: r.read_on)
        return {"method": "manual", "on": _day(r.read_on), "source": r.source}
    if first:
        return {"method": "installation", "on": _day(day + timedelta(days=1))}
    return {"method": "manual", "on": _day(day), "source": "reader"}


def _estimated(reason: str, on: date | None = None) -> dict:
    return {"method": "estimated", "reason": reason, "on": _day(on) if on else None}


def _day(d: date) -> str:
    return d.isoformat()


def _kwh(wh: int) -> str:
    return str(to_kwh(wh, 3))


async def months_billed_on_estimates(session: AsyncSession, contract: ContractLike) -> list[str]:
    """YYYY-MM of the code's bills (last 25 months) whose period has an estimated AMI day."""
    if contract.meter_type != "ami":
        return []
    meter_id = await session.scalar(
        select(Meter.id).where(Meter.customer_code == contract.customer_code)
    )
    if meter_id is None:
        return []
    estimated = (
        select(DailyReading.day)
        .where(
            DailyReading.meter_id == meter_id,
            DailyReading.estimated.is_(True),
            DailyReading.day.between(BillRow.period_start, BillRow.period_end),
        )
        .exists()
    )
    first = add_months(month_start(clock.today()), -25)
    rows = await session.scalars(
        select(BillRow.period_month)
        .where(
            BillRow.customer_code == contract.customer_code,
            BillRow.period_month >= first,
            estimated,
        )
        .order_by(BillRow.period_month)
    )
    return [f"{m:%Y-%m}" for m in rows]
