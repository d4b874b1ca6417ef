"""Payment webhook of the bank/gateway: signature, time window, idempotency, amount check.

Signature: X-Timestamp = Unix seconds; X-Signature = hex HMAC-SHA256 with the shared secret
(DIENNHA_WEBHOOK_SECRET) over f"{X-Timestamp}.{raw body}" ("sha256=" prefix allowed). A
timestamp more than 5 minutes from our clock is refused, so a captured call cannot be replayed
later; within the window a replay is a duplicate delivery, answered 200 and changing nothing.

Body: {"transaction_id": "FT2506…", "bill_no": "1C25TPE00000123", "amount": 346356,
       "paid_at": "2025-07-03T02:15:00Z" (optional), "channel": "vietqr" (optional)}

Every call, good or bad, leaves a payment_events row. A bill is paid by one conditional
UPDATE … WHERE status = 'unpaid', so it is paid once; bills.transaction_id is unique, so a
transaction pays one bill. The amount must equal the bill's amount due: its total less the
credits of adjustment bills carried to it (server/services/billing/credits.py).

Payment batches (issue 21): `bill_no` may instead carry a batch reference (`TT` + 11
characters, from POST /accounts/{code}/payment-batches). One transaction then pays every bill
of the batch, all or nothing: the amount must equal the batch total, a replay changes nothing,
and if any bill of the batch was paid meanwhile nothing is paid (409 batch_bill_paid). The
rules in full: server/services/payments/batch_pay.py. A transaction id pays one bill, one
adjustment or one batch, never two of them."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.digits import ascii_int
from server.models import Bill, Link, PaymentEvent
from server.models.accounts import household_link
from server.notify.inbox import notify
from server.notify.kinds import PAYMENT_RECEIVED
from server.problems import AppError
from server.services.billing.credits import amount_due, credit_of
from server.services.billing.invoices import split_bill_number
from server.services.billing.periods import month_label
from server.services.payments.batch_pay import batch_transaction, pay_batch
from server.services.payments.batches import is_reference
from server.services.payments.wire import (
    WINDOW_SECONDS,
    WebhookPayment,
    WebhookResult,
    sign,
)

log = logging.getLogger("diennha.payments")


class Webhook:
    """One delivery: checks in order and writes its audit row whatever the outcome."""

    def __init__(self, session: AsyncSession, secret: str, remote_ip: str | None) -> None:
        self.session, self.secret, self.remote_ip = session, secret, remote_ip
        self.event = PaymentEvent(outcome="received", status_code=0, remote_ip=remote_ip)

    async def _refuse(self, status: int, outcome: str, code: str, detail: str) -> AppError:
        """Keeps the audit row of a refused call (in its own commit) and returns the error."""
        await self.session.rollback()
        self.event.outcome, self.event.status_code = outcome, status
        self.event.detail = detail[:300]
        self.session.add(self.event)
        await self.session.commit()
        return AppError(status, code, detail)

    async def refuse_too_large(self, limit: int, declared: int | None) -> AppError:
        """A body over the size limit is not read (nor hashed): the audit row says so."""
        self.event.body_sha256 = "-" * 64
        size = f"{declared} bytes" if declared is not None else "more"
        return await self._refuse(
            413,
            "too_large",
            "payload_too_large",
            f"The request body ({size}) is larger than {limit} bytes.",
        )

    async def record_failure(self) -> None:
        """An unexpected failure is audited too ("every call"), then the generic 500 goes out."""
        try:
            await self.session.rollback()
            if inspect(self.event).has_identity:
                return  # its row was committed (the failure came after): it stands as written
            self.event.outcome, self.event.status_code = "error", 500
            self.event.detail = "internal error"
            self.session.add(self.event)
            await self.session.commit()
        except Exception:  # the database itself is the failure: nothing more can be kept
            log.exception("payment webhook: the audit row of a failed call was not written")

    async def handle(self, body: bytes, timestamp: str | None, signature: str | None):
        self.event.body_sha256 = hashlib.sha256(body).hexdigest()
        expected = sign(self.secret, timestamp or "", body)
        given = (signature or "").strip().removeprefix("sha256=").lower()
        if not hmac.compare_digest(expected, given):
            raise await self._refuse(
                401, "bad_signature", "bad_signature", "Signature check failed."
            )
        sent_at = ascii_int(timestamp, max_digits=12)
        if sent_at is None or abs(time.time() - sent_at) > WINDOW_SECONDS:
            raise await self._refuse(
                401, "stale", "stale_timestamp", "X-Timestamp is missing or outside 5 minutes."
            )
        try:
            pay = WebhookPayment.model_validate_json(body)
        except ValidationError as exc:
            raise await self._refuse(
                422,
                "invalid",
                "invalid_payment",
                f"Body is not a payment: {exc.errors()[0]['msg']}",
            ) from None
        self.event.transaction_id, self.event.bill_no = pay.transaction_id, pay.bill_no
        self.event.amount = pay.amount
        return await self._apply(pay)

    async def _apply(self, pay: WebhookPayment) -> WebhookResult:
        s = self.session
        parts = split_bill_number(pay.bill_no)
        if parts is None and is_reference(pay.bill_no):
            paid_batch = await pay_batch(self, pay)
            if paid_batch is not None:
                return paid_batch
        bill = None
        if parts is not None:
            bill = (
                await s.execute(
                    select(Bill).where(Bill.invoice_serial == parts[0], Bill.invoice_no == parts[1])
                )
            ).scalar_one_or_none()
        if bill is None and parts is not None:  # an adjustment bill's number (issue 18)
            from server.services.payments.adjustment_pay import pay_adjustment

            paid = await pay_adjustment(self, pay, parts)
            if paid is not None:
                return paid
        if bill is None:
            raise await self._refuse(
                404, "unknown_bill", "bill_not_found", "No bill has that number."
            )
        self.event.bill_id = bill.id
        result = WebhookResult(status="duplicate", bill_id=bill.id, bill_no=pay.bill_no)
        if bill.transaction_id == pay.transaction_id:
            return await self._done(200, "duplicate", result)
        if bill.status == "paid":
            raise await self._refuse(409, "already_paid", "bill_already_paid", "Bill is paid.")
        due = amount_due(bill.total, await credit_of(s, bill.id))
        if pay.amount != due:
            raise await self._refuse(
                422,
                "amount_mismatch",
                "amount_mismatch",
                f"Amount {pay.amount} is not the amount due {due} (total {bill.total}).",
            )
        if await batch_transaction(s, pay.transaction_id):
            raise await self._refuse(
                409, "transaction_reused", "transaction_reused", "Transaction paid another bill."
            )
        paid_at = pay.paid_at or clock.now()
        try:
            changed = await s.execute(
                update(Bill)
                .where(Bill.id == bill.id, Bill.status == "unpaid")
                .values(
                    status="paid",
                    paid_at=paid_at,
                    channel=pay.channel,
                    transaction_id=pay.transaction_id,
                )
            )
        except IntegrityError:  # this transaction id already paid another bill
            raise await self._refuse(
                409, "transaction_reused", "transaction_reused", "Transaction paid another bill."
            ) from None
        if changed.rowcount != 1:  # a concurrent delivery got there first
            bill_id = result.bill_id  # the rollback expires `bill`; read nothing from it
            await s.rollback()
            paid_by = await s.scalar(select(Bill.transaction_id).where(Bill.id == bill_id))
            if paid_by == pay.transaction_id:
                return await self._done(200, "duplicate", result)
            raise await self._refuse(409, "already_paid", "bill_already_paid", "Bill is paid.")
        await self._tell_links(bill, pay, paid_at)
        result.status = "paid"
        return await self._done(200, "paid", result)

    async def _done(self, status: int, outcome: str, result: WebhookResult) -> WebhookResult:
        self.event.outcome, self.event.status_code = outcome, status
        self.session.add(self.event)
        return result  # the caller commits (and announces the notices)

    async def _tell_links(self, bill: Bill, pay: WebhookPayment, paid_at: datetime) -> None:
        users = await self.session.execute(
            select(Link.user_id).where(Link.customer_code == bill.customer_code, household_link())
        )
        params = {
            "code": bill.customer_code,
            "bill_id": bill.id,
            "month": month_label(bill.period_month),
            "amount": pay.amount,
            "paid_at": paid_at.isoformat(),
            "channel": pay.channel,
            "transaction_id": pay.transaction_id,
        }
        for user_id in users.scalars():
            notify(
                self.session,
                user_id,
                PAYMENT_RECEIVED,
                params,
                customer_code=bill.customer_code,
                ref=("bill", str(bill.id)),
            )
