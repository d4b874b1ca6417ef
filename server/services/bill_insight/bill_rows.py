"""The ORM row of one bill of a code, for the bill-review write path (filing a review, issuing
an adjustment) and the explainer that recomputes it. Plain reads of bills go through the read
path (server/services/billing/bills.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Bill as BillRow
from server.problems import AppError
from server.services.billing.bills import BILL_NOT_FOUND


async def find_bill(session: AsyncSession, code: str, bill_id: int) -> BillRow:
    row = (
        await session.execute(
            select(BillRow).where(BillRow.id == bill_id, BillRow.customer_code == code)
        )
    ).scalar_one_or_none()
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    return row
