"""Credits from adjustment bills (issue 18) as the payment side sees them.

A review closed `corrected` that returns money issues an adjustment bill with a negative total
(status `credit`) carried to the code's next consumption bill (`carried_to_bill_id`). The
consumption bill keeps its invoice `total` (the e-invoice amount is legally the bill's own);
the credit is a deduction on the payment side only:

    credit     = Σ −total of the credits carried to the bill (≥ 0)
    amount_due = max(total − credit, 0)

The VietQR, the webhook's amount check and payment batches use `amount_due`. A bill whose
credit covers it all is paid by credit when the credit is carried: status `paid`, channel
`credit`, `paid_at` the moment it was carried, no transaction; it needs no QR (409
`paid_by_credit`). The part of a credit above the bill is not carried further (yet).

A credit issued while the code has no later unpaid bill (the newest bill was the corrected one,
or it is paid already) waits (`carried_to_bill_id` NULL) for the next bill run, which carries
it to the bill it issues (`carry_waiting_credits`), in the same transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, CursorResult, cast, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from server.models import Bill as BillRow
from server.models.adjustments import BillAdjustment
from server.services.billing.batch_sql import one_of

CREDIT_CHANNEL = "credit"


def credit_column() -> ColumnElement[int]:
    """The bill's credit as a correlated subquery on `bills` (one value per bill row; the same
    SQL on SQLite and PostgreSQL, an integer on both), labelled `credit`."""
    return credit_sum().label("credit")


def credit_sum() -> ColumnElement[int]:
    return (
        select(cast(func.coalesce(func.sum(-BillAdjustment.total), 0), BigInteger))
        .where(
            BillAdjustment.carried_to_bill_id == BillRow.id,
            BillAdjustment.status == "credit",
        )
        .correlate(BillRow)
        .scalar_subquery()
    )


def amount_due(total: int, credit: int | None) -> int:
    return max(total - int(credit or 0), 0)


async def credit_of(session: AsyncSession, bill_id: int) -> int:
    credit = await session.scalar(
        select(func.coalesce(func.sum(-BillAdjustment.total), 0)).where(
            BillAdjustment.carried_to_bill_id == bill_id, BillAdjustment.status == "credit"
        )
    )
    return int(credit or 0)


async def settle_by_credit(session: AsyncSession, bill_id: int, at: datetime) -> bool:
    """Marks the bill paid by credit when its credits cover its total (once, conditionally on
    it being unpaid, as every payment). True when it did."""
    credit = await credit_of(session, bill_id)
    changed: CursorResult[Any] = await session.execute(  # type: ignore[assignment]
        update(BillRow)
        .where(BillRow.id == bill_id, BillRow.status == "unpaid", BillRow.total <= credit)
        .values(status="paid", paid_at=at, channel=CREDIT_CHANNEL)
    )
    return bool(changed.rowcount)


async def carry_waiting_credits(session: AsyncSession, codes: list[str], at: datetime) -> int:
    """Carries the waiting credits of `codes` to each code's first unpaid bill after the
    corrected one (the bill a run just issued), then settles the bills they cover. One UPDATE
    for the batch; the number of credits carried."""
    corrected = aliased(BillRow)
    after_corrected = (
        select(corrected.period_month)
        .where(corrected.id == BillAdjustment.bill_id)
        .scalar_subquery()
    )
    target = (
        select(BillRow.id)
        .where(
            BillRow.customer_code == BillAdjustment.customer_code,
            BillRow.status == "unpaid",
            BillRow.period_month > after_corrected,
        )
        .order_by(BillRow.period_month)
        .limit(1)
        .scalar_subquery()
    )
    waiting = (
        BillAdjustment.status == "credit",
        BillAdjustment.carried_to_bill_id.is_(None),
        one_of(session, BillAdjustment.customer_code, codes),
    )
    if await session.scalar(select(BillAdjustment.id).where(*waiting).limit(1)) is None:
        return 0  # the usual case: one indexed probe, no UPDATE
    carried = await session.execute(
        update(BillAdjustment)
        .where(*waiting)
        .values(carried_to_bill_id=target)
        .returning(BillAdjustment.carried_to_bill_id)
        .execution_options(synchronize_session=False)
    )
    bills = {bill_id for (bill_id,) in carried.all() if bill_id is not None}
    for bill_id in sorted(bills):
        await settle_by_credit(session, bill_id, at)
    return len(bills)
