"""Who may file which type on which code, and who may see a request (the BOLA rules)."""

from __future__ import annotations

from sqlalchemy import Row, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.access import NOT_YOURS, require_approved_link
from server.models import Contract, Link, User
from server.models.accounts import household_link
from server.models.services import ServiceRequest
from server.problems import AppError
from server.services.service_requests.catalogue import ServiceType

NOT_FOUND = "There is no service request of yours with that id."


async def filing_contract(
    session: AsyncSession, user: User, t: ServiceType, code: str | None
) -> Row[str, str, str, str] | None:
    """The contract a request is filed on (its customer_code and area_code), after the link
    rule and the catalogue's `who`. Columns, not entities: this is on the filing path."""
    if not t.needs_code:
        if code is not None:
            raise AppError(
                422, "validation_failed", "This service is for an address without a customer code."
            )
        return None
    if code is None:
        raise AppError(422, "validation_failed", "This service needs a customer code.")
    conn = await session.connection()  # a Core read: no ORM compile or loading steps
    row = (
        await conn.execute(
            select(Link.status, Link.role, Contract.customer_code, Contract.area_code)
            .join(Contract, Contract.customer_code == Link.customer_code)
            .where(Link.user_id == user.id, Link.customer_code == code)
        )
    ).first()
    if row is None:
        raise AppError(404, "account_not_found", NOT_YOURS)
    require_approved_link(row.status)
    if row.role == "tenant":  # issue 18: a tenant's link opens only their room
        raise AppError(403, "tenant_room_only", "A tenant cannot file requests on this code.")
    if t.who == "owner" and row.role != "owner":
        raise AppError(403, "owner_only", "Only the contract owner can file this request.")
    return row


def visible_to(user: User):
    """SQL condition: requests the user may read. Their own (while the code, if any, is still
    theirs to see), and, for an owner, every request on the code filed since they became owner:
    a former owner or member does not keep reading the household's history."""
    approved = (
        select(Link.customer_code, Link.role, Link.decided_at)
        .where(Link.user_id == user.id, household_link())
        .subquery()
    )
    own = and_(
        ServiceRequest.filer_user_id == user.id,
        or_(
            ServiceRequest.customer_code.is_(None),
            ServiceRequest.customer_code.in_(select(approved.c.customer_code)),
        ),
    )
    as_owner = ServiceRequest.id.in_(
        select(ServiceRequest.id)
        .join(approved, approved.c.customer_code == ServiceRequest.customer_code)
        .where(approved.c.role == "owner", ServiceRequest.created_at >= approved.c.decided_at)
    )
    return or_(own, as_owner)


async def visible_request(session: AsyncSession, user: User, request_id: int) -> ServiceRequest:
    row = (
        await session.execute(
            select(ServiceRequest).where(ServiceRequest.id == request_id, visible_to(user))
        )
    ).scalar_one_or_none()
    if row is None:
        raise AppError(404, "service_request_not_found", NOT_FOUND)
    return row


async def owner_ids(session: AsyncSession, code: str | None) -> list[int]:
    if code is None:
        return []
    rows = await session.execute(
        select(Link.user_id).where(
            Link.customer_code == code, Link.role == "owner", Link.status == "approved"
        )
    )
    return list(rows.scalars())
