"""Wire shapes of the bill review (issue 18): filing it from a bill, staff closing it, and the
adjustment bill a correction issues."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from domain.models.billing import Breakdown, KwhInput
from domain.models.common import WireModel


class ReviewCreate(WireModel):
    """POST /accounts/{code}/bills/{id}/review: what the person doubts, optional."""

    note: str | None = Field(default=None, max_length=300)


class ReviewFiled(BaseModel):
    request_id: int
    tracking_no: str
    status: str


class ReviewClose(WireModel):
    """Staff: `no_change` with the reason the customer reads, or `corrected` with the kWh the
    bill should have had (an adjustment bill of the difference is issued)."""

    outcome: Literal["no_change", "corrected"]
    reason: str = Field(min_length=3, max_length=500)
    corrected_kwh: KwhInput | None = None

    @model_validator(mode="after")
    def _kwh_when_corrected(self) -> ReviewClose:
        if self.outcome == "corrected" and self.corrected_kwh is None:
            raise ValueError("a correction needs corrected_kwh")
        return self


class ReviewClosed(BaseModel):
    request_id: int
    status: str
    outcome: str
    adjustment_id: int | None = None


AdjustmentStatus = Literal["unpaid", "paid", "overdue", "credit"]


class AdjustmentSummary(BaseModel):
    """An adjustment bill in a list. `total` is signed: > 0 owed, < 0 returned (a credit
    carried to `carried_to_bill_id`, the next consumption bill, once there is one)."""

    id: int
    customer_code: str
    bill_id: int
    invoice_serial: str
    invoice_no: str
    issued_on: date
    due_date: date | None
    period_start: date
    period_end: date
    total: int
    status: AdjustmentStatus
    carried_to_bill_id: int | None = None
    paid_at: datetime | None = None


class Adjustment(AdjustmentSummary):
    kwh_before: Decimal
    kwh_after: Decimal
    kwh: Decimal  # signed: after − before
    total_before: int
    total_after: int
    subtotal: int
    vat_rate: Decimal
    vat: int
    households: int
    reason: str
    channel: str | None = None
    request_id: int
    breakdown: Breakdown  # the corrected bill's
