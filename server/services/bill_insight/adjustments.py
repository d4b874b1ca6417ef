"""Adjustment bills (issue 18): issued when a bill review ends `corrected`. The signed
difference between the corrected bill and the issued one, with its own invoice number in the
serial; owed money is paid by its own VietQR (and the signed webhook), returned money is a
credit carried to the code's next consumption bill."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.tariff_households import compute_bill_with_norms
from server.models import Bill as BillRow
from server.models import Link
from server.models.accounts import household_link
from server.models.adjustments import BillAdjustment
from server.models.services import ServiceRequest
from server.notify.inbox import notify
from server.problems import AppError
from server.reads import SessionReads
from server.services.audit import records as audit
from server.services.bill_insight.explain import norms_of
from server.services.billing.bill_compose import PAYMENT_TERM
from server.services.billing.bill_run_rows import breakdown_json
from server.services.billing.credits import settle_by_credit
from server.services.billing.invoices import bill_number, invoice_serial, take_numbers
from server.services.service_requests.filing import PURPOSE

ADJUSTMENT_ISSUED = "bill_adjustment_issued"
_OWED = {"vi": "số tiền cần trả thêm", "en": "to pay"}
_CREDIT = {"vi": "được trừ vào hóa đơn kỳ sau", "en": "credited to your next bill"}


async def issue_adjustment(
    session: AsyncSession,
    r: ServiceRequest,
    bill: BillRow,
    corrected_kwh: Decimal,
    reason: str,
    staff: str,
) -> BillAdjustment:
    before, norms = await norms_of(SessionReads(session), bill)  # in this transaction
    corrected = compute_bill_with_norms(
        corrected_kwh, bill.period_start, bill.period_end, before, norms
    )
    total = corrected.total - bill.total
    if total == 0:
        raise AppError(
            422, "no_difference", "The corrected kWh give the same total: close it as no_change."
        )
    today = clock.today()
    serial = invoice_serial(bill.customer_code, today)
    number = await take_numbers(session, serial, 1)
    adj = BillAdjustment(
        customer_code=bill.customer_code,
        bill_id=bill.id,
        request_id=r.id,
        period_start=bill.period_start,
        period_end=bill.period_end,
        households=bill.households,
        wh_before=bill.wh,
        wh_after=int(corrected_kwh * 1000),
        total_before=bill.total,
        subtotal=corrected.subtotal - bill.subtotal,
        vat=corrected.vat - bill.vat,
        total=total,
        breakdown=_json(corrected),
        reason=reason,
        invoice_serial=serial,
        invoice_no=number,
        issued_on=today,
        due_date=today + PAYMENT_TERM if total > 0 else None,
        status="unpaid" if total > 0 else "credit",
    )
    session.add(adj)
    await session.flush()
    if total < 0:
        adj.carried_to_bill_id = await next_bill_id(session, bill)
        if adj.carried_to_bill_id is not None:
            await session.flush()
            await settle_by_credit(session, adj.carried_to_bill_id, clock.now())
    audit.record(
        session, "bill_adjustment_issued", PURPOSE, actor=None, actor_label=staff[:40],
        customer_code=bill.customer_code,
        detail=f"{r.tracking_no}: {bill_number(serial, number)} {total:+d} VND for bill {bill.id}",
    )  # fmt: skip
    await _tell(session, adj, r)
    return adj


def _json(breakdown) -> dict:
    return json.loads(breakdown_json(breakdown))


async def next_bill_id(session: AsyncSession, bill: BillRow) -> int | None:
    """The consumption bill a credit is carried to: the first one after the corrected bill
    that is still unpaid (None until the next bill run issues one)."""
    return await session.scalar(
        select(BillRow.id)
        .where(
            BillRow.customer_code == bill.customer_code,
            BillRow.period_month > bill.period_month,
            BillRow.status == "unpaid",
        )
        .order_by(BillRow.period_month)
        .limit(1)
    )


async def _tell(session: AsyncSession, adj: BillAdjustment, r: ServiceRequest) -> None:
    users = await session.scalars(
        select(Link.user_id).where(Link.customer_code == adj.customer_code, household_link())
    )
    params = {
        "code": adj.customer_code,
        "adjustment_id": adj.id,
        "bill_id": adj.bill_id,
        "tracking_no": r.tracking_no,
        "amount": abs(adj.total),
        "direction": _OWED if adj.total > 0 else _CREDIT,
        "due_date": adj.due_date.isoformat() if adj.due_date else "",
        "reason": adj.reason,
    }
    for user_id in set(users):
        notify(
            session, user_id, ADJUSTMENT_ISSUED, params, customer_code=adj.customer_code,
            ref=("adjustment", str(adj.id)),
        )  # fmt: skip
