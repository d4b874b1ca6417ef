"""Dependencies of the hot read routes on the read lane (server/reads.py): the rule of
server/deps.py (live sign-in, approved link) in one statement per request, no ORM."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import and_, bindparam, select

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from server.deps import (
    bearer,
    require_approved_link,
    require_live_sign_in,
    token_claims,
    unauthorized,
)
from server.models import Contract, Link, SignInSession, User
from server.reads import Query, Reads, reads_for


@dataclass(frozen=True, slots=True)
class ReadAccess:
    """The read routes' view of an approved link: what they need of the contract, and the
    read lane the check ran on (for the route's own statements)."""

    customer_code: str
    meter_type: str
    area_code: str
    role: str
    status: str
    link_id: int
    name: str
    address: str
    households: int
    reads: Reads


# The same rule as current_caller + linked_account in ONE statement on the read lane: the
# sign-in (and its user) by the token's ids, and the caller's link to the code with its
# contract, outer-joined so "no link" and "signed out" stay distinguishable.
_READ_ACCESS = Query(
    select(
        SignInSession.revoked_at,
        SignInSession.created_at,
        Contract.customer_code,  # from here on, ReadAccess's fields in order
        Contract.meter_type,
        Contract.area_code,
        Link.role,
        Link.status,
        Link.id,
        Contract.name,
        Contract.address,
        Contract.households,
    )
    .select_from(SignInSession)
    .join(User, User.id == SignInSession.user_id)
    .outerjoin(Link, and_(Link.user_id == User.id, Link.customer_code == bindparam("code")))
    .outerjoin(Contract, Contract.customer_code == Link.customer_code)
    .where(SignInSession.id == bindparam("sid"), User.id == bindparam("uid"))
)


async def read_linked_account(
    request: Request,
    code: Annotated[str, Path(description="Customer code, e.g. PE01000123456")],
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> ReadAccess:
    """linked_account for the hot read routes: the same rule and answers (401, 404
    account_not_found, 403 link_not_approved), checked in the database on every request,
    one round trip on the read lane instead of two ORM queries."""
    if creds is None:
        raise unauthorized("This needs a signed-in user: send an access token.")
    ctx = request.app.state.ctx
    claims = token_claims(ctx, creds.credentials)
    try:
        code = normalize_customer_code(code)
    except InvalidCustomerCode:
        code = ""  # matches no link: 404 once the sign-in is known to be live
    reads = reads_for(ctx)
    row = await reads.first(_READ_ACCESS, sid=claims.session_id, uid=claims.user_id, code=code)
    if row is None:
        raise unauthorized("This sign-in has ended.")
    require_live_sign_in(claims, row[0], row[1])
    require_approved_link(row[6])  # Link.status: None when there is no link
    return ReadAccess(*row[2:], reads=reads)


ReadLinkedAccount = Annotated[ReadAccess, Depends(read_linked_account)]


# GET /accounts: the sign-in check and the caller's links with their contracts, one statement
# (a caller without links gets one row of NULL link columns).
_OWN_ACCOUNTS = Query(
    select(
        SignInSession.revoked_at,
        SignInSession.created_at,
        Contract.customer_code,
        Link.role,
        Link.status,
        Contract.name,
        Contract.address,
        Contract.meter_type,
        Contract.area_code,
        Link.id,
        Contract.households,
    )
    .select_from(SignInSession)
    .join(User, User.id == SignInSession.user_id)
    .outerjoin(Link, Link.user_id == User.id)
    .outerjoin(Contract, Contract.customer_code == Link.customer_code)
    .where(SignInSession.id == bindparam("sid"), User.id == bindparam("uid"))
    .order_by(Link.role.desc(), Link.requested_at)
)


async def read_own_accounts(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> list[Sequence]:
    """The caller's links (any status) as rows of (customer_code, role, status, name,
    address, meter_type, area_code, link_id, households), after the sign-in rule."""
    if creds is None:
        raise unauthorized("This needs a signed-in user: send an access token.")
    ctx = request.app.state.ctx
    claims = token_claims(ctx, creds.credentials)
    rows = await reads_for(ctx).all(_OWN_ACCOUNTS, sid=claims.session_id, uid=claims.user_id)
    if not rows:
        raise unauthorized("This sign-in has ended.")
    require_live_sign_in(claims, rows[0][0], rows[0][1])
    return [row[2:] for row in rows if row[2] is not None]


ReadOwnAccounts = Annotated[list[Sequence], Depends(read_own_accounts)]
