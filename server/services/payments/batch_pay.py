"""The payment webhook paying a payment batch (issue 21): `bill_no` carries the batch
reference (`TT` + 11 characters, what the batch QR's field 62.01 holds).

Rules, in order (each refusal rolls back and leaves its payment_events row):
- the batch's own transaction again: 200 `duplicate`, nothing changes (a replay);
- the batch already paid by another transaction: 409 bill_already_paid;
- amount ≠ the batch total: 422 amount_mismatch;
- a transaction id that already paid a bill, an adjustment or another batch: 409
  transaction_reused;
- all or nothing: every bill and adjustment of the batch is paid by conditional UPDATEs
  … WHERE status = 'unpaid'; if any of them was paid meanwhile (its own QR, another batch),
  the whole delivery is refused with 409 batch_bill_paid (outcome `batch_stale`) and nothing
  is paid — the money is then returned by staff from the audit row, never half-applied;
- likewise when a bill's amount due changed since the batch was made (a credit from an
  adjustment bill reached it): 409 batch_bill_changed (outcome `batch_stale`), nothing paid.
An expired batch still settles (the money has moved; expiry only stops reuse and display).
Bills paid by a batch keep their own transaction_id empty (a transaction id is unique per
bill); the batch row holds it, and each bill's channel/paid_at are set. Each bill's approved
links get one "payment received" notice, as for a single bill."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from domain import clock
from server.models import Bill, Link
from server.models.accounts import household_link
from server.models.adjustments import BillAdjustment
from server.models.payment_batches import PaymentBatch
from server.notify.inbox import notify
from server.notify.kinds import PAYMENT_RECEIVED
from server.services.billing.credits import credit_sum
from server.services.billing.periods import month_label, month_start
from server.services.payments.wire import WebhookResult


async def batch_transaction(session, transaction_id: str) -> bool:
    """Whether a batch was already paid by this transaction (the single-bill paths ask)."""
    found = await session.scalar(
        select(PaymentBatch.id).where(PaymentBatch.transaction_id == transaction_id)
    )
    return found is not None


async def transaction_used(session, transaction_id: str) -> bool:
    """Whether a bill, an adjustment or a batch was already paid by this transaction."""
    for table in (Bill, BillAdjustment, PaymentBatch):
        found = await session.scalar(
            select(table.id).where(table.transaction_id == transaction_id).limit(1)
        )
        if found is not None:
            return True
    return False


async def pay_batch(hook, pay):
    """The WebhookResult, or None when no batch has this reference."""
    s = hook.session
    reference = pay.bill_no.strip().upper()
    batch = await s.scalar(select(PaymentBatch).where(PaymentBatch.reference == reference))
    if batch is None:
        return None
    batch_id, code, amount = batch.id, batch.customer_code, batch.amount
    bills = {i: total for kind, i, total in batch.items if kind == "bill"}
    adjs = {i: total for kind, i, total in batch.items if kind == "adjustment"}
    first = next(iter([*bills, *adjs]))
    hook.event.bill_id = first
    hook.event.detail = f"batch {reference}: bills {sorted(bills)} adjustments {sorted(adjs)}"[:300]
    result = WebhookResult(
        status="duplicate",
        bill_id=first,
        bill_no=pay.bill_no,
        batch=reference,
        bill_ids=sorted(bills),
        adjustment_ids=sorted(adjs),
    )
    if batch.transaction_id == pay.transaction_id:
        return await hook._done(200, "duplicate", result)
    if batch.status == "paid":
        raise await hook._refuse(409, "already_paid", "bill_already_paid", "Batch is paid.")
    if pay.amount != amount:
        raise await hook._refuse(
            422,
            "amount_mismatch",
            "amount_mismatch",
            f"Amount {pay.amount} is not the batch total {amount}.",
        )
    if await transaction_used(s, pay.transaction_id):
        raise await hook._refuse(
            409, "transaction_reused", "transaction_reused", "Transaction paid another bill."
        )
    if bills and await _dues(s, list(bills)) != bills:
        raise await hook._refuse(
            409, "batch_stale", "batch_bill_changed",
            "A credit reached a bill of this batch after it was made: nothing was paid.",
        )  # fmt: skip
    paid_at = pay.paid_at or clock.now()
    try:
        changed = await s.execute(
            update(PaymentBatch)
            .where(PaymentBatch.id == batch_id, PaymentBatch.status == "open")
            .values(
                status="paid",
                paid_at=paid_at,
                channel=pay.channel,
                transaction_id=pay.transaction_id,
            )
        )
    except IntegrityError:
        raise await hook._refuse(
            409, "transaction_reused", "transaction_reused", "Transaction paid another bill."
        ) from None
    if changed.rowcount != 1:  # a concurrent delivery got there first
        await s.rollback()
        paid_by = await s.scalar(
            select(PaymentBatch.transaction_id).where(PaymentBatch.id == batch_id)
        )
        if paid_by == pay.transaction_id:
            return await hook._done(200, "duplicate", result)
        raise await hook._refuse(409, "already_paid", "bill_already_paid", "Batch is paid.")
    values = {"status": "paid", "paid_at": paid_at, "channel": pay.channel}
    for table, ids in ((Bill, bills), (BillAdjustment, adjs)):
        if not ids:
            continue
        done = await s.execute(
            update(table)
            .where(table.id.in_(list(ids)), table.customer_code == code, table.status == "unpaid")
            .values(**values)
        )
        if done.rowcount != len(ids):
            raise await hook._refuse(
                409,
                "batch_stale",
                "batch_bill_paid",
                "A bill of this batch was paid meanwhile: nothing was paid.",
            )
    await _tell_links(s, code, bills, adjs, pay, paid_at)
    result.status = "paid"
    return await hook._done(200, "paid", result)


async def _dues(s, bill_ids: list[int]) -> dict[int, int]:
    """Each bill's amount due now (total less the credits carried to it since)."""
    rows = await s.execute(select(Bill.id, Bill.total - credit_sum()).where(Bill.id.in_(bill_ids)))
    return {int(i): int(due) for i, due in rows.all()}


async def _tell_links(s, code: str, bills: dict, adjs: dict, pay, paid_at) -> None:
    users = set(
        await s.scalars(select(Link.user_id).where(Link.customer_code == code, household_link()))
    )
    common = {
        "code": code,
        "paid_at": paid_at.isoformat(),
        "channel": pay.channel,
        "transaction_id": pay.transaction_id,
    }
    months = dict(
        (await s.execute(select(Bill.id, Bill.period_month).where(Bill.id.in_(list(bills))))).all()
    )
    adj_rows = (
        await s.execute(
            select(BillAdjustment.id, BillAdjustment.bill_id, BillAdjustment.period_end).where(
                BillAdjustment.id.in_(list(adjs))
            )
        )
    ).all()
    for bill_id, total in sorted(bills.items()):
        params = common | {"bill_id": bill_id, "month": month_label(months[bill_id])}
        for user_id in users:
            notify(
                s, user_id, PAYMENT_RECEIVED, params | {"amount": total},
                customer_code=code, ref=("bill", str(bill_id)),
            )  # fmt: skip
    for adj_id, bill_id, period_end in adj_rows:
        params = common | {
            "bill_id": bill_id, "adjustment_id": adj_id,
            "month": month_label(month_start(period_end)), "amount": adjs[adj_id],
        }  # fmt: skip
        for user_id in users:
            notify(
                s, user_id, PAYMENT_RECEIVED, params, customer_code=code,
                ref=("adjustment", str(adj_id)),
            )  # fmt: skip
