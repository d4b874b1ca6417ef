"""Bills of one customer code as its linked people see them: a year's list, one bill, and the
dynamic VietQR that pays it. Each is one indexed query on the read path (server/reads.py),
rows read by column name; another code's bill is "not found"."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Text, bindparam, cast, select

from domain.models.billing import Breakdown
from domain.models.bills import Bill, PaymentQr
from domain.tariff_lines import to_kwh
from domain.vietqr import build_payload
from server.config import Settings
from server.models import Bill as BillRow
from server.models.adjustments import BillAdjustment
from server.problems import AppError
from server.reads import Query, Reads
from server.services.billing.credits import CREDIT_CHANNEL, amount_due, credit_column
from server.services.billing.invoices import bill_number, invoice_number
from server.services.billing.kwh import kwh_text
from server.services.billing.periods import local_today

BILL_NOT_FOUND = "This customer code has no bill with that id."
_SUMMARY = (
    BillRow.id,
    BillRow.period_start,
    BillRow.period_end,
    BillRow.invoice_serial,
    BillRow.invoice_no,
    BillRow.wh,
    BillRow.total,
    BillRow.due_date,
    BillRow.status,
    BillRow.paid_at,
    BillRow.channel,
    credit_column(),
)


def bill_status(status: str, due_date: date, today: date) -> str:
    return "overdue" if status == "unpaid" and due_date < today else status


_YEAR = Query(
    select(*_SUMMARY)
    .where(
        BillRow.customer_code == bindparam("code"),
        BillRow.period_month.between(bindparam("first"), bindparam("last")),
    )
    .order_by(BillRow.period_month.desc())
)


async def list_bills(reads: Reads, code: str, year: int) -> list[dict]:
    """BillSummary items of the bills whose period ends in `year`, newest first (no
    breakdown: the list stays small)."""
    rows = await reads.all(_YEAR, code=code, first=date(year, 1, 1), last=date(year, 12, 1))
    today = local_today()
    return [
        {
            "id": r["id"],
            "customer_code": code,
            "period_start": r["period_start"],
            "period_end": r["period_end"],
            "invoice_serial": r["invoice_serial"],
            "invoice_no": invoice_number(r["invoice_no"]),
            "kwh": kwh_text(r["wh"]),
            "total": r["total"],
            "due_date": r["due_date"],
            "status": bill_status(r["status"], r["due_date"], today),
            "paid_at": _utc(r["paid_at"]),
            "credit": int(r["credit"]),
            "channel": r["channel"],
            # BillSummary's order (tests/server/test_read_path.py compares the bytes)
            "amount_due": amount_due(r["total"], r["credit"]),
        }
        for r in rows
    ]


def _utc(at):
    return at if at is None or at.tzinfo is UTC else at.astimezone(UTC)


# One bill on the read path, with the breakdown as JSON text (parsed straight into the model).
class BillFields(NamedTuple):
    """One bill's columns as the read path returns them (breakdown as JSON text)."""

    id: int
    customer_code: str
    period_start: date
    period_end: date
    invoice_serial: str
    invoice_no: int
    wh: int
    total: int
    due_date: date
    status: str
    paid_at: datetime | None
    start_index_wh: int
    end_index_wh: int
    subtotal: int
    vat: int
    issued_on: date
    households: int
    channel: str | None
    credit: int
    breakdown: str


_BILL_FIELDS = [f for f in BillFields._fields if f not in ("breakdown", "credit")]
_ONE = Query(
    select(
        *(getattr(BillRow, f) for f in _BILL_FIELDS),
        credit_column(),
        cast(BillRow.breakdown, Text).label("breakdown"),
    ).where(BillRow.id == bindparam("bill_id"), BillRow.customer_code == bindparam("code"))
)


async def bill_fields(reads: Reads, code: str, bill_id: int) -> BillFields:
    row = await reads.first(_ONE, bill_id=bill_id, code=code)
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    return BillFields(**{**row, "credit": int(row["credit"])})


async def read_bill(reads: Reads, code: str, bill_id: int) -> Bill:
    return bill_view(await bill_fields(reads, code, bill_id))


def bill_view(row: BillFields, today: date | None = None) -> Bill:
    """The wire bill of one bill's columns."""
    breakdown = Breakdown.model_validate_json(row.breakdown)
    return Bill(
        id=row.id,
        customer_code=row.customer_code,
        period_start=row.period_start,
        period_end=row.period_end,
        invoice_serial=row.invoice_serial,
        invoice_no=invoice_number(row.invoice_no),
        kwh=to_kwh(row.wh, 3),
        total=row.total,
        credit=row.credit,
        due_date=row.due_date,
        status=bill_status(row.status, row.due_date, today or local_today()),
        paid_at=_utc(row.paid_at),
        start_index=to_kwh(row.start_index_wh, 3),
        end_index=to_kwh(row.end_index_wh, 3),
        subtotal=row.subtotal,
        vat_rate=Decimal(breakdown.vat_rate),
        vat=row.vat,
        issued_on=row.issued_on,
        households=row.households,
        channel=row.channel,
        breakdown=breakdown,
    )


_QR = Query(
    select(
        BillRow.invoice_serial,
        BillRow.invoice_no,
        BillRow.total,
        BillRow.status,
        BillRow.channel,
        BillRow.period_end,
        credit_column(),
    ).where(BillRow.id == bindparam("bill_id"), BillRow.customer_code == bindparam("code"))
)


async def payment_qr(reads: Reads, code: str, bill_id: int, settings: Settings) -> PaymentQr:
    row = await reads.first(_QR, bill_id=bill_id, code=code)
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    due = amount_due(row["total"], row["credit"])
    if row["channel"] == CREDIT_CHANNEL or (row["status"] != "paid" and due == 0):
        raise AppError(
            409,
            "paid_by_credit",
            "A credit from an adjustment bill covers this bill: there is nothing to pay.",
        )
    if row["status"] == "paid":
        raise AppError(409, "bill_already_paid", "This bill is already paid.")
    return qr_for(code, row["invoice_serial"], row["invoice_no"], due, settings, row["period_end"])


def qr_for(
    code: str,
    serial: str,
    number: int,
    total: int,
    settings: Settings,
    period_end: date | None = None,
) -> PaymentQr:
    """The dynamic VietQR paying this exact amount (a bill's amount_due), with the bill number in field 62.01 and a
    transfer note naming the bill's month (`TD PE01000123456 T10/26`, at most 25 characters),
    so two unpaid bills of one code read apart on a bank statement."""
    bill_no = bill_number(serial, number)
    purpose = f"TD {code} T{period_end:%m/%y}" if period_end else f"Tien dien {code}"
    return PaymentQr(
        payload=build_payload(
            settings.bank_bin,
            settings.bank_account,
            amount=total,
            bill_number=bill_no,
            purpose=purpose,
        ),
        amount=total,
        bill_no=bill_no,
        bank_bin=settings.bank_bin,
        account=settings.bank_account,
        account_name=settings.bank_account_name,
        purpose=purpose,
    )


_CREDITS = Query(
    select(BillAdjustment.invoice_serial, BillAdjustment.invoice_no, BillAdjustment.total)
    .where(
        BillAdjustment.carried_to_bill_id == bindparam("bill_id"),
        BillAdjustment.status == "credit",
    )
    .order_by(BillAdjustment.id)
)


async def credit_lines(reads: Reads, bill_id: int) -> tuple[tuple[str, int], ...]:
    """(adjustment bill number, amount > 0) of each credit carried to the bill, oldest first."""
    rows = await reads.all(_CREDITS, bill_id=bill_id)
    return tuple(
        (bill_number(r["invoice_serial"], r["invoice_no"]), -int(r["total"])) for r in rows
    )
