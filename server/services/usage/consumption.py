"""Usage of one customer code: daily energy (AMI meters only), monthly energy and amounts with
the same month a year earlier, and the reading days of its area.

Everything here runs on the read path (server/reads.py), rows read by column name. Daily and
monthly usage are the hot reads: they answer with plain dicts in the field order of
DailyUsage/MonthlyUsage (orjson writes them in ~12 µs for 24 months; building and writing the
pydantic models cost ~240 µs, a third of the request); tests/server/test_read_path.py checks
the bytes are what pydantic writes for those models."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from sqlalchemy import BigInteger, Date, bindparam, cast, literal_column, null, select, union_all

from domain.models.usage import ReadingDate, ReadingSchedule
from server.models import Bill, DailyReading, Meter
from server.models import ReadingSchedule as ReadingScheduleRow
from server.problems import AppError
from server.reads import Query, Reads
from server.services.billing.kwh import kwh_text
from server.services.billing.periods import (
    Schedule,
    add_months,
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


class ContractLike(Protocol):
    """What usage needs of a contract: server/access.py's AccountContract or an ORM row."""

    @property
    def customer_code(self) -> str: ...
    @property
    def area_code(self) -> str: ...
    @property
    def meter_type(self) -> str: ...
    @property
    def households(self) -> int: ...


def require_ami(contract: ContractLike) -> None:
    if contract.meter_type != "ami":
        raise AppError(409, "manual_meter", MANUAL_METER, title="No daily readings")


_DAYS = Query(
    select(DailyReading.day, DailyReading.wh, DailyReading.estimated)
    .join(Meter, Meter.id == DailyReading.meter_id)
    .where(
        Meter.customer_code == bindparam("code"),
        DailyReading.day.between(bindparam("first"), bindparam("last")),
    )
    .order_by(DailyReading.day)
)


async def daily_usage(reads: Reads, contract: ContractLike, first: date, last: date) -> list[dict]:
    """DailyUsage items, one per day that has a reading; days without one are absent, never 0."""
    require_ami(contract)
    rows = await reads.all(_DAYS, code=contract.customer_code, first=first, last=last)
    return [{"date": r["day"], "kwh": kwh_text(r["wh"]), "estimated": r["estimated"]} for r in rows]


async def monthly_usage(
    reads: Reads, contract: ContractLike, first: date, last: date
) -> list[dict]:
    """MonthlyUsage items. Billed months from the bills (kWh and amount as billed); a recent
    month not billed yet gets the AMI kWh so far. One statement (bench/RESULTS.md): the bills
    of the window and a year before, and for an AMI meter also the reading days and daily
    readings around the last two months, whether billed or not (at most ~92 index-only rows)."""
    current = month_start(local_today())
    candidates = [m for m in (add_months(current, -1), current) if first <= m <= last]
    ami = contract.meter_type == "ami" and bool(candidates)
    code, bills_from = contract.customer_code, add_months(first, -12)
    if ami:
        lo, hi = month_start(add_months(candidates[0], -1)), month_end(candidates[-1])
        rows = await reads.all(
            _MONTHLY_AMI, code=code, bills_from=bills_from, last=last, area=contract.area_code,
            s_first=add_months(candidates[0], -1), s_last=candidates[-1], lo=lo, hi=hi,
        )  # fmt: skip
    else:
        rows = await reads.all(_MONTHLY_BILLS, code=code, bills_from=bills_from, last=last)
    billed: dict[int, tuple[int, int]] = {}  # by month number (year * 12 + month - 1)
    schedule: Schedule = {}
    days: list[tuple[date, int]] = []
    for r in rows:
        kind, d1 = r["kind"], r["d1"]
        if kind == "b":
            billed[d1.year * 12 + d1.month - 1] = (r["v1"], r["v2"])
        elif kind == "s":
            schedule[(contract.area_code, d1)] = r["d2"]
        else:
            days.append((d1, r["v1"]))
    recent = [m for m in candidates if m.year * 12 + m.month - 1 not in billed] if ami else []
    unbilled: dict[int, int] = {}
    if recent:
        periods = {m: period_of(schedule, contract.area_code, m) for m in recent}
        if periods[recent[0]][0] >= lo and periods[recent[-1]][1] <= hi:
            sums = _sums(periods, days)
        else:  # a reading day outside its month: read the exact window instead
            sums = await _energy_by_period(reads, contract, recent)
        unbilled = {m.year * 12 + m.month - 1: wh for m, wh in sums.items()}
    out = []
    for n in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
        this, prev = billed.get(n), billed.get(n - 12)
        kwh: str | None
        if this is not None:
            kwh, amount, is_billed = kwh_text(this[0]), this[1], True
        else:
            wh = unbilled.get(n)
            kwh, amount, is_billed = (kwh_text(wh) if wh is not None else None), None, False
        out.append(
            {
                "month": f"{n // 12:04d}-{n % 12 + 1:02d}",
                "kwh": kwh,
                "amount": amount,
                "previous_year_kwh": kwh_text(prev[0]) if prev else None,
                "previous_year_amount": prev[1] if prev else None,
                "billed": is_billed,
                # the model's field (issue 18); the chart marks come from estimated-months
                "estimated": False,
            }
        )
    return out


def _monthly_statements() -> tuple[Query, Query]:
    """UNION ALL of (kind, date, date, int, int) rows: b = bill (month, -, Wh, total),
    s = reading day (month, read_on), d = daily reading (day, -, Wh); bills alone for a
    manual meter or a window without the last two months."""
    no_date, no_int = cast(null(), Date), cast(null(), BigInteger)
    bills: Any = select(
        literal_column("'b'").label("kind"),
        Bill.period_month.label("d1"),
        no_date.label("d2"),
        Bill.wh.label("v1"),
        Bill.total.label("v2"),
    ).where(
        Bill.customer_code == bindparam("code"),
        Bill.period_month.between(bindparam("bills_from"), bindparam("last")),
    )
    reading_days: Any = select(
        literal_column("'s'"), ReadingScheduleRow.month, ReadingScheduleRow.read_on,
        no_int, no_int,
    ).where(
        ReadingScheduleRow.area_code == bindparam("area"),
        ReadingScheduleRow.month.between(bindparam("s_first"), bindparam("s_last")),
    )  # fmt: skip
    daily: Any = (
        select(literal_column("'d'"), DailyReading.day, no_date, DailyReading.wh, no_int)
        .join(Meter, Meter.id == DailyReading.meter_id)
        .where(
            Meter.customer_code == bindparam("code"),
            DailyReading.day.between(bindparam("lo"), bindparam("hi")),
        )
    )
    return Query(bills), Query(union_all(bills, reading_days, daily))


_MONTHLY_BILLS, _MONTHLY_AMI = _monthly_statements()
_SCHEDULE = Query(
    select(
        ReadingScheduleRow.area_code, ReadingScheduleRow.month, ReadingScheduleRow.read_on
    ).where(
        ReadingScheduleRow.area_code == bindparam("area"),
        ReadingScheduleRow.month.between(bindparam("first"), bindparam("last")),
    )
)


def _sums(periods: dict[date, tuple[date, date]], days) -> dict[date, int]:
    sums: dict[date, int] = {}
    for m, (start, end) in periods.items():
        total = found = 0
        for day, wh in days:
            if start <= day <= end:
                total += wh
                found = 1
        if found:
            sums[m] = total
    return sums


async def _energy_by_period(reads: Reads, contract: ContractLike, months: list[date]):
    """Wh read so far in the billing periods of these (unbilled) months."""
    area = contract.area_code
    rows = await reads.all(_SCHEDULE, area=area, first=add_months(months[0], -1), last=months[-1])
    schedule = {(r["area_code"], r["month"]): r["read_on"] for r in rows}
    periods = {m: period_of(schedule, area, m) for m in months}
    first, last = periods[months[0]][0], periods[months[-1]][1]
    days = await reads.all(_DAYS, code=contract.customer_code, first=first, last=last)
    return _sums(periods, [(r["day"], r["wh"]) for r in days])


async def reading_schedule(reads: Reads, contract: ContractLike) -> ReadingSchedule:
    current = month_start(local_today())
    previous = add_months(current, -1)
    area = contract.area_code
    rows = await reads.all(_SCHEDULE, area=area, first=previous, last=current)
    schedule = {(r["area_code"], r["month"]): r["read_on"] for r in rows}
    return ReadingSchedule(
        customer_code=contract.customer_code,
        area=contract.area_code,
        dates=[
            ReadingDate(month=month_label(m), read_on=read_day(schedule, contract.area_code, m))
            for m in (previous, current)
        ],
    )
