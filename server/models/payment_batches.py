"""Payment batches (issue 21): one VietQR paying every unpaid bill of a customer code at once.

A batch names its bills and adjustment bills (`items`: [["bill", id, total], ["adjustment",
id, total], …]) and their sum; its `reference` goes in the QR's fields 62.01 and 62.08 so the
bank transfer carries it back to the payment webhook (server/services/payments/batch_pay.py).
status: open | paid. `items_key` is a hash of the sorted items, so a live identical batch is
found and reused instead of making another."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class PaymentBatch(Base):
    __tablename__ = "payment_batches"
    __table_args__ = (Index("ix_payment_batches_code_key", "customer_code", "items_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    reference: Mapped[str] = mapped_column(String(25), unique=True)
    customer_code: Mapped[str] = mapped_column(String(13))
    created_by: Mapped[int] = mapped_column(BigId)
    items: Mapped[list] = mapped_column(JSON)
    items_key: Mapped[str] = mapped_column(String(64))  # sha256 of the sorted items
    amount: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(8), default="open")  # open | paid
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(String(30))
    transaction_id: Mapped[str | None] = mapped_column(String(64), unique=True)
