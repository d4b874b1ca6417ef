"""Bills of one customer code as its linked people see them: a year's list, one bill, and the
dynamic VietQR that pays it. Each is one indexed query; another code's bill is "not found"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.billing import Breakdown
from domain.models.bills import Bill, BillSummary, PaymentQr
from domain.tariff_lines import to_kwh
from domain.vietqr import build_payload
from server.config import Settings
from server.models import Bill as BillRow
from server.problems import AppError
from server.services.invoices import bill_number, invoice_number
from server.services.periods import local_today

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
)


def bill_status(status: str, due_date: date, today: date) -> str:
    return "overdue" if status == "unpaid" and due_date < today else status


async def list_bills(session: AsyncSession, code: str, year: int) -> list[BillSummary]:
    """Bills whose period ends in `year`, newest first (no breakdown: the list stays small)."""
    rows = await session.execute(
        select(*_SUMMARY)
        .where(
            BillRow.customer_code == code,
            BillRow.period_month.between(date(year, 1, 1), date(year, 12, 1)),
        )
        .order_by(BillRow.period_month.desc())
    )
    today = local_today()
    return [
        BillSummary(
            id=r.id,
            customer_code=code,
            period_start=r.period_start,
            period_end=r.period_end,
            invoice_serial=r.invoice_serial,
            invoice_no=invoice_number(r.invoice_no),
            kwh=to_kwh(r.wh, 3),
            total=r.total,
            due_date=r.due_date,
            status=bill_status(r.status, r.due_date, today),
            paid_at=r.paid_at,
        )
        for r in rows.all()
    ]


async def find_bill(session: AsyncSession, code: str, bill_id: int) -> BillRow:
    row = (
        await session.execute(
            select(BillRow).where(BillRow.id == bill_id, BillRow.customer_code == code)
        )
    ).scalar_one_or_none()
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    return row


def bill_view(row: BillRow, today: date | None = None) -> Bill:
    breakdown = Breakdown.model_validate(row.breakdown)
    return Bill(
        id=row.id,
        customer_code=row.customer_code,
        period_start=row.period_start,
        period_end=row.period_end,
        invoice_serial=row.invoice_serial,
        invoice_no=invoice_number(row.invoice_no),
        kwh=to_kwh(row.wh, 3),
        total=row.total,
        due_date=row.due_date,
        status=bill_status(row.status, row.due_date, today or local_today()),
        paid_at=row.paid_at,
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


async def payment_qr(
    session: AsyncSession, code: str, bill_id: int, settings: Settings
) -> PaymentQr:
    row = (
        await session.execute(
            select(BillRow.invoice_serial, BillRow.invoice_no, BillRow.total, BillRow.status).where(
                BillRow.id == bill_id, BillRow.customer_code == code
            )
        )
    ).first()
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    if row.status == "paid":
        raise AppError(409, "bill_already_paid", "This bill is already paid.")
    number = bill_number(row.invoice_serial, row.invoice_no)
    purpose = f"Tien dien {code}"
    return PaymentQr(
        payload=build_payload(
            settings.bank_bin,
            settings.bank_account,
            amount=row.total,
            bill_number=number,
            purpose=purpose,
        ),
        amount=row.total,
        bill_no=number,
        bank_bin=settings.bank_bin,
        account=settings.bank_account,
        account_name=settings.bank_account_name,
        purpose=purpose,
    )
