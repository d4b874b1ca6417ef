"""Reading the audit log (owners see the record of their customer code), on the read path."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from domain.models import AuditRecord as AuditRecordPublic
from server.models import AuditRecord
from server.reads import Query, Reads

_LATEST = Query(
    select(
        AuditRecord.id,
        AuditRecord.at,
        AuditRecord.actor,
        AuditRecord.action,
        AuditRecord.customer_code,
        AuditRecord.subject,
        AuditRecord.purpose,
        AuditRecord.detail,
    )
    .where(AuditRecord.customer_code == bindparam("code"))
    .order_by(AuditRecord.id.desc())
    .limit(bindparam("limit"))
)


async def list_audit(reads: Reads, code: str, limit: int = 500) -> list[AuditRecordPublic]:
    rows = await reads.all(_LATEST, code=code, limit=limit)
    return [AuditRecordPublic.model_validate(dict(r)) for r in rows]
