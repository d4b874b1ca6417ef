"""Usage of one customer code: daily energy (AMI meters only), monthly energy and amounts with
the same month a year earlier, and the reading days of its area."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, cast, literal_column, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.usage import DailyUsage, MonthlyUsage, ReadingDate, ReadingSchedule
from domain.tariff_lines import to_kwh
from server.models import Bill, Contract, DailyReading, Meter
from server.models import ReadingSchedule as ReadingScheduleRow
from server.problems import AppError
from server.services.periods import (
    Schedule,
    add_months,
    load_schedule,
    local_today,
    month_end,
    month_label,
    month_start,
    period_of,
    read_day,
)

MANUAL_METER = (
    "This meter is read by hand once a month, so there is no daily usage for it. "
    "Monthly usage and bills show its readings."
)


def require_ami(contract: Contract) -> None:
    if contract.meter_type != "ami":
        raise AppError(409, "manual_meter", MANUAL_METER, title="No daily readings")


async def daily_usage(
    session: AsyncSession, contract: Contract, first: date, last: date
) -> list[DailyUsage]:
    """One entry per day that has a reading; days without one are absent, never zero."""
    require_ami(contract)
    rows = await session.execute(
        select(DailyReading.day, DailyReading.wh, DailyReading.estimated)
        .join(Meter, Meter.id == DailyReading.meter_id)
        .where(Meter.customer_code == contract.customer_code, DailyReading.day.between(first, last))
        .order_by(DailyReading.day)
    )
    return [DailyUsage(date=d, kwh=to_kwh(wh, 3), estimated=est) for d, wh, est in rows.all()]


async def monthly_usage(
    session: AsyncSession, contract: Contract, first: date, last: date
) -> list[MonthlyUsage]:
    """Billed months from the bills (kWh and amount as billed); a recent month not billed yet
    gets the AMI kWh so far. One statement (bench/RESULTS.md): the bills of the window and a
    year before, and for an AMI meter also the reading days and daily readings around the
    last two months, whether billed or not (at most ~92 index-only rows)."""
    current = month_start(local_today())
    candidates = [m for m in (add_months(current, -1), current) if first <= m <= last]
    ami = contract.meter_type == "ami" and bool(candidates)
    lo = month_start(add_months(candidates[0], -1)) if ami else None
    hi = month_end(candidates[-1]) if ami else None
    billed: dict[date, tuple[int, int]] = {}
    schedule: Schedule = {}
    days: list[tuple[date, int]] = []
    for kind, d1, d2, v1, v2 in (
        await session.execute(_monthly_statement(contract, first, last, candidates, lo, hi))
    ).all():
        if kind == "b":
            billed[d1] = (v1, v2)
        elif kind == "s":
            schedule[(contract.area_code, d1)] = d2
        else:
            days.append((d1, v1))
    recent = [m for m in candidates if m not in billed] if ami else []
    unbilled = {}
    if recent:
        periods = {m: period_of(schedule, contract.area_code, m) for m in recent}
        if periods[recent[0]][0] >= lo and periods[recent[-1]][1] <= hi:
            unbilled = _sums(periods, days)
        else:  # a reading day outside its month: read the exact window instead
            unbilled = await _energy_by_period(session, contract, recent)
    out, month = [], first
    while month <= last:
        wh_total = billed.get(month)
        prev = billed.get(add_months(month, -12))
        if wh_total is not None:
            kwh, amount, is_billed = to_kwh(wh_total[0], 3), wh_total[1], True
        else:
            wh = unbilled.get(month)
            kwh, amount, is_billed = (to_kwh(wh, 3) if wh is not None else None), None, False
        out.append(
            MonthlyUsage(
                month=month_label(month),
                kwh=kwh,
                amount=amount,
                previous_year_kwh=to_kwh(prev[0], 3) if prev else None,
                previous_year_amount=prev[1] if prev else None,
                billed=is_billed,
            )
        )
        month = add_months(month, 1)
    return out


def _monthly_statement(contract: Contract, first, last, candidates, lo, hi):
    """UNION ALL of (kind, date, date, int, int) rows: b = bill (month, -, Wh, total),
    s = reading day (month, read_on), d = daily reading (day, -, Wh)."""
    no_date, no_int = cast(null(), Date), cast(null(), BigInteger)
    parts = [
        select(literal_column("'b'"), Bill.period_month, no_date, Bill.wh, Bill.total).where(
            Bill.customer_code == contract.customer_code,
            Bill.period_month.between(add_months(first, -12), last),
        )
    ]
    if lo is not None:
        parts.append(
            select(
                literal_column("'s'"), ReadingScheduleRow.month, ReadingScheduleRow.read_on,
                no_int, no_int,
            ).where(
                ReadingScheduleRow.area_code == contract.area_code,
                ReadingScheduleRow.month.between(add_months(candidates[0], -1), candidates[-1]),
            )
        )  # fmt: skip
        parts.append(
            select(literal_column("'d'"), DailyReading.day, no_date, DailyReading.wh, no_int)
            .join(Meter, Meter.id == DailyReading.meter_id)
            .where(Meter.customer_code == contract.customer_code, DailyReading.day.between(lo, hi))
        )
    return union_all(*parts)


def _sums(periods: dict[date, tuple[date, date]], days) -> dict[date, int]:
    sums: dict[date, int] = {}
    for day, wh in days:
        for m, (start, end) in periods.items():
            if start <= day <= end:
                sums[m] = sums.get(m, 0) + wh
    return sums


async def _energy_by_period(session, contract: Contract, months: list[date]) -> dict[date, int]:
    """Wh read so far in the billing periods of these (unbilled) months."""
    area = contract.area_code
    schedule = await load_schedule(session, add_months(months[0], -1), months[-1], area)
    periods = {m: period_of(schedule, area, m) for m in months}
    rows = await session.execute(
        select(DailyReading.day, DailyReading.wh)
        .join(Meter, Meter.id == DailyReading.meter_id)
        .where(
            Meter.customer_code == contract.customer_code,
            DailyReading.day.between(periods[months[0]][0], periods[months[-1]][1]),
        )
    )
    return _sums(periods, rows.all())


async def reading_schedule(session: AsyncSession, contract: Contract) -> ReadingSchedule:
    current = month_start(local_today())
    previous = add_months(current, -1)
    schedule = await load_schedule(session, previous, current, contract.area_code)
    return ReadingSchedule(
        customer_code=contract.customer_code,
        area=contract.area_code,
        dates=[
            ReadingDate(month=month_label(m), read_on=read_day(schedule, contract.area_code, m))
            for m in (previous, current)
        ],
    )


def kwh_text(wh: int) -> str:
    """Whole Wh as the kWh decimal string notices and the API use."""
    return str(to_kwh(wh, 3))
