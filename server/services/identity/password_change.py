"""Changing the password while signed in: the current one proves it is the person, and every
other sign-in ends (whoever else knew the old password is out; this device stays in)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from server.context import ServerContext
from server.models import SignInSession, User, utcnow
from server.problems import AppError
from server.security import hash_password, verify_password
from server.services.audit import records as audit


async def change_password(
    ctx: ServerContext,
    session: AsyncSession,
    user: User,
    session_id: int,
    current: str,
    new: str,
) -> None:
    rule, key = ctx.settings.login_fail_per_phone, ("login-fail", user.phone)
    # Wrong current passwords count with wrong sign-in passwords: no guessing through here.
    wait = await ctx.limiter.retry_after(rule, *key)
    if wait:
        raise AppError(
            429,
            "login_locked",
            "Too many wrong passwords. Wait a while and try again.",
            headers={"Retry-After": str(wait)},
        )
    if not verify_password(user.password_hash, current):
        await ctx.limiter.hit(rule, *key)
        raise AppError(
            400, "wrong_password", "The current password is wrong.", field="current_password"
        )
    if new == current:
        raise AppError(
            422, "password_unchanged", "Choose a password you do not use now.", field="new_password"
        )
    user.password_hash = hash_password(new)
    await session.execute(
        update(SignInSession)
        .where(
            SignInSession.user_id == user.id,
            SignInSession.id != session_id,
            SignInSession.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow(), revoke_reason="password_changed")
    )
    audit.record(session, "password_changed", "account_security", actor=user)
    await ctx.limiter.clear(rule, *key)
    await session.commit()
