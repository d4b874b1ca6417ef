"""Adjustment bills as their linked people see them: a list, one in full, its VietQR, its PDF.
Read on the read path (server/reads.py), rows by column name; another code's adjustment is
"not found"."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Text, bindparam, cast, select

from domain import clock
from domain.models.bill_review import Adjustment, AdjustmentSummary
from domain.models.billing import Breakdown
from domain.models.bills import PaymentQr
from domain.tariff_lines import to_kwh
from domain.vietqr import build_payload
from server.config import Settings
from server.models import Bill as BillRow
from server.models.adjustments import BillAdjustment
from server.problems import AppError
from server.reads import Query, Reads, Row
from server.services.billing.bills import BILL_NOT_FOUND
from server.services.billing.invoices import bill_number, invoice_number

NOT_FOUND = "This customer code has no adjustment bill with that id."


class AdjustmentFields(NamedTuple):
    """One adjustment bill's columns as the read path returns them (breakdown as JSON text)."""

    id: int
    customer_code: str
    bill_id: int
    request_id: int
    invoice_serial: str
    invoice_no: int
    issued_on: date
    due_date: date | None
    period_start: date
    period_end: date
    households: int
    wh_before: int
    wh_after: int
    total_before: int
    subtotal: int
    vat: int
    total: int
    status: str
    carried_to_bill_id: int | None
    paid_at: datetime | None
    channel: str | None
    reason: str
    breakdown: str


_FIELDS = [getattr(BillAdjustment, f) for f in AdjustmentFields._fields if f != "breakdown"]
_SELECT = select(*_FIELDS, cast(BillAdjustment.breakdown, Text).label("breakdown"))
_YEAR = Query(
    _SELECT.where(
        BillAdjustment.customer_code == bindparam("code"),
        BillAdjustment.issued_on.between(bindparam("first"), bindparam("last")),
    ).order_by(BillAdjustment.issued_on.desc(), BillAdjustment.id.desc())
)
_ONE = Query(
    _SELECT.where(
        BillAdjustment.id == bindparam("adjustment_id"),
        BillAdjustment.customer_code == bindparam("code"),
    )
)
_BILL_NUMBER = Query(
    select(BillRow.invoice_serial, BillRow.invoice_no).where(
        BillRow.id == bindparam("bill_id"), BillRow.customer_code == bindparam("code")
    )
)


def _fields(row: Row) -> AdjustmentFields:
    return AdjustmentFields(**row)


async def list_adjustments(reads: Reads, code: str, year: int) -> list[dict]:
    """Adjustment bills issued in `year`, newest first."""
    rows = await reads.all(_YEAR, code=code, first=date(year, 1, 1), last=date(year, 12, 31))
    return [summary(_fields(r)).model_dump(mode="json") for r in rows]


async def find_adjustment(reads: Reads, code: str, adjustment_id: int) -> AdjustmentFields:
    row = await reads.first(_ONE, adjustment_id=adjustment_id, code=code)
    if row is None:
        raise AppError(404, "adjustment_not_found", NOT_FOUND)
    return _fields(row)


async def adjusted_number(reads: Reads, r: AdjustmentFields) -> str:
    """The invoice number of the bill an adjustment adjusts."""
    row = await reads.first(_BILL_NUMBER, bill_id=r.bill_id, code=r.customer_code)
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    return bill_number(row["invoice_serial"], row["invoice_no"])


def status_of(adj: AdjustmentFields, today: date | None = None) -> str:
    today = today or clock.today()
    if adj.status == "unpaid" and adj.due_date is not None and adj.due_date < today:
        return "overdue"
    return adj.status


def kwh_of(wh: int) -> Decimal:
    return -to_kwh(-wh, 3) if wh < 0 else to_kwh(wh, 3)


def summary(r: AdjustmentFields) -> AdjustmentSummary:
    return AdjustmentSummary(**_common(r))


def _common(r: AdjustmentFields) -> dict:
    paid_at = r.paid_at
    if paid_at is not None and paid_at.tzinfo is not UTC:
        paid_at = paid_at.astimezone(UTC)
    return {
        "id": r.id,
        "customer_code": r.customer_code,
        "bill_id": r.bill_id,
        "invoice_serial": r.invoice_serial,
        "invoice_no": invoice_number(r.invoice_no),
        "issued_on": r.issued_on,
        "due_date": r.due_date,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "total": r.total,
        "status": status_of(r),
        "carried_to_bill_id": r.carried_to_bill_id,
        "paid_at": paid_at,
    }


def full(r: AdjustmentFields) -> Adjustment:
    breakdown = Breakdown.model_validate(json.loads(r.breakdown))  # as the ORM's JSON reads it
    return Adjustment(
        **_common(r),
        kwh_before=kwh_of(r.wh_before),
        kwh_after=kwh_of(r.wh_after),
        kwh=kwh_of(r.wh_after - r.wh_before),
        total_before=r.total_before,
        total_after=r.total_before + r.total,
        subtotal=r.subtotal,
        vat_rate=breakdown.vat_rate,
        vat=r.vat,
        households=r.households,
        reason=r.reason,
        channel=r.channel,
        request_id=r.request_id,
        breakdown=breakdown,
    )


async def one(reads: Reads, code: str, adjustment_id: int) -> Adjustment:
    return full(await find_adjustment(reads, code, adjustment_id))


def qr_of(r: AdjustmentFields, settings: Settings) -> PaymentQr:
    """The dynamic VietQR of an adjustment that is owed: its own number in field 62.01."""
    if r.status == "paid":
        raise AppError(409, "bill_already_paid", "This adjustment bill is already paid.")
    if r.total <= 0:
        raise AppError(409, "nothing_to_pay", "This adjustment returns money: nothing to pay.")
    bill_no = bill_number(r.invoice_serial, r.invoice_no)
    purpose = f"DC {r.customer_code} T{r.period_end:%m/%y}"  # DC = điều chỉnh
    return PaymentQr(
        payload=build_payload(
            settings.bank_bin,
            settings.bank_account,
            amount=r.total,
            bill_number=bill_no,
            purpose=purpose,
        ),
        amount=r.total,
        bill_no=bill_no,
        bank_bin=settings.bank_bin,
        account=settings.bank_account,
        account_name=settings.bank_account_name,
        purpose=purpose,
    )
