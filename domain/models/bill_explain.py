"""Wire shape of GET /accounts/{code}/bills/{id}/explain (issue 18)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel


class AgainstBill(BaseModel):
    id: int
    period_start: date
    period_end: date
    kwh: Decimal
    total: int


class BillEffect(BaseModel):
    """One cause of the change; `amount` is signed đồng. The effects add up to `difference`."""

    kind: Literal["days", "usage", "households", "price", "vat", "other"]
    amount: int
    detail: dict[str, object]


class BillExplanation(BaseModel):
    """Why this bill differs from `against_bill` (None: nothing to compare with, `difference`
    None and no effects). Method: fixed-order substitution, see `method`."""

    bill_id: int
    against: Literal["previous", "last_year"]
    against_bill: AgainstBill | None
    difference: int | None
    effects: list[BillEffect]
    sentence: str
    method: str = "fixed-order substitution: days, usage (daily average), households, price, vat"


class IndexSource(BaseModel):
    """How one index was read: `ami` (remote daily register), `manual` (read on `on` by the
    reader, or sent in by the customer), `installation` (the meter's first index), or
    `estimated` with the `reason` and, for AMI, `count` of filled days."""

    method: Literal["ami", "manual", "installation", "estimated"]
    on: date | None = None
    source: str | None = None
    reason: str | None = None
    count: int | None = None


class BillReadings(BaseModel):
    """GET /accounts/{code}/bills/{id}/readings: where each number of the bill came from."""

    bill_id: int
    meter_type: str
    days: int
    start_index: Decimal
    end_index: Decimal
    start: IndexSource
    end: IndexSource
    estimated_days: list[date] = []
    missing_days: int = 0


class EstimatedMonths(BaseModel):
    months: list[str]  # YYYY-MM
