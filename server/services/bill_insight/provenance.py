"""How a bill's start and end indexes were read (issue 18): a remote (AMI) daily register, a
manual reading on a date (by the reader or sent in by the customer), the meter's installation,
or an estimate and why. Read from the readings the bill run used, on the read path
(server/reads.py, rows by column name)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, select

from domain import clock
from domain.tariff_lines import to_kwh
from server.models import Bill as BillRow
from server.models import Contract, DailyReading, IndexReading, Meter
from server.reads import Query, Reads, Row
from server.services.bill_insight.bill_rows import BillLine
from server.services.billing.periods import add_months, month_start
from server.services.usage.consumption import ContractLike

_METER = Query(
    select(
        Contract.meter_type,
        Meter.id.label("meter_id"),
        Meter.installed_on,
    )
    .select_from(Contract)
    .outerjoin(Meter, Meter.customer_code == Contract.customer_code)
    .where(Contract.customer_code == bindparam("code"))
)
_IN_PERIOD = (
    DailyReading.meter_id == bindparam("meter"),
    DailyReading.day.between(bindparam("first"), bindparam("last")),
)
_DAYS = Query(select(DailyReading.day, DailyReading.estimated).where(*_IN_PERIOD))
_INDEXES = Query(
    select(IndexReading.read_on, IndexReading.index_wh, IndexReading.source).where(
        IndexReading.meter_id == bindparam("meter"),
        IndexReading.read_on.between(bindparam("first"), bindparam("last")),
    )
)


async def provenance(reads: Reads, row: BillLine) -> dict:
    """{meter_type, start: {method, on, source?, reason?}, end: {...}, estimated_days,
    missing_days, days}; dates ISO text (it goes into a review's snapshot as JSON)."""
    meter = await reads.first(_METER, code=row.customer_code)
    days = (row.period_end - row.period_start).days + 1
    out: dict = {"meter_type": meter["meter_type"] if meter else "manual", "days": days}
    out["start_index"], out["end_index"] = _kwh(row.start_index_wh), _kwh(row.end_index_wh)
    if meter is None or meter["meter_id"] is None:
        return out | {"start": _estimated("no_meter"), "end": _estimated("no_meter")}
    first = row.period_start <= meter["installed_on"]
    if out["meter_type"] == "ami":
        found = await reads.all(
            _DAYS, meter=meter["meter_id"], first=row.period_start, last=row.period_end
        )
        estimated_days = sorted(d["day"].isoformat() for d in found if d["estimated"])
        out["estimated_days"], out["missing_days"] = estimated_days, days - len(found)
        start = {"method": "installation" if first else "ami", "on": _day(row.period_start)}
        end: dict = {"method": "ami", "on": _day(row.period_end)}
        if estimated_days:
            end = _estimated("ami_days_estimated", row.period_end) | {"count": len(estimated_days)}
        return out | {"start": start, "end": end}
    before = row.period_start - timedelta(days=1)
    indexes = await reads.all(_INDEXES, meter=meter["meter_id"], first=before, last=row.period_end)
    by_day = {r["read_on"]: r for r in indexes}
    out["estimated_days"], out["missing_days"] = [], 0
    return out | {
        "start": _manual(by_day, before, first, row.start_index_wh),
        "end": _manual(by_day, row.period_end, False, row.end_index_wh),
    }


def _manual(reads: dict[date, Row], day: date, first: bool, index_wh: int) -> dict:
    exact = [r for r in reads.values() if r["index_wh"] == index_wh]
    if exact:
        r = max(exact, key=lambda r: r["read_on"])
        return {"method": "manual", "on": _day(r["read_on"]), "source": r["source"]}
    if first:
        return {"method": "installation", "on": _day(day + timedelta(days=1))}
    return {"method": "manual", "on": _day(day), "source": "reader"}


def _estimated(reason: str, on: date | None = None) -> dict:
    return {"method": "estimated", "reason": reason, "on": _day(on) if on else None}


def _day(d: date) -> str:
    return d.isoformat()


def _kwh(wh: int) -> str:
    return str(to_kwh(wh, 3))


# Bills of the code's meter (last 25 months) whose period has an estimated AMI day.
_ESTIMATED_MONTHS = Query(
    select(BillRow.period_month)
    .where(
        BillRow.customer_code == bindparam("code"),
        BillRow.period_month >= bindparam("first"),
        select(DailyReading.day)
        .join(Meter, Meter.id == DailyReading.meter_id)
        .where(
            Meter.customer_code == bindparam("code"),
            DailyReading.estimated.is_(True),
            DailyReading.day.between(BillRow.period_start, BillRow.period_end),
        )
        .exists(),
    )
    .order_by(BillRow.period_month)
)


async def months_billed_on_estimates(reads: Reads, contract: ContractLike) -> list[str]:
    """YYYY-MM of the code's bills (last 25 months) whose period has an estimated AMI day."""
    if contract.meter_type != "ami":
        return []
    first = add_months(month_start(clock.today()), -25)
    rows: Any = await reads.all(_ESTIMATED_MONTHS, code=contract.customer_code, first=first)
    return [f"{r['period_month']:%Y-%m}" for r in rows]
