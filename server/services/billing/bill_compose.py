"""Turns a batch of contracts into bills: period, start/end index, kWh, tariff breakdown,
invoice serial, due date. One implementation for every database; only the reads differ
(bill_run_pg.py on psycopg, bill_sources.py elsewhere), and they return the same values."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from domain.tariff import TariffError
from domain.tariff_data import MAX_PERIOD_DAYS
from server.services.billing import bill_run_pg as pg
from server.services.billing import bill_sources as src
from server.services.billing.bill_norms import norms_inside, price_with_norms
from server.services.billing.bill_run_rows import NewBill, price
from server.services.billing.invoices import invoice_serial
from server.services.billing.periods import Schedule, period_of

PAYMENT_TERM = timedelta(days=7)
_DAY = timedelta(days=1)


def issue_dates(period_end: date, today: date, backdate: bool) -> tuple[date, date]:
    """(issued_on, due_date): the day after the reading, or the run day if the run is late;
    payable within seven days."""
    issued = period_end + _DAY
    if not backdate:
        issued = max(issued, today)
    return issued, issued + PAYMENT_TERM


def plan_periods(
    batch: list[src.Candidate], month: date, today: date, schedule: Schedule, skip
) -> tuple[dict[str, tuple[date, date]], dict[str, int]]:
    """code -> billing period of the contracts that can be billed; `skip(reason)` the rest.
    Second: code -> norm days of a final bill (see final_period)."""
    periods: dict[str, tuple[date, date]] = {}
    finals: dict[str, int] = {}
    by_area: dict[str, tuple[date, date]] = {}
    for c in batch:
        found = by_area.get(c.area)
        if found is None:
            found = by_area[c.area] = period_of(schedule, c.area, month)
        start, end = found
        if c.prev_end is not None:
            start = c.prev_end + _DAY  # a skipped month joins this bill
        else:
            start = max(start, c.installed_on)
        if c.supply_ends_on is not None and c.supply_ends_on < end:
            if c.supply_ends_on < start:
                skip("supply_ended")  # never billed before supply ended: nothing to bill
                continue
            finals[c.code], end = final_period(start, end, c.supply_ends_on)
        if end >= today:
            skip("period_not_over")
        elif start > end:
            skip("meter_not_installed")
        elif (end - start).days + 1 > MAX_PERIOD_DAYS:
            skip("period_too_long")
        else:
            periods[c.code] = (start, end)
    return periods, finals


def final_period(start: date, end: date, supply_ends_on: date) -> tuple[int, date]:
    """(norm days, end) of a terminated contract's final bill: the period ends on the last
    day of supply, so only those days' energy is billed, and the tier widths are prorated
    by its days over the days of the period it cuts short (as the parts of a split period,
    DOMAIN.md); no bill follows (bill_sources.unbilled)."""
    return (end - start).days + 1, supply_ends_on


async def compose_bills(
    session: AsyncSession,
    batch: list[src.Candidate],
    month: date,
    today: date,
    schedule: Schedule,
    skip,
    backdate: bool = False,
    raw=None,
) -> list[NewBill]:
    """The batch's bills in code order; `raw` is the psycopg connection (None: portable)."""
    periods, finals = plan_periods(batch, month, today, schedule, skip)
    ready = [c for c in batch if c.code in periods]
    starts = await _start_indexes(session, ready, periods)
    ami = {c.meter_id: periods[c.code] for c in ready if c.meter_type == "ami"}
    manual = {c.meter_id: periods[c.code] for c in ready if c.meter_type != "ami"}
    if raw is not None:
        sums, last = await pg.energy(raw, ami, manual)
    else:
        sums, last = await _portable_energy(session, ami, manual)
    changes = await norms_inside(session, {c.code: periods[c.code] for c in ready})
    bills = []
    dates: dict[date, tuple[date, date]] = {}  # period end -> (issued, due)
    serials: dict[tuple[str, date], str] = {}
    for c in ready:
        start, end = periods[c.code]
        start_wh = starts[c.code]
        if c.meter_type == "ami":
            wh, count = sums.get(c.meter_id, (0, 0))
            if count < (end - start).days + 1:
                skip("missing_daily_readings")
                continue
            end_wh = start_wh + wh
        else:
            end_wh = last.get(c.meter_id)
            if end_wh is None:
                skip("no_index_reading")
                continue
            if end_wh < start_wh:
                skip("index_went_down")
                continue
        households = c.households
        try:
            if c.code in changes:
                before, norms = changes[c.code]
                priced, households = price_with_norms(
                    end_wh - start_wh, start, end, before, norms, finals.get(c.code)
                )
            else:
                priced = price(end_wh - start_wh, start, end, c.households, finals.get(c.code))
        except TariffError as exc:
            skip(exc.code)
            continue
        issued_due = dates.get(end)
        if issued_due is None:
            issued_due = dates[end] = issue_dates(end, today, backdate)
        issued, due = issued_due
        serial = serials.get((c.code[:2], issued))
        if serial is None:
            serial = serials[(c.code[:2], issued)] = invoice_serial(c.code, issued)
        bill = NewBill(c.code, households, start, end, start_wh, end_wh, priced, serial)
        bill.issued, bill.due, bill.users, bill.bill_id = issued, due, c.users, c.bill_id
        bills.append(bill)
    return bills


async def _start_indexes(session, ready, periods) -> dict[str, int]:
    """The previous bill's end index, or for a first bill: AMI base + energy recorded before
    the period, manual the last index read before it (else the meter's base)."""
    starts = {c.code: c.prev_wh for c in ready if c.prev_end is not None}
    first_ami = [c for c in ready if c.prev_end is None and c.meter_type == "ami"]
    first_manual = [c for c in ready if c.prev_end is None and c.meter_type != "ami"]
    if first_ami:
        before = {c.meter_id: periods[c.code][0] for c in first_ami}
        used = await src.energy_before(session, list(before), before)
        starts.update({c.code: c.base_wh + used.get(c.meter_id, 0) for c in first_ami})
    if first_manual:
        before = {c.meter_id: periods[c.code][0] for c in first_manual}
        read = await src.index_before(session, list(before), before)
        starts.update({c.code: read.get(c.meter_id, c.base_wh) for c in first_manual})
    return starts


async def _portable_energy(session, ami, manual):
    """bill_run_pg.energy's result with the portable queries, one per distinct period."""
    sums: dict[int, tuple[int, int]] = {}
    last: dict[int, int] = {}
    groups: dict[tuple[date, date], list[int]] = defaultdict(list)
    for meter, period in ami.items():
        groups[period].append(meter)
    for (first, end), meters in groups.items():
        sums.update(await src.daily_sums(session, meters, first, end))
    groups.clear()
    for meter, period in manual.items():
        groups[period].append(meter)
    for (first, end), meters in groups.items():
        reads = await src.index_readings(session, meters, first, end)
        last.update({meter: found[-1][1] for meter, found in reads.items() if found})
    return sums, last
