"""Bills (one per contract per billing month), invoice number counters and the audit trail
of every payment notification the bank gateway sends."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class Bill(Base):
    """An issued bill. Energy and register indexes are whole Wh; money is whole VND.

    `status` is stored as unpaid | paid; "overdue" is unpaid past `due_date`, worked out when
    read, so no job has to flip it. A bill is paid once: `transaction_id` is unique and the
    payment is a conditional UPDATE … WHERE status = 'unpaid'.
    """

    __tablename__ = "bills"
    __table_args__ = (
        # One bill per contract per month: the bill run's idempotence, and the index of
        # "bills of a year" and "24 months of usage" (a range on period_month).
        # INCLUDE (PostgreSQL): monthly usage reads wh and total index-only (revision 0003).
        UniqueConstraint(
            "customer_code",
            "period_month",
            name="uq_bills_code_month",
            postgresql_include=["wh", "total"],
        ),
        UniqueConstraint("invoice_serial", "invoice_no", name="uq_bills_invoice"),
        Index("ix_bills_status_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("contracts.customer_code"))
    period_month: Mapped[date] = mapped_column(Date)  # first day of the month the period ends in
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    households: Mapped[int] = mapped_column(Integer, default=1)
    start_index_wh: Mapped[int] = mapped_column(BigInteger)
    end_index_wh: Mapped[int] = mapped_column(BigInteger)
    wh: Mapped[int] = mapped_column(BigInteger)
    subtotal: Mapped[int] = mapped_column(BigInteger)
    vat: Mapped[int] = mapped_column(BigInteger)
    total: Mapped[int] = mapped_column(BigInteger)
    breakdown: Mapped[dict] = mapped_column(JSON)  # domain.models.billing.Breakdown as JSON
    invoice_serial: Mapped[str] = mapped_column(String(10))
    invoice_no: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8), default="unpaid")  # unpaid | paid
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(String(30))
    transaction_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InvoiceCounter(Base):
    """Last number used per invoice serial; numbers are taken in the bill's own transaction,
    so a bill run killed midway leaves no gap."""

    __tablename__ = "invoice_counters"

    serial: Mapped[str] = mapped_column(String(10), primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer, default=0)


class PaymentEvent(Base):
    """One call of the payment webhook, good or bad: what came, what we decided, why.
    No foreign key to bills: the record must stay whatever happens to the bill."""

    __tablename__ = "payment_events"
    __table_args__ = (Index("ix_payment_events_transaction_id", "transaction_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    outcome: Mapped[str] = mapped_column(String(24))
    status_code: Mapped[int] = mapped_column(Integer)
    transaction_id: Mapped[str | None] = mapped_column(String(64))
    bill_no: Mapped[str | None] = mapped_column(String(25))
    bill_id: Mapped[int | None] = mapped_column(BigInteger)
    amount: Mapped[int | None] = mapped_column(BigInteger)
    body_sha256: Mapped[str] = mapped_column(String(64))
    remote_ip: Mapped[str | None] = mapped_column(String(45))
    detail: Mapped[str | None] = mapped_column(String(300))
