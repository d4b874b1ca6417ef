"""Request dependencies: context, database session (for writes), the signed-in user of the
routes that write through the ORM, staff calls. The /accounts routes' one dependency (sign-in,
link and contract in one read) is server/access.py."""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from server.config import Settings
from server.context import ServerContext
from server.models import User
from server.problems import AppError
from server.security import AccessClaims
from server.signin import (
    bearer,
    require_live_sign_in,
    sign_in_params,
    sign_in_select,
    token_claims,
    unauthorized,
)

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


@dataclass(frozen=True)
class Caller:
    """A signed-in person for the routes that write through the ORM (/me, notices, service
    requests): the user row in the request's session. Account routes use server/access.py."""

    user: User
    session_id: int
    claims: AccessClaims | None = None


_SIGNED_IN = sign_in_select(User)  # the sign-in rule of server/signin.py, with the user row


async def _signed_in(ctx: ServerContext, session: AsyncSession, token: str) -> Caller:
    """The live sign-in a token belongs to, or 401."""
    claims = token_claims(ctx, token)
    row = (await session.execute(_SIGNED_IN, sign_in_params(claims))).first()
    if row is None:
        raise unauthorized("This sign-in has ended.")
    require_live_sign_in(claims, row.revoked_at, row.signed_in_at)
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
    route: Any = request.scope.get("route")
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
