"""Accounts and sign-in: register, password and OTP login with lock-out, token rotation, logout."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import RegisterRequest, Tokens
from server.context import ServerContext
from server.models import Consent, Notification, RefreshToken, SignInSession, User, utcnow
from server.notify.inbox import notify
from server.problems import AppError
from server.security import hash_password, new_refresh_token, token_digest, verify_password
from server.services.audit import records as audit
from server.services.identity.otp import consume_otp

BAD_CREDENTIALS = "The phone number or password is not right."
CONSENT_TEXT = "privacy-policy-2026-01"


async def register(ctx: ServerContext, session: AsyncSession, body: RegisterRequest) -> Tokens:
    if not body.consents.get("service"):
        raise AppError(
            422, "consent_required", "The app needs your consent to process data for the service."
        )
    await consume_otp(ctx, session, body.phone, "register", body.otp)
    if (await session.execute(select(User.id).where(User.phone == body.phone))).first():
        raise AppError(409, "phone_registered", "This phone already has an account. Sign in.")
    user = User(
        phone=body.phone,
        full_name=body.full_name,
        password_hash=await ctx.cpu.run(hash_password, body.password),
        language=body.language,
        channels={"push": True, "email": False, "sms": False, "zalo": False},
    )
    session.add(user)
    await session.flush()
    for purpose, granted in body.consents.items():
        session.add(
            Consent(
                user_id=user.id,
                purpose=purpose,
                granted=granted,
                source="register",
                text_version=CONSENT_TEXT,
            )
        )
        audit.record(session, "consent_" + ("given" if granted else "refused"), purpose, actor=user)
    return await _start_session(ctx, session, user, device=None)


async def login_password(
    ctx: ServerContext,
    session: AsyncSession,
    phone: str,
    password: str,
    ip: str,
    device: str | None,
) -> Tokens:
    s, limiter = ctx.settings, ctx.limiter
    # Every password check is counted before it is made, atomically in the limiter's store, so
    # guesses sent at once cannot all pass a limit that was checked first and counted after.
    # The phone's count is cleared by a right password (its holder is back); the address's
    # count holds every check, right or wrong: clearing it would let one known password
    # reset a sprayer's count, and each check costs an argon2 hash.
    for rule, key in (
        (s.login_fail_per_phone, ("login-fail", phone)),
        (s.login_fail_per_ip, ("login-fail-ip", ip)),
    ):
        wait = await limiter.take(rule, *key)
        if wait:
            raise AppError(
                429,
                "login_locked",
                "Too many wrong passwords. Wait a while or sign in with a one-time code.",
                headers={"Retry-After": str(wait)},
            )
    user = (await session.execute(select(User).where(User.phone == phone))).scalar_one_or_none()
    # Unknown phones still cost one argon2 check, so both answers look and take the same; the
    # check runs in the small CPU pool, off the event loop (server/cpu.py).
    stored = user.password_hash if user else None
    if not await ctx.cpu.run(verify_password, stored, password) or user is None:
        raise AppError(401, "invalid_credentials", BAD_CREDENTIALS)
    await limiter.clear(s.login_fail_per_phone, "login-fail", phone)
    return await _start_session(ctx, session, user, device, notice=True)


async def login_otp(
    ctx: ServerContext, session: AsyncSession, phone: str, otp: str, device: str | None
) -> Tokens:
    await consume_otp(ctx, session, phone, "login", otp)
    user = (await session.execute(select(User).where(User.phone == phone))).scalar_one_or_none()
    if user is None:
        raise AppError(400, "otp_invalid", "The code is wrong or has expired. Ask for a new code.")
    await ctx.limiter.clear(ctx.settings.login_fail_per_phone, "login-fail", phone)
    return await _start_session(ctx, session, user, device, notice=True)


async def reset_password(
    ctx: ServerContext, session: AsyncSession, phone: str, otp: str, new_password: str
) -> None:
    await consume_otp(ctx, session, phone, "reset", otp)
    user = (await session.execute(select(User).where(User.phone == phone))).scalar_one_or_none()
    if user is None:
        raise AppError(400, "otp_invalid", "The code is wrong or has expired. Ask for a new code.")
    user.password_hash = await ctx.cpu.run(hash_password, new_password)
    # A new password ends every sign-in: whoever knew the old one is out.
    await _revoke_sessions(session, SignInSession.user_id == user.id, "password_reset")
    audit.record(session, "password_reset", "account_security", actor=user)
    await ctx.limiter.clear(ctx.settings.login_fail_per_phone, "login-fail", user.phone)
    await session.commit()


async def _start_session(
    ctx: ServerContext, session: AsyncSession, user: User, device: str | None, notice: bool = False
) -> Tokens:
    signin = SignInSession(user_id=user.id, device=device)
    session.add(signin)
    await session.flush()
    refresh = _new_refresh(ctx, session, signin.id)
    if notice:
        await _settle_earlier_sign_in_notices(session, user.id, device or "")
        notify(
            session, user.id, "new_sign_in", {"device": device or "", "at": utcnow().isoformat()}
        )
    await session.commit()
    return _tokens(ctx, user, signin.id, refresh)


async def _settle_earlier_sign_in_notices(session: AsyncSession, user_id: int, device: str) -> None:
    """Issue 21: four web sign-ins in a row left four unread "Đăng nhập mới". The newest one
    says all an earlier unread one from the same device said, so those are marked read (kept in
    the inbox as a record); a sign-in from another device always stays unread."""
    unread = await session.execute(
        select(Notification.id, Notification.params).where(
            Notification.user_id == user_id,
            Notification.kind == "new_sign_in",
            Notification.read_at.is_(None),
        )
    )
    same = [nid for nid, params in unread if (params or {}).get("device", "") == device]
    if same:
        await session.execute(
            update(Notification).where(Notification.id.in_(same)).values(read_at=utcnow())
        )


def _new_refresh(ctx: ServerContext, session: AsyncSession, session_id: int) -> str:
    token = new_refresh_token()
    session.add(
        RefreshToken(
            session_id=session_id,
            token_hash=token_digest(token),
            expires_at=utcnow() + timedelta(days=ctx.settings.refresh_token_days),
        )
    )
    return token


def _tokens(ctx: ServerContext, user: User, session_id: int, refresh: str) -> Tokens:
    return Tokens(
        access_token=ctx.tokens.issue(user.id, session_id, staff=user.is_staff),
        refresh_token=refresh,
        expires_in=int(ctx.tokens.lifetime.total_seconds()),
    )


async def refresh(ctx: ServerContext, session: AsyncSession, token: str) -> Tokens:
    """Rotates the refresh token; a token used twice means theft: the whole family dies."""
    row = (
        await session.execute(
            select(RefreshToken, SignInSession, User)
            .join(SignInSession, SignInSession.id == RefreshToken.session_id)
            .join(User, User.id == SignInSession.user_id)
            .where(RefreshToken.token_hash == token_digest(token))
            .with_for_update(of=RefreshToken)
        )
    ).first()
    if row is None:
        raise AppError(401, "refresh_invalid", "Sign in again.")
    rt, signin, user = row
    now = utcnow()
    if signin.revoked_at is not None or rt.expires_at <= now:
        raise AppError(401, "refresh_invalid", "Sign in again.")
    # The conditional UPDATE makes "used once" hold when requests race (SQLite has no FOR
    # UPDATE): only one of them claims the token, the others count as reuse.
    if rt.used_at is not None or not await _claim(session, rt.id, now):
        await _revoke_sessions(session, SignInSession.id == signin.id, "refresh_reuse")
        audit.record(
            session, "refresh_reuse", "account_security", actor=user, detail=f"session {signin.id}"
        )
        await session.commit()
        raise AppError(401, "refresh_reused", "This sign-in was ended for safety. Sign in again.")
    signin.last_seen_at = now
    new = _new_refresh(ctx, session, signin.id)
    await session.commit()
    return _tokens(ctx, user, signin.id, new)


async def _claim(session: AsyncSession, token_id: int, now) -> bool:
    done = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == token_id, RefreshToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return done.rowcount == 1


async def logout(session: AsyncSession, token: str, everywhere: bool) -> None:
    row = (
        await session.execute(
            select(SignInSession)
            .join(RefreshToken, RefreshToken.session_id == SignInSession.id)
            .where(RefreshToken.token_hash == token_digest(token))
        )
    ).scalar_one_or_none()
    if row is None:
        return  # already gone: signing out twice is not an error
    cond = SignInSession.user_id == row.user_id if everywhere else SignInSession.id == row.id
    await _revoke_sessions(session, cond, "logout_everywhere" if everywhere else "logout")
    await session.commit()


async def _revoke_sessions(session: AsyncSession, cond, reason: str) -> None:
    await session.execute(
        update(SignInSession)
        .where(cond, SignInSession.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoke_reason=reason)
    )
