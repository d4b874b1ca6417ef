"""Append-only audit records of consent and link decisions (Law 91/2025/QH15 proof of consent)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.customer_code import mask_phone
from server.models import AuditRecord, User

# The purpose of every link decision: the links themselves and what ends a link elsewhere
# (a service request that changes the contract holder).
LINK_PURPOSE = "household_data_sharing"


def record(
    session: AsyncSession,
    action: str,
    purpose: str,
    *,
    actor: User | None,
    customer_code: str | None = None,
    subject: User | None = None,
    detail: str | None = None,
    actor_label: str | None = None,
) -> AuditRecord:
    """Adds one record to the caller's transaction (it lands with the change it proves)."""
    row = AuditRecord(
        actor_user_id=actor.id if actor else None,
        actor=actor_label or (mask_phone(actor.phone) if actor else "system"),
        action=action,
        customer_code=customer_code,
        subject_user_id=subject.id if subject else None,
        subject=mask_phone(subject.phone) if subject else None,
        purpose=purpose,
        detail=detail,
    )
    session.add(row)
    return row
