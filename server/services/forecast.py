"""Forecast of the current billing period: AMI meters scale the average day so far to the
whole period; manual meters (or no reading yet) use the same month last year, else the
average day of the last three bills. Priced by the same tariff engine as real bills."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.usage import Forecast
from domain.tariff import compute_bill
from domain.tariff_lines import half_up, to_kwh
from server.models import Bill, Contract, DailyReading, Meter
from server.problems import AppError
from server.services.periods import add_months, current_period, load_schedule, local_today


async def compute_forecast(
    session: AsyncSession, contract: Contract, today: date | None = None
) -> Forecast:
    today = today or local_today()
    area = contract.area_code
    schedule = await load_schedule(
        session, add_months(today.replace(day=1), -1), add_months(today.replace(day=1), 1), area
    )
    month, start, end = current_period(schedule, area, today)
    days_total = (end - start).days + 1
    so_far_wh, as_of, days_read = None, None, 0
    if contract.meter_type == "ami":
        row = (
            await session.execute(
                select(func.sum(DailyReading.wh), func.count(), func.max(DailyReading.day))
                .join(Meter, Meter.id == DailyReading.meter_id)
                .where(
                    Meter.customer_code == contract.customer_code,
                    DailyReading.day.between(start, min(end, today)),
                )
            )
        ).one()
        if row[1]:
            so_far_wh, days_read, as_of = int(row[0]), int(row[1]), row[2]
    if days_read:
        projected_wh = half_up(so_far_wh * days_total, days_read)
        basis = "daily_readings"
    else:
        projected_wh = await _from_history(session, contract.customer_code, month, days_total)
        basis = "history"
    estimate = compute_bill(to_kwh(projected_wh, 3), start, end, contract.households)
    return Forecast(
        period_start=start,
        period_end=end,
        as_of=as_of,
        days_elapsed=max(0, (min(today, end) - start).days + 1),
        days_total=days_total,
        kwh_so_far=to_kwh(so_far_wh, 3) if so_far_wh is not None else None,
        projected_kwh=estimate.kwh,
        projected_total=estimate.total,
        basis=basis,
        estimate=estimate,
    )


async def _from_history(session: AsyncSession, code: str, month: date, days_total: int) -> int:
    rows = (
        await session.execute(
            select(Bill.period_month, Bill.period_start, Bill.period_end, Bill.wh)
            .where(Bill.customer_code == code, Bill.period_month < month)
            .order_by(Bill.period_month.desc())
            .limit(13)
        )
    ).all()
    same = [r for r in rows if r.period_month == add_months(month, -12)]
    basis = same or rows[:3]
    if not basis:
        raise AppError(
            409,
            "no_usage_history",
            "There are no readings or bills yet to forecast this period from.",
        )
    days = sum((r.period_end - r.period_start).days + 1 for r in basis)
    return half_up(sum(r.wh for r in basis) * days_total, days)
