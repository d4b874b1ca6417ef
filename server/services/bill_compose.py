"""Turns a batch of contracts into bill rows: period, start/end index, kWh, tariff breakdown,
invoice number, due date; then inserts them and tells every approved link."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.tariff import TariffError, compute_bill
from domain.tariff_data import MAX_PERIOD_DAYS
from domain.tariff_lines import to_kwh
from server.models import Bill, Link, utcnow
from server.services import bill_sources as src
from server.services.batch_sql import bulk_insert, one_of
from server.services.invoices import invoice_serial, take_numbers
from server.services.notice_bulk import notify_many
from server.services.notice_kinds import BILL_ISSUED
from server.services.periods import Schedule, month_label, period_of

PAYMENT_TERM = timedelta(days=7)


def issue_dates(period_end: date, today: date, backdate: bool) -> tuple[date, date]:
    """(issued_on, due_date): the day after the reading, or the run day if the run is late;
    payable within seven days."""
    issued = period_end + timedelta(days=1)
    if not backdate:
        issued = max(issued, today)
    return issued, issued + PAYMENT_TERM


async def compose_bills(
    session: AsyncSession,
    batch: list[src.Candidate],
    month: date,
    today: date,
    schedule: Schedule,
    result,
    backdate: bool = False,
) -> list[dict]:
    prev = await src.previous_bills(session, [c.code for c in batch], month)
    periods: dict[str, tuple[date, date]] = {}
    for c in batch:
        start, end = period_of(schedule, c.area, month)
        if c.code in prev:
            start = prev[c.code][0] + timedelta(days=1)  # a skipped month joins this bill
        else:
            start = max(start, c.installed_on)
        if end >= today:
            result.skip("period_not_over")
        elif start > end:
            result.skip("meter_not_installed")
        elif (end - start).days + 1 > MAX_PERIOD_DAYS:
            result.skip("period_too_long")
        else:
            periods[c.code] = (start, end)
    ready = [c for c in batch if c.code in periods]
    now = utcnow()
    starts = await _start_indexes(session, ready, prev, periods)
    ends = await _end_indexes(session, ready, periods, starts, result)
    rows = []
    for c in ready:
        if c.code not in ends:
            continue
        start, end = periods[c.code]
        start_wh, end_wh = starts[c.code], ends[c.code]
        try:
            breakdown = compute_bill(to_kwh(end_wh - start_wh, 3), start, end, c.households)
        except TariffError as exc:
            result.skip(exc.code)
            continue
        issued, due = issue_dates(end, today, backdate)
        rows.append(
            {
                "customer_code": c.code,
                "period_month": month,
                "period_start": start,
                "period_end": end,
                "households": c.households,
                "start_index_wh": start_wh,
                "end_index_wh": end_wh,
                "wh": end_wh - start_wh,
                "subtotal": breakdown.subtotal,
                "vat": breakdown.vat,
                "total": breakdown.total,
                "breakdown": breakdown.model_dump(mode="json"),
                "invoice_serial": invoice_serial(c.code, issued),
                "issued_on": issued,
                "due_date": due,
                "status": "unpaid",
                "created_at": now,
            }
        )
    return rows


async def _start_indexes(session, ready, prev, periods) -> dict[str, int]:
    starts = {c.code: prev[c.code][1] for c in ready if c.code in prev}
    first_ami = [c for c in ready if c.code not in prev and c.meter_type == "ami"]
    first_manual = [c for c in ready if c.code not in prev and c.meter_type != "ami"]
    if first_ami:
        before = {c.meter_id: periods[c.code][0] for c in first_ami}
        used = await src.energy_before(session, list(before), before)
        starts.update({c.code: c.base_wh + used.get(c.meter_id, 0) for c in first_ami})
    if first_manual:
        before = {c.meter_id: periods[c.code][0] for c in first_manual}
        read = await src.index_before(session, list(before), before)
        starts.update({c.code: read.get(c.meter_id, c.base_wh) for c in first_manual})
    return starts


async def _end_indexes(session, ready, periods, starts, result) -> dict[str, int]:
    """AMI: start + the period's daily energy, every day present; manual: the last index
    read within the period."""
    ends: dict[str, int] = {}
    groups: dict[tuple[date, date], list] = defaultdict(list)
    for c in ready:
        groups[periods[c.code]].append(c)
    for (first, last), contracts in groups.items():
        days = (last - first).days + 1
        ami = [c for c in contracts if c.meter_type == "ami"]
        manual = [c for c in contracts if c.meter_type != "ami"]
        if ami:
            sums = await src.daily_sums(session, [c.meter_id for c in ami], first, last)
            for c in ami:
                wh, count = sums.get(c.meter_id, (0, 0))
                if count < days:
                    result.skip("missing_daily_readings")
                else:
                    ends[c.code] = starts[c.code] + wh
        if manual:
            reads = await src.index_readings(session, [c.meter_id for c in manual], first, last)
            for c in manual:
                found = reads.get(c.meter_id)
                if not found:
                    result.skip("no_index_reading")
                elif found[-1][1] < starts[c.code]:
                    result.skip("index_went_down")
                else:
                    ends[c.code] = found[-1][1]
    return ends


async def insert_bills(session: AsyncSession, rows: list[dict], announce: bool = True) -> int:
    """Numbers, inserts and (unless `announce` is False) announces the bills; returns how many."""
    if not rows:
        return 0
    by_serial: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_serial[row["invoice_serial"]].append(row)
    for serial in sorted(by_serial):  # a fixed order: two runs never wait on each other
        first = await take_numbers(session, serial, len(by_serial[serial]))
        for offset, row in enumerate(by_serial[serial]):
            row["invoice_no"] = first + offset
    # COPY (PostgreSQL) / executemany, then one indexed read of the new ids: an INSERT …
    # RETURNING of the whole batch is one huge statement to build and parse
    await bulk_insert(session, Bill, rows)
    codes = [row["customer_code"] for row in rows]
    month = rows[0]["period_month"]
    created = await session.execute(
        select(Bill.id, Bill.customer_code).where(
            one_of(session, Bill.customer_code, codes), Bill.period_month == month
        )
    )
    ids = {code: bill_id for bill_id, code in created.all()}
    if not announce:
        return len(rows)
    links = await session.execute(
        select(Link.user_id, Link.customer_code).where(
            one_of(session, Link.customer_code, codes), Link.status == "approved"
        )
    )
    by_code = {row["customer_code"]: row for row in rows}
    notices = []
    for user_id, code in links.all():
        row = by_code[code]
        params = {
            "code": code,
            "bill_id": ids[code],
            "month": month_label(row["period_month"]),
            "kwh": str(to_kwh(row["wh"], 3)),
            "total": row["total"],
            "due_date": row["due_date"].isoformat(),
        }
        notices.append((user_id, BILL_ISSUED, params, code, ("bill", str(ids[code]))))
    await notify_many(session, notices)
    return len(rows)
