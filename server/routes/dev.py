"""Development-only routes (never mounted in production): how a tester reads an OTP."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select

from domain.customer_code import InvalidPhone, normalize_phone
from server.deps import SessionDep
from server.models import OutboxMessage
from server.notify.inbox import VOID

router = APIRouter(prefix="/dev", tags=["development"])


class OutboxEntry(BaseModel):
    id: int
    channel: str
    to: str
    subject: str | None
    body: str
    created_at: datetime
    status: str


@router.get("/outbox")
async def outbox(
    session: SessionDep, to: str | None = None, limit: int = Query(50, ge=1, le=500)
) -> list[OutboxEntry]:
    """SMS, Zalo and e-mail that were queued, newest first (`to` filters by E.164 phone/e-mail)."""
    # "notice" rows are the dispatcher's own work items (expanded into channels), not messages.
    q = (
        select(OutboxMessage)
        .where(OutboxMessage.channel != "notice", OutboxMessage.status != VOID)
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    if to:
        try:
            to = normalize_phone(to)
        except InvalidPhone:
            pass  # an e-mail address or a raw gateway recipient
        q = q.where(OutboxMessage.to == to)
    return [
        OutboxEntry.model_validate(r, from_attributes=True)
        for r in (await session.execute(q)).scalars()
    ]
