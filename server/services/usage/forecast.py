"""Forecast of the current billing period: AMI meters scale the average day so far to the
whole period; manual meters (or no reading yet) use the same month last year, else the
average day of the last three bills. Priced by the same tariff engine as real bills. Runs on
the read path (server/reads.py); the reminder sweep passes its session as SessionReads."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, func, select

from domain.models.usage import Forecast
from domain.tariff import compute_bill
from domain.tariff_lines import half_up, to_kwh
from server.models import Bill, DailyReading, Meter, ReadingSchedule
from server.problems import AppError
from server.reads import Query, Reads
from server.services.billing.periods import add_months, current_period, local_today
from server.services.usage.consumption import ContractLike

_SCHEDULE = Query(
    select(ReadingSchedule.area_code, ReadingSchedule.month, ReadingSchedule.read_on).where(
        ReadingSchedule.area_code == bindparam("area"),
        ReadingSchedule.month.between(bindparam("first"), bindparam("last")),
    )
)
_SO_FAR = Query(
    select(
        func.sum(DailyReading.wh).label("wh"),
        func.count().label("days"),
        func.max(DailyReading.day).label("as_of"),
    )
    .join(Meter, Meter.id == DailyReading.meter_id)
    .where(
        Meter.customer_code == bindparam("code"),
        DailyReading.day.between(bindparam("first"), bindparam("last")),
    )
)
_HISTORY = Query(
    select(Bill.period_month, Bill.period_start, Bill.period_end, Bill.wh)
    .where(Bill.customer_code == bindparam("code"), Bill.period_month < bindparam("month"))
    .order_by(Bill.period_month.desc())
    .limit(13)
)


async def compute_forecast(
    reads: Reads, contract: ContractLike, today: date | None = None
) -> Forecast:
    today = today or local_today()
    area, this = contract.area_code, today.replace(day=1)
    rows = await reads.all(
        _SCHEDULE, area=area, first=add_months(this, -1), last=add_months(this, 1)
    )
    schedule = {(r["area_code"], r["month"]): r["read_on"] for r in rows}
    month, start, end = current_period(schedule, area, today)
    days_total = (end - start).days + 1
    so_far_wh, as_of, days_read = None, None, 0
    if contract.meter_type == "ami":
        code = contract.customer_code
        row = await reads.first(_SO_FAR, code=code, first=start, last=min(end, today))
        if row is not None and row["days"]:
            so_far_wh, days_read, as_of = int(row["wh"]), int(row["days"]), row["as_of"]
    if so_far_wh is not None and days_read:
        projected_wh = half_up(so_far_wh * days_total, days_read)
        basis = "daily_readings"
    else:
        projected_wh = await _from_history(reads, contract.customer_code, month, days_total)
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


async def _from_history(reads: Reads, code: str, month: date, days_total: int) -> int:
    rows = await reads.all(_HISTORY, code=code, month=month)
    same = [r for r in rows if r["period_month"] == add_months(month, -12)]
    basis = same or rows[:3]
    if not basis:
        raise AppError(
            409,
            "no_usage_history",
            "There are no readings or bills yet to forecast this period from.",
        )
    days = sum((r["period_end"] - r["period_start"]).days + 1 for r in basis)
    return half_up(sum(r["wh"] for r in basis) * days_total, days)
