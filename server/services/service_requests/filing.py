"""Filing a request and signing it with a one-time code of purpose `sign`."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.customer_code import mask_phone
from domain.models.services import ServiceRequestCreate
from server.context import ServerContext
from server.models import OtpCode, User, utcnow
from server.models.services import ServiceRequest, ServiceSignature
from server.notify.inbox import commit_and_announce, enqueue
from server.problems import AppError
from server.security import new_otp, otp_digest
from server.services.audit import records as audit
from server.services.identity.otp import OTP_INVALID, consume_otp
from server.services.service_requests.access import filing_contract
from server.services.service_requests.catalogue import service_types
from server.services.service_requests.content import content_sha256
from server.services.service_requests.fields import clean_fields
from server.services.service_requests.timeline import add_event, move
from server.services.service_requests.working_calendar import due_after

PURPOSE = "electricity_service_request"
SIGN = "sign"
_SMS = (
    "Ma ky dien tu yeu cau {tracking_no} ({name}) cua ban la {code}. Hieu luc 5 phut. "
    "Chi nhap ma nay trong ung dung Dien Nha; khong cung cap cho bat ky ai."
)


class FieldErrors(Exception):
    def __init__(self, errors: list[dict]) -> None:
        super().__init__("fields not valid")
        self.errors = errors


async def file_request(
    ctx: ServerContext, session: AsyncSession, user: User, body: ServiceRequestCreate
) -> ServiceRequest:
    t = service_types().get(body.type)
    if t is None or t.raw.get("from_bill"):  # bill_review: POST …/bills/{id}/review
        raise FieldErrors([{"field": "type", "message": "not a service of the catalogue"}])
    contract = await filing_contract(session, user, t, body.customer_code)
    fields, errors = clean_fields(t, body.fields)
    if errors:
        raise FieldErrors(errors)
    now = utcnow()
    r = ServiceRequest(
        tracking_no=f"tmp-{secrets.token_hex(6)}",
        type=t.code,
        customer_code=contract.customer_code if contract else None,
        area_code=contract.area_code if contract else None,
        filer_user_id=user.id,
        fields=fields,
        note=body.note,
        status="awaiting_signature" if t.needs_signature else "submitted",
        created_at=now,
        updated_at=now,
    )
    session.add(r)
    await session.flush()
    r.tracking_no = f"DV{clock.today():%y%m%d}{r.id:07d}"
    by = mask_phone(user.phone)
    add_event(session, r, r.status, by)
    if r.status == "submitted":
        r.due_on = due_after(clock.today(), t.turnaround_days)
    audit.record(
        session, "service_request_filed", PURPOSE, actor=user,
        customer_code=r.customer_code, detail=f"{r.tracking_no} {r.type}",
    )  # fmt: skip
    await session.commit()
    return r


async def send_sign_code(
    ctx: ServerContext, session: AsyncSession, user: User, r: ServiceRequest, ip: str
) -> None:
    """A `sign` code to the filer's phone; its SMS names the request it signs."""
    if r.filer_user_id != user.id:
        raise AppError(403, "filer_only", "Only the person who filed the request can sign it.")
    if r.status != "awaiting_signature":
        raise AppError(409, "invalid_transition", f"This request is {r.status}; nothing to sign.")
    s, limiter = ctx.settings, ctx.limiter
    # Signing has its own allowance: a person who used up the sign-in codes (a mistyped OTP or
    # two) could otherwise not sign for ten minutes. SMS cost stays bounded by it and the
    # global cap; only a signed-in filer of a request awaiting signature gets here.
    await limiter.enforce(s.otp_rate_per_ip, "otp-ip", ip)
    await limiter.enforce(s.sign_otp_rate_per_user, "sign-otp", str(user.id))
    await limiter.enforce(s.otp_rate_global, "otp-global", code="sms_capacity")
    code = new_otp()
    await session.execute(
        update(OtpCode)
        .where(OtpCode.phone == user.phone, OtpCode.purpose == SIGN, OtpCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    row = OtpCode(
        phone=user.phone,
        purpose=SIGN,
        code_hash=otp_digest(s.secret_key, user.phone, SIGN, code),
        expires_at=utcnow() + timedelta(seconds=s.otp_ttl_seconds),
    )
    session.add(row)
    await session.flush()
    r.sign_otp_id = row.id
    name = service_types()[r.type].name("vi")
    enqueue(
        session, "sms", user.phone, _SMS.format(tracking_no=r.tracking_no, name=name, code=code)
    )
    await session.commit()


async def sign(
    ctx: ServerContext,
    session: AsyncSession,
    user: User,
    r: ServiceRequest,
    otp: str,
    ip: str,
    device: str,
) -> ServiceSignature:
    if r.filer_user_id != user.id:
        raise AppError(403, "filer_only", "Only the person who filed the request can sign it.")
    if r.status != "awaiting_signature":
        raise AppError(409, "invalid_transition", f"This request is {r.status}; nothing to sign.")
    # The live sign code must be the one sent for this request (a code for another request,
    # or of another purpose, signs nothing).
    latest = await session.scalar(
        select(OtpCode.id)
        .where(OtpCode.phone == user.phone, OtpCode.purpose == SIGN, OtpCode.used_at.is_(None))
        .order_by(OtpCode.id.desc())
        .limit(1)
    )
    if latest is None or latest != r.sign_otp_id:
        raise AppError(400, "otp_invalid", OTP_INVALID)
    await consume_otp(ctx, session, user.phone, SIGN, otp)
    by = mask_phone(user.phone)
    sig = ServiceSignature(
        request_id=r.id,
        user_id=user.id,
        signer=by,
        signed_at=utcnow(),
        ip=ip[:45],
        device=(device or "unknown")[:200],
        content_sha256=content_sha256(r),
    )
    session.add(sig)
    await move(session, r, "submitted", "customer", by)
    r.due_on = due_after(clock.today(), service_types()[r.type].turnaround_days)
    audit.record(
        session, "service_request_signed", PURPOSE, actor=user, customer_code=r.customer_code,
        detail=f"{r.tracking_no} sha256={sig.content_sha256}",
    )  # fmt: skip
    await session.flush()
    await commit_and_announce(session, ctx.hub)
    return sig
