"""Issue, list and revoke personal API tokens. A token is 32 random bytes shown once; only its
SHA-256 is kept. Each token acts through a sign-in of its own, so revoking the token (or
"sign out everywhere") ends it through the rule that ends every sign-in, at once."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import ApiToken, Link, SignInSession, User, utcnow
from server.models.accounts import household_link
from server.problems import AppError
from server.security import token_digest

PREFIX = "dnp_"  # "Điện Nhà personal": tells a personal token from a JWT at a glance
SCOPES = ("read:usage", "read:bills", "read:outages")
MAX_TOKENS = 20


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def is_personal(token: str) -> bool:
    return token.startswith(PREFIX)


async def issue(
    session: AsyncSession,
    user: User,
    name: str,
    scopes: list[str],
    codes: list[str] | None,
    days: int,
) -> tuple[ApiToken, str]:
    """A new token; codes (if given) must each be an approved link of the user now."""
    live = await session.scalars(
        select(ApiToken.id).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    )
    if len(live.all()) >= MAX_TOKENS:
        raise AppError(409, "too_many_tokens", f"Revoke a token first: at most {MAX_TOKENS}.")
    if codes:
        approved = set(
            (
                await session.scalars(
                    select(Link.customer_code).where(
                        Link.user_id == user.id,
                        Link.customer_code.in_(codes),
                        household_link(),
                    )
                )
            ).all()
        )
        for i, code in enumerate(codes):
            if code not in approved:
                raise AppError(
                    404,
                    "account_not_found",
                    "No customer code of yours has that number.",
                    field=f"customer_codes[{i}]",
                )
    raw = new_token()
    signin = SignInSession(user_id=user.id, device=f"API: {name}"[:80])
    session.add(signin)
    await session.flush()
    row = ApiToken(
        user_id=user.id,
        session_id=signin.id,
        name=name,
        token_hash=token_digest(raw),
        hint=raw[: len(PREFIX) + 4],
        scopes=sorted(set(scopes)),
        customer_codes=sorted(set(codes)) if codes else None,
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(row)
    await session.flush()
    return row, raw


async def list_tokens(session: AsyncSession, user: User) -> list[ApiToken]:
    rows = await session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.id.desc())
    )
    return list(rows.all())


async def revoke(session: AsyncSession, token: ApiToken, reason: str = "api_token_revoked") -> None:
    now = utcnow()
    token.revoked_at = now
    await session.execute(
        update(SignInSession)
        .where(SignInSession.id == token.session_id, SignInSession.revoked_at.is_(None))
        .values(revoked_at=now, revoke_reason=reason[:40])
    )


async def revoke_by_id(session: AsyncSession, user: User, token_id: int) -> None:
    token = await session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        raise AppError(404, "not_found", "You have no live token with that id.")
    await revoke(session, token)


def public(row: ApiToken) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "hint": row.hint,
        "scopes": row.scopes,
        "customer_codes": row.customer_codes,
        "created_at": row.created_at,
        "expires_at": row.expires_at,
        "last_used_at": row.last_used_at,
        "expired": row.expires_at <= utcnow(),
    }
