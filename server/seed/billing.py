"""Demo billing data, relative to today: two years of readings per demo contract (AMI daily
with the seasonal shape of the city, manual monthly index), the bills the real bill run makes
from them, most paid and the latest unpaid (one overdue), a planned outage next week in
HCM-SG-01, the reading schedule, alerts and a few notices."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.config import Settings
from server.models import (
    AlertSetting,
    Bill,
    Contract,
    DailyReading,
    IndexReading,
    Link,
    Meter,
    Outage,
    ReadingSchedule,
)
from server.notify import kinds
from server.notify.inbox import notify
from server.services.billing.bill_run import BillRunResult, bill_batch
from server.services.billing.kwh import kwh_text
from server.services.billing.periods import (
    LOCAL_TZ,
    add_months,
    load_schedule,
    local_today,
    month_label,
    month_start,
    read_day,
)
from server.services.notices.outages import save_outage

MONTHS = 24
# Relative use by month, January first: HCMC peaks in the hot dry season (April–June),
# Hà Nội in its summer (June–August) with a small winter bump.
SEASON = {
    "HCM": (0.85, 0.9, 1.05, 1.25, 1.35, 1.25, 1.1, 1.05, 1.0, 0.95, 0.9, 0.85),
    "HN": (1.0, 0.9, 0.85, 0.9, 1.15, 1.35, 1.4, 1.3, 1.1, 0.9, 0.85, 0.95),
}
DAILY_KWH = {"PE01000123456": 6.2, "PD01000654321": 5.0, "PE02000777888": 10.5}
HANOI_READ_DAY = 18
CHANNELS = ("vietqr", "bank_transfer", "momo", "zalopay", "counter")


def _daily_wh(rng: random.Random, code: str, area: str, day: date) -> int:
    season = SEASON["HN" if area.startswith("HN") else "HCM"][day.month - 1]
    weekend = 1.08 if day.weekday() >= 5 else 1.0
    kwh = DAILY_KWH.get(code, 4.5) * season * weekend * max(0.4, rng.gauss(1.0, 0.12))
    return round(kwh * 100) * 10  # AMI registers count in 10 Wh steps


async def seed_billing(session: AsyncSession, settings: Settings) -> None:
    today = local_today()
    first_month = add_months(month_start(today), -MONTHS)
    await _schedule(session, first_month, today)
    contracts = (await session.execute(select(Contract).order_by(Contract.customer_code))).scalars()
    schedule = await load_schedule(session, add_months(first_month, -1), add_months(today, 1))
    for contract in list(contracts):
        await _readings(session, contract, first_month, today, schedule)
    month = first_month
    while month <= month_start(today):
        result = BillRunResult(month=month_label(month))
        await bill_batch(session, month, today, result, limit=10_000, backdate=True, announce=False)
        month = add_months(month, 1)
    await _payments(session)
    await _outages(session, today)
    await _alerts_and_notices(session)


async def _schedule(session: AsyncSession, first_month: date, today: date) -> None:
    month = add_months(first_month, -1)
    while month <= add_months(month_start(today), 1):
        read_on = month.replace(day=HANOI_READ_DAY)
        session.add(ReadingSchedule(area_code="HN-HK-02", month=month, read_on=read_on))
        month = add_months(month, 1)
    await session.flush()


async def _readings(session, contract: Contract, first_month: date, today: date, schedule):
    code, area = contract.customer_code, contract.area_code
    rng = random.Random(code)  # noqa: S311 (demo data, reproducible)
    base_wh = rng.randrange(3_000, 40_000) * 1000
    meter = Meter(
        customer_code=code, serial=f"M{code[2:]}", installed_on=first_month, base_wh=base_wh
    )
    session.add(meter)
    await session.flush()
    days, register, read_days = [], base_wh, set()
    if contract.meter_type != "ami":
        month = first_month
        while month <= month_start(today):
            read_days.add(read_day(schedule, area, month))
            month = add_months(month, 1)
    day, index_rows = first_month, []
    while day < today:
        wh = _daily_wh(rng, code, area, day)
        register += wh
        if contract.meter_type == "ami":
            days.append(
                {"meter_id": meter.id, "day": day, "wh": wh, "estimated": rng.random() < 0.015}
            )
        elif day in read_days:
            index_rows.append(
                {"meter_id": meter.id, "read_on": day, "index_wh": register // 1000 * 1000}
            )
        day += timedelta(days=1)
    if days:
        await session.execute(insert(DailyReading), days)
    if index_rows:
        await session.execute(insert(IndexReading), index_rows)


async def _payments(session: AsyncSession) -> None:
    """Everything paid a few days after issue, except each code's latest bill, and for the
    first demo code also the one before it (so the demo always has an overdue bill)."""
    bills = (
        (await session.execute(select(Bill).order_by(Bill.customer_code, Bill.period_month)))
        .scalars()
        .all()
    )
    by_code: dict[str, list[Bill]] = {}
    for bill in bills:
        by_code.setdefault(bill.customer_code, []).append(bill)
    for code, rows in by_code.items():
        rng = random.Random(f"pay-{code}")  # noqa: S311
        unpaid = 2 if code == "PE01000123456" else 1
        for bill in rows[:-unpaid]:
            local = datetime.combine(
                bill.issued_on + timedelta(days=rng.randint(1, 6)),
                time(rng.randint(8, 20), rng.randint(0, 59)),
                LOCAL_TZ,
            )
            bill.status, bill.paid_at = "paid", local.astimezone(UTC)
            bill.channel = rng.choice(CHANNELS)
            bill.transaction_id = f"FT{bill.issued_on:%y%m%d}{bill.id:07d}"
    await session.flush()


async def _outages(session: AsyncSession, today: date) -> None:
    def at(day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour), LOCAL_TZ).astimezone(UTC)

    last_month = today - timedelta(days=30)
    session.add(
        Outage(
            area_code="HCM-SG-01",
            starts_at=at(last_month, 7),
            ends_at=at(last_month, 11),
            reason="Bảo trì trạm biến áp Nguyễn Huệ 3",
            reason_en="Maintenance of the Nguyễn Huệ 3 substation",
            status="planned",
        )
    )
    next_week = today + timedelta(days=7)
    await save_outage(
        session,
        outage_id=None,
        area="HCM-SG-01",
        starts_at=at(next_week, 8),
        ends_at=at(next_week, 16),
        reason="Sửa chữa, bảo dưỡng lưới điện trung thế tuyến 471 Sài Gòn",
        reason_en="Repair and maintenance of the 471 Sài Gòn medium-voltage line",
    )


async def _alerts_and_notices(session: AsyncSession) -> None:
    links = (
        (await session.execute(select(Link).where(Link.status == "approved", Link.role == "owner")))
        .scalars()
        .all()
    )
    for link in links:
        if link.customer_code == "PE01000123456":
            session.add(
                AlertSetting(
                    user_id=link.user_id,
                    customer_code=link.customer_code,
                    daily_wh=12_000,
                    forecast_vnd=600_000,
                )
            )
    approved = (
        await session.execute(
            select(Link.user_id, Link.customer_code).where(Link.status == "approved")
        )
    ).all()
    latest: dict[str, Bill] = {}
    for bill in (await session.execute(select(Bill).order_by(Bill.period_month))).scalars():
        latest[bill.customer_code] = bill
    today = local_today()
    for user_id, code in approved:
        found = latest.get(code)
        if found is None:
            continue
        bill = found
        params = {
            "code": code,
            "bill_id": bill.id,
            "month": month_label(bill.period_month),
            "kwh": kwh_text(bill.wh),
            "total": bill.total,
            "due_date": bill.due_date.isoformat(),
        }
        notify(
            session,
            user_id,
            kinds.BILL_ISSUED,
            params,
            customer_code=code,
            ref=("bill", str(bill.id)),
        )
        overdue = (
            (
                await session.execute(
                    select(Bill).where(
                        Bill.customer_code == code, Bill.status == "unpaid", Bill.due_date < today
                    )
                )
            )
            .scalars()
            .first()
        )
        if overdue is not None:
            params = {
                "code": code,
                "bill_id": overdue.id,
                "month": month_label(overdue.period_month),
                "total": overdue.total,
                "due_date": overdue.due_date.isoformat(),
                "days_late": (today - overdue.due_date).days,
            }
            notify(
                session,
                user_id,
                kinds.PAYMENT_OVERDUE,
                params,
                customer_code=code,
                ref=("bill", str(overdue.id)),
            )
