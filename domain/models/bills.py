"""Wire shapes of bills: list items, the full bill with its tier breakdown, and the VietQR."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, computed_field

from domain.models.billing import Breakdown

BillStatus = Literal["unpaid", "paid", "overdue"]


class BillSummary(BaseModel):
    """A bill in a list. `overdue` = unpaid after `due_date`.

    `total` is the invoice total (the e-invoice amount); `credit` the sum of the credits of
    adjustment bills carried to this bill (≥ 0) and `amount_due` = max(total − credit, 0), what
    the person pays (the QR's amount). A bill its credit covers is `paid` with channel
    `credit`, `paid_at` when the credit was carried."""

    id: int
    customer_code: str
    period_start: date
    period_end: date
    invoice_serial: str
    invoice_no: str
    kwh: Decimal
    total: int
    due_date: date
    status: BillStatus
    paid_at: datetime | None = None
    credit: int = Field(default=0, ge=0)
    channel: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def amount_due(self) -> int:
        """What is left to pay: max(total − credit, 0)."""
        return max(self.total - self.credit, 0)


class Bill(BillSummary):
    """The whole bill: register indexes in kWh, tier breakdown (one part per tariff table in
    force during the period), subtotal, VAT, total, payment date and channel."""

    start_index: Decimal
    end_index: Decimal
    subtotal: int
    vat_rate: Decimal
    vat: int
    issued_on: date
    households: int
    breakdown: Breakdown


class PaymentQr(BaseModel):
    """A dynamic VietQR paying this bill's exact amount due; `bill_no` is in field 62.01 so the
    payment is matched to the bill without anything typed."""

    payload: str
    amount: int
    bill_no: str
    bank_bin: str
    account: str
    account_name: str
    purpose: str


class BillStatusPublic(BaseModel):
    """The latest bill of a customer code for anyone who knows the code (kiosk, guest): its
    period, total, due date and status only — no name, address, readings or invoice number."""

    customer_code: str
    period_start: date
    period_end: date
    total: int
    due_date: date
    status: BillStatus
    # Every unpaid bill of the code, not only the newest: an older one may be overdue.
    unpaid_count: int = 0
    unpaid_total: int = 0
    overdue_count: int = 0
    oldest_unpaid_due: date | None = None
