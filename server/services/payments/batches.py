"""Payment batches (issue 21): one VietQR paying the total of several unpaid bills of a code.

Made by any approved link (owner or member) of the code. Without a body it takes every unpaid
bill of the code and every adjustment bill still owed; with `bill_ids`/`adjustment_ids`, exactly
those (each must be the code's and unpaid: 404 bill_not_found / 409 bill_already_paid). A bill
counts for its amount due (total less the credits carried to it, billing/credits.py). A live
identical batch (same code, same items and totals, open, not expired) is reused: answered 200
instead of 201, so pressing "pay all" twice makes one batch, one reference.

The QR is the per-bill VietQR builder with the batch `reference` in field 62.01 (the bill number
the webhook matches) and the transfer note 62.08 `TD <reference> <n>HD`. `expires_at` (24 h)
limits reuse and display only; the webhook settles by the rules of
server/services/payments/batch_pay.py."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.models.bills import PaymentQr
from domain.models.payment_batches import PaymentBatch as PaymentBatchWire
from domain.models.payment_batches import PaymentBatchCreate
from domain.vietqr import build_payload
from server.config import Settings
from server.models import Bill
from server.models.adjustments import BillAdjustment
from server.models.payment_batches import PaymentBatch
from server.problems import AppError
from server.services.billing.credits import credit_sum

LIFETIME = timedelta(hours=24)
PREFIX = "TT"  # 13 characters in all: never a bill number (7-character serial + 8 digits)
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    return PREFIX + "".join(secrets.choice(_ALPHABET) for _ in range(11))


def is_reference(text: str) -> bool:
    text = text.strip().upper()
    return len(text) == 13 and text.startswith(PREFIX)


def items_key(items: list[list]) -> str:
    text = ";".join(f"{kind}:{row_id}:{total}" for kind, row_id, total in items)
    return hashlib.sha256(text.encode()).hexdigest()


async def _owed(
    session: AsyncSession, code: str, body: PaymentBatchCreate
) -> list[list]:  # [[kind, id, total], …] sorted
    everything = body.bill_ids is None and body.adjustment_ids is None
    items: list[list] = []
    for kind, table, wanted in (
        ("bill", Bill, body.bill_ids),
        ("adjustment", BillAdjustment, body.adjustment_ids),
    ):
        if not everything and not wanted:
            continue
        # A consumption bill is owed its amount due (total less credits carried to it).
        due = (table.total - credit_sum()) if table is Bill else table.total
        q = select(table.id, due, table.status).where(table.customer_code == code)
        if everything:
            q = q.where(table.status == "unpaid", due > 0)
        else:
            q = q.where(table.id.in_(set(wanted or ())))
        rows = (await session.execute(q)).all()
        if not everything and len(rows) != len(set(wanted or ())):
            raise AppError(404, "bill_not_found", "No bill of this code has that id.")
        for row_id, total, status in rows:
            if status != "unpaid" or total <= 0:
                raise AppError(409, "bill_already_paid", f"The {kind} {row_id} is not owed.")
            items.append([kind, int(row_id), int(total)])
    if not items:
        raise AppError(409, "nothing_to_pay", "This customer code owes nothing.")
    return sorted(items)


def qr_of(batch: PaymentBatch, settings: Settings) -> PaymentQr:
    purpose = f"TD {batch.reference} {len(batch.items)}HD"
    return PaymentQr(
        payload=build_payload(
            settings.bank_bin,
            settings.bank_account,
            amount=batch.amount,
            bill_number=batch.reference,
            purpose=purpose,
        ),
        amount=batch.amount,
        bill_no=batch.reference,
        bank_bin=settings.bank_bin,
        account=settings.bank_account,
        account_name=settings.bank_account_name,
        purpose=purpose,
    )


def wire(batch: PaymentBatch, settings: Settings) -> PaymentBatchWire:
    return PaymentBatchWire(
        reference=batch.reference,
        customer_code=batch.customer_code,
        bill_ids=[i for kind, i, _ in batch.items if kind == "bill"],
        adjustment_ids=[i for kind, i, _ in batch.items if kind == "adjustment"],
        amount=batch.amount,
        status=batch.status,
        expires_at=batch.expires_at,
        qr=qr_of(batch, settings),
    )


async def make_batch(
    session: AsyncSession, code: str, user_id: int, body: PaymentBatchCreate, settings: Settings
) -> tuple[PaymentBatchWire, bool]:
    """The batch (reused when a live identical one exists) and whether it was made now."""
    items = await _owed(session, code, body)
    key, now = items_key(items), clock.now()
    live = await session.scalar(
        select(PaymentBatch)
        .where(
            PaymentBatch.customer_code == code,
            PaymentBatch.items_key == key,
            PaymentBatch.status == "open",
            PaymentBatch.expires_at > now,
        )
        .order_by(PaymentBatch.id.desc())
        .limit(1)
    )
    if live is not None:
        return wire(live, settings), False
    batch = PaymentBatch(
        reference=new_reference(),
        customer_code=code,
        created_by=user_id,
        items=items,
        items_key=key,
        amount=sum(total for _, _, total in items),
        status="open",
        created_at=now,
        expires_at=now + LIFETIME,
    )
    session.add(batch)
    await session.commit()
    return wire(batch, settings), True
