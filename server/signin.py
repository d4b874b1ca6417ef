"""The sign-in rule, written once: a verified access token names a sign-in (session id) and a
user; the sign-in must exist for that user, not be revoked, and not be younger than the token.
Every caller check builds its statement from `sign_in_select` (server/access.py on the read
path, server/deps.py for routes that write through the ORM, the live notice stream)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.security import HTTPBearer
from sqlalchemy import Select, bindparam, select

from server.context import ServerContext
from server.models import SignInSession, User
from server.problems import AppError
from server.security import AccessClaims
from server.token_claims import verified_claims

bearer = HTTPBearer(auto_error=False, description="Access token from /auth/login")

# A token issued this long before its sign-in began cannot be that sign-in's. Ids are never
# reused now (AUTOINCREMENT, migration 0005); this stays as a second line, for a database
# restored from a backup older than the tokens in circulation. Slack for clock skew.
ISSUED_BEFORE_SLACK = timedelta(seconds=5)


def unauthorized(detail: str = "Sign in again.") -> AppError:
    return AppError(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


def token_claims(ctx: ServerContext, token: str) -> AccessClaims:
    """The verified claims of an access token (server/token_claims.py), or 401."""
    claims = verified_claims(ctx, token)
    if claims is None:
        raise unauthorized("The access token is not valid or has expired.")
    return claims


def sign_in_select(*columns: Any) -> Select[Any]:
    """SELECT revoked_at, created_at, *columns FROM the sign-in `:sid` of user `:uid` (joined
    with its user, so a deleted user has no row). Callers add outer joins for what they need."""
    return (
        select(
            SignInSession.revoked_at.label("revoked_at"),
            SignInSession.created_at.label("signed_in_at"),
            *columns,
        )
        .select_from(SignInSession)
        .join(User, User.id == SignInSession.user_id)
        .where(SignInSession.id == bindparam("sid"), User.id == bindparam("uid"))
    )


def sign_in_params(claims: AccessClaims) -> dict[str, int]:
    return {"sid": claims.session_id, "uid": claims.user_id}


def is_live(claims: AccessClaims, revoked_at: datetime | None, signed_in_at: datetime) -> bool:
    """Not revoked (sign out ends access at once), and the token is not older than the
    sign-in it names."""
    if revoked_at is not None:
        return False
    return datetime.fromtimestamp(claims.issued_at, UTC) >= signed_in_at - ISSUED_BEFORE_SLACK


def require_live_sign_in(
    claims: AccessClaims, revoked_at: datetime | None, signed_in_at: datetime
) -> None:
    if not is_live(claims, revoked_at, signed_in_at):
        raise unauthorized("This sign-in has ended.")
