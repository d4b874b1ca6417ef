"""Adjustment bills (issue 18): a reviewed bill that was wrong is not rewritten; a new invoice
of the signed difference is issued (hóa đơn điều chỉnh), with its own number in the serial.

Kept apart from `bills` on purpose: usage charts, forecasts, reminders and the bill run read
`bills` as one consumption bill per month, and an adjustment is not consumption.

status: unpaid (money owed, payable by its own VietQR) | paid | credit (money returned: carried
to the next consumption bill, `carried_to_bill_id` once one exists)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class BillAdjustment(Base):
    __tablename__ = "bill_adjustments"
    __table_args__ = (
        UniqueConstraint("invoice_serial", "invoice_no", name="uq_bill_adjustments_invoice"),
        Index("ix_bill_adjustments_code_issued", "customer_code", "issued_on"),
        Index("ix_bill_adjustments_carried_to", "carried_to_bill_id"),  # credits.py sums
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_code: Mapped[str] = mapped_column(String(13))
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), index=True)
    request_id: Mapped[int] = mapped_column(BigId)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    households: Mapped[int] = mapped_column(Integer)
    wh_before: Mapped[int] = mapped_column(BigInteger)
    wh_after: Mapped[int] = mapped_column(BigInteger)
    total_before: Mapped[int] = mapped_column(BigInteger)
    # Signed differences: corrected bill minus the issued one.
    subtotal: Mapped[int] = mapped_column(BigInteger)
    vat: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    breakdown: Mapped[dict] = mapped_column(JSON)  # the corrected bill's Breakdown
    reason: Mapped[str] = mapped_column(String(500))
    invoice_serial: Mapped[str] = mapped_column(String(10))
    invoice_no: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8))  # unpaid | paid | credit
    carried_to_bill_id: Mapped[int | None] = mapped_column(BigId)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(String(30))
    transaction_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
