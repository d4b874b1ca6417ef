"""The payment webhook's wire contract: the body a bank or gateway sends, the answer, and the
signature over both. Signature: X-Timestamp = Unix seconds; X-Signature = hex HMAC-SHA256 with
the shared secret (DIENNHA_WEBHOOK_SECRET) over f"{X-Timestamp}.{raw body}". The rules that
apply a payment: server/services/payments/webhook.py."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from domain.models.common import JSON_NUMBER, WireModel

WINDOW_SECONDS = 300
MAX_AMOUNT_VND = 10**15


class WebhookPayment(WireModel):
    transaction_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
    bill_no: str = Field(min_length=9, max_length=25, pattern=r"^[A-Za-z0-9]+$")
    # Beyond any bill (and a 64-bit column): 10^30 was a 500 with no audit row.
    amount: Annotated[int, Field(gt=0, le=MAX_AMOUNT_VND), JSON_NUMBER]
    paid_at: datetime | None = None
    channel: str = Field(default="bank_transfer", min_length=1, max_length=30)

    @field_validator("paid_at")
    @classmethod
    def _plausible(cls, value: datetime | None) -> datetime | None:
        # Years 1 and 9999 overflowed on the way to UTC: a 500 instead of a 422.
        if value is not None and not 2000 <= value.year <= 2999:
            raise ValueError("paid_at must be a timestamp between the years 2000 and 2999")
        if value is not None and value.tzinfo is None:
            raise ValueError("paid_at needs a time zone (e.g. Z)")
        return value


class WebhookResult(BaseModel):
    status: str  # paid | duplicate
    bill_id: int  # a batch: its first bill (or adjustment)
    bill_no: str
    batch: str | None = None  # the batch reference when bill_no named a batch
    bill_ids: list[int] | None = None  # a batch: every bill it paid
    adjustment_ids: list[int] | None = None  # a batch: every adjustment bill it paid


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The X-Signature a sender puts on `body` sent at `timestamp`."""
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
