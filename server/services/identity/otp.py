"""One-time codes: issue with rate limits, verify with expiry and an attempt limit."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.context import ServerContext
from server.models import OtpCode, User, utcnow
from server.notify.inbox import VOID, enqueue
from server.problems import AppError
from server.security import new_otp, otp_digest, same_digest

OTP_INVALID = "The code is wrong or has expired. Ask for a new code."
_SMS = {
    "register": "Ma OTP dang ky Dien Nha cua ban la {code}. Hieu luc 5 phut. "
    "Khong cung cap ma nay cho bat ky ai, ke ca nhan vien dien luc.",
    "login": "Ma OTP dang nhap Dien Nha cua ban la {code}. Hieu luc 5 phut. "
    "Khong cung cap ma nay cho bat ky ai, ke ca nhan vien dien luc.",
    "reset": "Ma OTP dat lai mat khau Dien Nha cua ban la {code}. Hieu luc 5 phut. "
    "Khong cung cap ma nay cho bat ky ai, ke ca nhan vien dien luc.",
    "exists": "So dien thoai nay da co tai khoan Dien Nha. Hay dang nhap hoac chon Quen mat khau.",
}


async def request_otp(
    ctx: ServerContext, session: AsyncSession, phone: str, purpose: str, ip: str
) -> None:
    """Answers the same whether or not the phone has an account; limits SMS cost abuse."""
    s, limiter = ctx.settings, ctx.limiter
    await limiter.enforce(s.otp_rate_per_ip, "otp-ip", ip)
    await limiter.enforce(s.otp_rate_per_phone, "otp-phone", phone)
    await limiter.enforce(s.otp_rate_global, "otp-global", code="sms_capacity")
    exists = (await session.execute(select(User.id).where(User.phone == phone))).first()
    # Both answers do the same database work — retire older codes, store a new one, commit —
    # so the time taken does not tell whether the phone has an account (a phone without one
    # used to return before any write: ~7 ms faster). Only what is sent differs: one more row
    # in the same transaction. A code stored for a phone without an account opens nothing:
    # sign-in and reset look the account up after the code and answer `otp_invalid`.
    code = new_otp()
    await session.execute(
        update(OtpCode)
        .where(OtpCode.phone == phone, OtpCode.purpose == purpose, OtpCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    session.add(
        OtpCode(
            phone=phone,
            purpose=purpose,
            code_hash=otp_digest(s.secret_key, phone, purpose, code),
            expires_at=utcnow() + timedelta(seconds=s.otp_ttl_seconds),
        )
    )
    if purpose == "register" and exists:
        # Only the phone's holder learns it already has an account; the caller sees a 202.
        enqueue(session, "sms", phone, _SMS["exists"])
    elif purpose == "register" or exists:
        enqueue(session, "sms", phone, _SMS[purpose].format(code=code))
    else:
        # Nothing to sign in to, and sending would only cost money: the same row is written
        # but `void` — never sent, no code in it, pruned with the rest — so this path does
        # the same INSERT as the other (bench/otp_timing.py measured 0.48 ms without it).
        enqueue(session, "sms", phone, "").status = VOID
    await session.commit()


async def consume_otp(
    ctx: ServerContext, session: AsyncSession, phone: str, purpose: str, code: str
) -> None:
    """Marks the code used, or raises 400 otp_invalid; five wrong tries burn the code."""
    s = ctx.settings
    row = (
        await session.execute(
            select(OtpCode)
            .where(OtpCode.phone == phone, OtpCode.purpose == purpose, OtpCode.used_at.is_(None))
            .order_by(OtpCode.id.desc())
            .limit(1)
            .with_for_update()
        )
    ).scalar_one_or_none()
    now = utcnow()
    if row is None or row.expires_at <= now or row.attempts >= s.otp_max_attempts:
        raise AppError(400, "otp_invalid", OTP_INVALID)
    # Each try takes one attempt in a single conditional UPDATE before the code is compared, so
    # guesses sent all at once cannot slip past the limit (SQLite has no FOR UPDATE).
    taken = await session.scalar(
        update(OtpCode)
        .where(
            OtpCode.id == row.id,
            OtpCode.used_at.is_(None),
            OtpCode.attempts < s.otp_max_attempts,
        )
        .values(attempts=OtpCode.attempts + 1)
        .returning(OtpCode.attempts)
        .execution_options(synchronize_session=False)
    )
    if taken is None:
        await session.commit()
        raise AppError(400, "otp_invalid", OTP_INVALID)
    if not same_digest(row.code_hash, otp_digest(s.secret_key, phone, purpose, code)):
        if taken >= s.otp_max_attempts:
            await _mark_used(session, row.id, now)  # burnt
        await session.commit()
        raise AppError(400, "otp_invalid", OTP_INVALID)
    if not await _mark_used(session, row.id, now):  # a racing request used it first
        await session.commit()
        raise AppError(400, "otp_invalid", OTP_INVALID)
    await session.flush()


async def _mark_used(session: AsyncSession, otp_id: int, now) -> bool:
    done = await session.execute(
        update(OtpCode)
        .where(OtpCode.id == otp_id, OtpCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return done.rowcount == 1
