"""Adjustment bills as their linked people see them: a list, one in full, its VietQR, its PDF."""

from __future__ import annotations

from datetime import UTC, date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.bill_review import Adjustment, AdjustmentSummary
from domain.models.billing import Breakdown
from domain.models.bills import PaymentQr
from domain.vietqr import build_payload
from server.config import Settings
from server.models.adjustments import BillAdjustment
from server.problems import AppError
from server.services.bill_insight.adjustments import find_adjustment, kwh_of, status_of
from server.services.billing.invoices import bill_number, invoice_number


async def list_adjustments(session: AsyncSession, code: str, year: int) -> list[dict]:
    """Adjustment bills issued in `year`, newest first."""
    rows = await session.scalars(
        select(BillAdjustment)
        .where(
            BillAdjustment.customer_code == code,
            BillAdjustment.issued_on.between(date(year, 1, 1), date(year, 12, 31)),
        )
        .order_by(BillAdjustment.issued_on.desc(), BillAdjustment.id.desc())
    )
    return [summary(r).model_dump(mode="json") for r in rows]


def summary(r: BillAdjustment) -> AdjustmentSummary:
    return AdjustmentSummary(**_common(r))


def _common(r: BillAdjustment) -> dict:
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


def full(r: BillAdjustment) -> Adjustment:
    breakdown = Breakdown.model_validate(r.breakdown)
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


async def one(session: AsyncSession, code: str, adjustment_id: int) -> Adjustment:
    return full(await find_adjustment(session, code, adjustment_id))


def qr_of(r: BillAdjustment, settings: Settings) -> PaymentQr:
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
