"""Who is calling and what they may see: the one dependency of every /accounts route.

`AccountAccessDep` resolves, in ONE statement on the read path (server/reads.py), the caller's
sign-in (live, not older than the token) and their link to the customer code in the path with
its contract, then applies the link rule: no link (or no such code) 404 `account_not_found`,
a link not approved 403 `link_not_approved`, no live sign-in 401, a tenant link 403
`tenant_room_only` (tenants have their own routes: server/tenant_access.py). Routes get an
`AccountAccess`; `OwnerAccessDep` adds "owner only" (403 `owner_only`); `OwnAccountsDep` is
the caller's links of any status (GET /accounts). Adding an account route: see
tests/server/bola_matrix.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import and_, bindparam

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from server.context import ServerContext
from server.models import Contract, Link, User
from server.problems import AppError
from server.reads import Query, Reads, Row, reads_for
from server.security import AccessClaims
from server.signin import (
    bearer,
    require_live_sign_in,
    sign_in_params,
    sign_in_select,
    token_claims,
    unauthorized,
)

NOT_YOURS = "No customer code of yours has that number."


@dataclass(frozen=True, slots=True)
class AccountContract:
    """The contract behind a link, as account routes use it (server/services/usage/consumption.py's
    ContractLike, the invoice PDF's buyer)."""

    customer_code: str
    meter_type: str
    area_code: str
    name: str
    address: str
    households: int


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    """One link of the caller with its contract (any status)."""

    link_id: int
    role: str
    status: str
    contract: AccountContract
    nickname: str | None = None  # the caller's own name for the code
    requested_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AccountAccess:
    """An approved link of a live sign-in: who (user, sign-in), which link, which contract,
    and the read path the check ran on (for the route's own reads)."""

    user_id: int
    session_id: int
    link: LinkedAccount
    reads: Reads

    @property
    def customer_code(self) -> str:
        return self.link.contract.customer_code

    @property
    def contract(self) -> AccountContract:
        return self.link.contract

    @property
    def is_owner(self) -> bool:
        return self.link.role == "owner"


@dataclass(frozen=True, slots=True)
class OwnAccounts:
    user_id: int
    session_id: int
    links: list[LinkedAccount]


_LINK_COLUMNS = (
    Link.id.label("link_id"),
    Link.role.label("role"),
    Link.status.label("status"),
    Link.nickname.label("nickname"),
    Link.requested_at.label("requested_at"),
    Contract.customer_code.label("customer_code"),
    Contract.meter_type.label("meter_type"),
    Contract.area_code.label("area_code"),
    Contract.name.label("name"),
    Contract.address.label("address"),
    Contract.households.label("households"),
)

# The sign-in (server/signin.py) outer-joined with the caller's link to `:code` and its
# contract: "signed out" (no row) and "no link" (NULL link columns) stay distinguishable.
_ACCOUNT_ACCESS = Query(
    sign_in_select(*_LINK_COLUMNS)
    .outerjoin(Link, and_(Link.user_id == User.id, Link.customer_code == bindparam("code")))
    .outerjoin(Contract, Contract.customer_code == Link.customer_code)
)
# The same with every link of the caller (one row of NULL link columns when there is none).
_OWN_ACCOUNTS = Query(
    sign_in_select(*_LINK_COLUMNS)
    .outerjoin(Link, Link.user_id == User.id)
    .outerjoin(Contract, Contract.customer_code == Link.customer_code)
    .order_by(Link.role.desc(), Link.requested_at)
)
# The sign-in alone, for what outlives a request (the live notice stream).
LIVE_SIGN_IN = Query(sign_in_select())


def linked_account(row: Row) -> LinkedAccount:
    return LinkedAccount(
        link_id=row["link_id"],
        role=row["role"],
        status=row["status"],
        contract=AccountContract(
            customer_code=row["customer_code"],
            meter_type=row["meter_type"],
            area_code=row["area_code"],
            name=row["name"],
            address=row["address"],
            households=row["households"],
        ),
        nickname=row["nickname"],
        requested_at=row["requested_at"],
    )


def require_approved_link(link_status: str | None) -> None:
    """The link rule: no link (or an unknown code) is 404, a link not approved is 403."""
    if link_status is None:
        # Unknown code and someone else's code look the same to the caller.
        raise AppError(404, "account_not_found", NOT_YOURS)
    if link_status != "approved":
        raise AppError(
            403,
            "link_not_approved",
            "The contract owner has not approved your link to this customer code.",
        )


def _claims(request: Request, creds: HTTPAuthorizationCredentials | None) -> AccessClaims:
    if creds is None:
        raise unauthorized("This needs a signed-in user: send an access token.")
    return token_claims(_ctx(request), creds.credentials)


def _ctx(request: Request) -> ServerContext:
    ctx: ServerContext = request.app.state.ctx
    return ctx


async def account_access(
    request: Request,
    code: Annotated[str, Path(description="Customer code, e.g. PE01000123456")],
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> AccountAccess:
    """401 / 404 account_not_found / 403 link_not_approved, or the caller's approved link."""
    claims = _claims(request, creds)
    try:
        code = normalize_customer_code(code)
    except InvalidCustomerCode:
        code = ""  # matches no link: 404 once the sign-in is known to be live
    reads = reads_for(_ctx(request))
    row = await reads.first(_ACCOUNT_ACCESS, code=code, **sign_in_params(claims))
    if row is None:
        raise unauthorized("This sign-in has ended.")
    require_live_sign_in(claims, row["revoked_at"], row["signed_in_at"])
    require_approved_link(row["status"])  # None when there is no link
    return AccountAccess(claims.user_id, claims.session_id, linked_account(row), reads)


AnyLinkDep = Annotated[AccountAccess, Depends(account_access)]


async def household_access(access: AnyLinkDep) -> AccountAccess:
    """The household's data: an owner or member link. A tenant link (issue 18) opens only its
    room (server/tenant_access.py): 403 `tenant_room_only` here."""
    if access.link.role == "tenant":
        raise AppError(
            403,
            "tenant_room_only",
            "A tenant's link shows only their own room (GET /accounts/{code}/my-room).",
        )
    return access


AccountAccessDep = Annotated[AccountAccess, Depends(household_access)]


async def owner_access(access: AccountAccessDep) -> AccountAccess:
    if not access.is_owner:
        raise AppError(403, "owner_only", "Only the contract owner can do this.")
    return access


OwnerAccessDep = Annotated[AccountAccess, Depends(owner_access)]


async def own_accounts(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> OwnAccounts:
    """The caller's links of any status, after the sign-in rule."""
    claims = _claims(request, creds)
    rows: Any = await reads_for(_ctx(request)).all(_OWN_ACCOUNTS, **sign_in_params(claims))
    if not rows:
        raise unauthorized("This sign-in has ended.")
    require_live_sign_in(claims, rows[0]["revoked_at"], rows[0]["signed_in_at"])
    links = [linked_account(r) for r in rows if r["link_id"] is not None]
    return OwnAccounts(claims.user_id, claims.session_id, links)


OwnAccountsDep = Annotated[OwnAccounts, Depends(own_accounts)]
