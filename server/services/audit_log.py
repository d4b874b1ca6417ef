"""Reading the audit log (owners see the record of their customer code)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import AuditRecord as AuditRecordPublic
from server.models import AuditRecord


async def list_audit(session: AsyncSession, code: str, limit: int = 500) -> list[AuditRecordPublic]:
    rows = await session.execute(
        select(AuditRecord)
        .where(AuditRecord.customer_code == code)
        .order_by(AuditRecord.id.desc())
        .limit(limit)
    )
    return [
        AuditRecordPublic(
            id=r.id,
            at=r.at,
            actor=r.actor,
            action=r.action,
            customer_code=r.customer_code,
            subject=r.subject,
            purpose=r.purpose,
            detail=r.detail,
        )
        for r in rows.scalars()
    ]
