"""The payment webhook paying an adjustment bill (issue 18): the same rules as a bill — the
exact amount, paid once by a conditional UPDATE … WHERE status = 'unpaid', a transaction id
pays one thing (bills' and adjustments' ids both count), each approved link told once."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from domain import clock
from server.models import Bill, Link
from server.models.accounts import household_link
from server.models.adjustments import BillAdjustment
from server.notify.inbox import notify
from server.notify.kinds import PAYMENT_RECEIVED
from server.services.billing.periods import month_label, month_start
from server.services.payments.batch_pay import batch_transaction
from server.services.payments.wire import WebhookResult


async def pay_adjustment(hook, pay, parts: tuple[str, int]):
    """The WebhookResult, or None when no adjustment has this number either."""
    s = hook.session
    adj = await s.scalar(
        select(BillAdjustment).where(
            BillAdjustment.invoice_serial == parts[0], BillAdjustment.invoice_no == parts[1]
        )
    )
    if adj is None:
        return None
    adj_id, code = adj.id, adj.customer_code
    result = WebhookResult(status="duplicate", bill_id=adj_id, bill_no=pay.bill_no)
    if adj.transaction_id == pay.transaction_id:
        return await hook._done(200, "duplicate", result)
    if adj.status == "paid":
        raise await hook._refuse(409, "already_paid", "bill_already_paid", "Bill is paid.")
    if adj.status != "unpaid" or pay.amount != adj.total:
        raise await hook._refuse(
            422, "amount_mismatch", "amount_mismatch",
            f"Amount {pay.amount} is not the adjustment's amount owed.",
        )  # fmt: skip
    used = await s.scalar(select(Bill.id).where(Bill.transaction_id == pay.transaction_id))
    if used is not None or await batch_transaction(s, pay.transaction_id):
        raise await hook._refuse(
            409, "transaction_reused", "transaction_reused", "Transaction paid another bill."
        )
    paid_at = pay.paid_at or clock.now()
    try:
        changed = await s.execute(
            update(BillAdjustment)
            .where(BillAdjustment.id == adj_id, BillAdjustment.status == "unpaid")
            .values(
                status="paid", paid_at=paid_at, channel=pay.channel,
                transaction_id=pay.transaction_id,
            )
        )  # fmt: skip
    except IntegrityError:
        raise await hook._refuse(
            409, "transaction_reused", "transaction_reused", "Transaction paid another bill."
        ) from None
    if changed.rowcount != 1:
        await s.rollback()
        paid_by = await s.scalar(
            select(BillAdjustment.transaction_id).where(BillAdjustment.id == adj_id)
        )
        if paid_by == pay.transaction_id:
            return await hook._done(200, "duplicate", result)
        raise await hook._refuse(409, "already_paid", "bill_already_paid", "Bill is paid.")
    users = await s.scalars(
        select(Link.user_id).where(Link.customer_code == code, household_link())
    )
    adj = await s.get(BillAdjustment, adj_id)
    params = {
        "code": code, "bill_id": adj.bill_id, "adjustment_id": adj_id,
        "month": month_label(month_start(adj.period_end)), "amount": pay.amount,
        "paid_at": paid_at.isoformat(), "channel": pay.channel,
        "transaction_id": pay.transaction_id,
    }  # fmt: skip
    for user_id in set(users):
        notify(
            s, user_id, PAYMENT_RECEIVED, params, customer_code=code,
            ref=("adjustment", str(adj_id)),
        )  # fmt: skip
    hook.event.detail = f"adjustment {adj_id}"
    result.status = "paid"
    return await hook._done(200, "paid", result)
