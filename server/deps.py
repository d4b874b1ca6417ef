"""Request dependencies: database session, signed-in user, and the link rule for /accounts/{code}."""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from server.config import Settings
from server.context import ServerContext
from server.models import Contract, Link, SignInSession, User
from server.problems import AppError
from server.security import AccessClaims
from server.token_claims import verified_claims

log = logging.getLogger("diennha.db")


# The dependencies below are `async def` although they never await: FastAPI runs a plain
# `def` dependency in a worker thread, a hop that cost ~0.1 ms per request each (bench/).
async def get_context(request: Request) -> ServerContext:
    return request.app.state.ctx


ContextDep = Annotated[ServerContext, Depends(get_context)]


async def get_settings(ctx: ContextDep) -> Settings:
    return ctx.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_session(ctx: ContextDep) -> AsyncIterator[AsyncSession]:
    session = ctx.sessions()
    try:
        yield session
    finally:
        # This runs after the response is sent. A connection the database dropped meanwhile
        # (restart, failover) has nothing left to undo: raising here would only make the
        # server cut the client's connection.
        try:
            await asyncio.shield(session.close())
        except DBAPIError as exc:
            log.warning("closing a session on a lost connection: %s", exc.__class__.__name__)


SessionDep = Annotated[AsyncSession, Depends(get_session)]
bearer = HTTPBearer(auto_error=False, description="Access token from /auth/login")


def unauthorized(detail: str = "Sign in again.") -> AppError:
    return AppError(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Caller:
    user: User
    session_id: int
    claims: AccessClaims | None = None


# A token issued this long before its sign-in began cannot be that sign-in's. Ids are never
# reused now (AUTOINCREMENT, migration 0005); this stays as a second line, for a database
# restored from a backup older than the tokens in circulation. Slack for clock skew.
_ISSUED_BEFORE_SLACK = timedelta(seconds=5)


def token_claims(ctx: ServerContext, token: str) -> AccessClaims:
    """The verified claims of an access token (server/token_claims.py), or 401."""
    claims = verified_claims(ctx, token)
    if claims is None:
        raise unauthorized("The access token is not valid or has expired.")
    return claims


def require_live_sign_in(
    claims: AccessClaims, revoked_at: datetime | None, created_at: datetime
) -> None:
    """The sign-in rule: not revoked (sign out ends access at once), and the token is not
    older than the sign-in it names."""
    if revoked_at is not None:
        raise unauthorized("This sign-in has ended.")
    if datetime.fromtimestamp(claims.issued_at, UTC) < created_at - _ISSUED_BEFORE_SLACK:
        raise unauthorized("This sign-in has ended.")


async def _signed_in(ctx: ServerContext, session: AsyncSession, token: str) -> Caller:
    """The live sign-in a token belongs to, or 401."""
    claims = token_claims(ctx, token)
    # One query: the user and whether this sign-in was revoked (sign out ends access at once).
    row = (
        await session.execute(
            select(User, SignInSession.revoked_at, SignInSession.created_at)
            .join(SignInSession, SignInSession.user_id == User.id)
            .where(SignInSession.id == claims.session_id, User.id == claims.user_id)
        )
    ).first()
    if row is None:
        raise unauthorized("This sign-in has ended.")
    require_live_sign_in(claims, row.revoked_at, row.created_at)
    return Caller(user=row.User, session_id=claims.session_id, claims=claims)


async def current_caller(
    ctx: ContextDep,
    session: SessionDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    if creds is None:
        raise unauthorized("This needs a signed-in user: send an access token.")
    return await _signed_in(ctx, session, creds.credentials)


CallerDep = Annotated[Caller, Depends(current_caller)]


async def current_user(caller: CallerDep) -> User:
    return caller.user


CurrentUser = Annotated[User, Depends(current_user)]


@dataclass(frozen=True)
class AccountAccess:
    contract: Contract
    link: Link
    user: User


NOT_YOURS = "No customer code of yours has that number."


async def linked_account(
    code: Annotated[str, Path(description="Customer code, e.g. PE01000123456")],
    user: CurrentUser,
    session: SessionDep,
) -> AccountAccess:
    """The one rule for every /accounts/{code}/… data route: an approved link or nothing."""
    try:
        code = normalize_customer_code(code)
    except InvalidCustomerCode:
        raise AppError(404, "account_not_found", NOT_YOURS) from None
    row = (
        await session.execute(
            select(Link, Contract)
            .join(Contract, Contract.customer_code == Link.customer_code)
            .where(Link.user_id == user.id, Link.customer_code == code)
        )
    ).first()
    require_approved_link(row.Link.status if row is not None else None)
    return AccountAccess(contract=row.Contract, link=row.Link, user=user)


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


LinkedAccount = Annotated[AccountAccess, Depends(linked_account)]


async def owned_account(access: LinkedAccount) -> AccountAccess:
    if access.link.role != "owner":
        raise AppError(403, "owner_only", "Only the contract owner can do this.")
    return access


OwnedAccount = Annotated[AccountAccess, Depends(owned_account)]


async def require_staff(
    ctx: ContextDep,
    session: SessionDep,
    x_staff_key: Annotated[str | None, Header()] = None,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> str:
    """Staff calls: the shared staff key, or an access token of a staff user whose sign-in is
    live and who is still staff now (the token's claim alone would outlast both by 15 min)."""
    if x_staff_key is not None:
        if hmac.compare_digest(x_staff_key.encode(), ctx.settings.staff_key.encode()):
            return "staff-key"
        raise AppError(403, "staff_only", "This is for staff only.")
    if creds is None:
        raise unauthorized("Staff calls need X-Staff-Key or a staff member's access token.")
    caller = await _signed_in(ctx, session, creds.credentials)
    if caller.user.is_staff:
        return f"staff-user:{caller.user.id}"
    raise AppError(403, "staff_only", "This is for staff only.")


StaffDep = Annotated[str, Depends(require_staff)]


async def reject_unknown_query(request: Request) -> None:
    """A misspelt query parameter (`?form=` for `?from=`) is an error, not silently ignored."""
    if not request.query_params:
        return
    route = request.scope.get("route")
    known = getattr(route, "_known_query", None)
    if known is None:
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            return
        # Walked once per route, not on every request.
        known = route._known_query = frozenset(p.alias for p in _all_query_params(dependant))
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise AppError(
            422,
            "validation_failed",
            f"Unknown query parameter: {', '.join(unknown)}.",
        )


def _all_query_params(dependant):
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _all_query_params(sub)


async def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


ClientIp = Annotated[str, Depends(client_ip)]
