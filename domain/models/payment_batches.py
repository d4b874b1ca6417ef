"""Wire shapes of a payment batch (issue 21): one VietQR paying several unpaid bills of one
customer code at once, its reference carried by the bank transfer back to the webhook."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from domain.models.bills import PaymentQr
from domain.models.common import JSON_NUMBER, WireModel

MAX_BATCH_BILLS = 36  # three years of monthly bills
BatchRowId = Annotated[int, Field(ge=1, le=2**62), JSON_NUMBER]


class PaymentBatchCreate(WireModel):
    """Which bills to pay together. Both lists left out: every unpaid bill of the code and
    every adjustment bill still owed. Given: exactly those (each must be unpaid)."""

    bill_ids: list[BatchRowId] | None = Field(default=None, max_length=MAX_BATCH_BILLS)
    adjustment_ids: list[BatchRowId] | None = Field(default=None, max_length=MAX_BATCH_BILLS)


class PaymentBatch(BaseModel):
    """A batch and its QR: `qr.amount` = `amount` = the sum of the bills' totals; the
    `reference` is in the QR's fields 62.01 (bill number) and 62.08 (transfer note)."""

    reference: str
    customer_code: str
    bill_ids: list[int]
    adjustment_ids: list[int]
    amount: int
    status: str  # open | paid
    expires_at: datetime
    qr: PaymentQr
