"""One bill of a code for the bill insight: `bill_line` on the read path (server/reads.py; the
explainer, the readings, a review's snapshot), `find_bill` the ORM row for the write path
(closing a review issues an adjustment against it). Plain reads of bills are in
server/services/billing/bills.py."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Text, bindparam, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Bill as BillRow
from server.problems import AppError
from server.reads import Query, Reads, Row
from server.services.billing.bills import BILL_NOT_FOUND


class BillLine(NamedTuple):
    """A bill's columns as the insight reads them (by column name), its VAT rate parsed."""

    id: int
    customer_code: str
    period_month: date
    period_start: date
    period_end: date
    households: int
    start_index_wh: int
    end_index_wh: int
    wh: int
    total: int
    invoice_serial: str
    invoice_no: int
    vat_rate: Decimal


_FIELDS = [f for f in BillLine._fields if f != "vat_rate"]
COLUMNS = (
    *(getattr(BillRow, f) for f in _FIELDS),
    cast(BillRow.breakdown, Text).label("breakdown"),  # JSON text on both databases
)
_ONE = Query(
    select(*COLUMNS).where(
        BillRow.id == bindparam("bill_id"), BillRow.customer_code == bindparam("code")
    )
)


def bill_line_of(row: Row) -> BillLine:
    rate = Decimal(str(json.loads(row["breakdown"])["vat_rate"]))
    return BillLine(**{f: row[f] for f in _FIELDS}, vat_rate=rate)


async def bill_line(reads: Reads, code: str, bill_id: int) -> BillLine:
    row = await reads.first(_ONE, bill_id=bill_id, code=code)
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    return bill_line_of(row)


async def find_bill(session: AsyncSession, code: str, bill_id: int) -> BillRow:
    row = (
        await session.execute(
            select(BillRow).where(BillRow.id == bill_id, BillRow.customer_code == code)
        )
    ).scalar_one_or_none()
    if row is None:
        raise AppError(404, "bill_not_found", BILL_NOT_FOUND)
    return row
