"""Filing a request and signing it with a one-time code of purpose `sign`."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from domain import clock
from domain.customer_code import mask_phone
from domain.models.services import ServiceRequestCreate
from domain.service_states import InvalidTransition, next_state
from server.context import ServerContext
from server.dialect import is_postgresql
from server.models import OtpCode, User, utcnow
from server.models.services import ServiceRequest, ServiceSignature
from server.notify.fanout import NOTICE_CHANNEL
from server.notify.inbox import commit_and_announce, enqueue
from server.problems import AppError
from server.security import new_otp, otp_digest
from server.services.audit import records as audit
from server.services.identity.otp import OTP_INVALID, consume_otp
from server.services.service_requests import filing_pg
from server.services.service_requests.access import filing_contract
from server.services.service_requests.catalogue import service_types
from server.services.service_requests.content import content_sha256
from server.services.service_requests.fields import clean_fields
from server.services.service_requests.timeline import NOTICE_KIND, add_event, move, notice_params
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
    status = "awaiting_signature" if t.needs_signature else "submitted"
    values = {
        "type": t.code,
        "customer_code": contract.customer_code if contract else None,
        "area_code": contract.area_code if contract else None,
        "filer_user_id": user.id,
        "fields": fields,
        "note": body.note,
        "status": status,
        "due_on": due_after(clock.today(), t.turnaround_days) if status == "submitted" else None,
        "created_at": now,
        "updated_at": now,
    }
    prefix = f"DV{clock.today():%y%m%d}"
    by = mask_phone(user.phone)
    if is_postgresql(session):
        # One statement: the row, its timeline entry and its audit record (filing_pg.py).
        rid, tracking_no = await filing_pg.insert_request(
            session, prefix=prefix, values=values, by=by, purpose=PURPOSE
        )
        await session.commit()
        r = ServiceRequest(id=rid, tracking_no=tracking_no, **values, **_UNSET)
        make_transient_to_detached(r)  # as if loaded: in the session, nothing to flush
        session.add(r)
        return r
    r = ServiceRequest(tracking_no=f"tmp-{secrets.token_hex(6)}", **values)
    session.add(r)
    await session.flush()
    r.tracking_no = f"{prefix}{r.id:07d}"
    add_event(session, r, r.status, by)
    audit.record(
        session, "service_request_filed", PURPOSE, actor=user,
        customer_code=r.customer_code, detail=f"{r.tracking_no} {r.type}",
    )  # fmt: skip
    await session.commit()
    return r


# The columns a new request leaves empty (the PostgreSQL path builds the object it inserted).
_UNSET = {
    "reason": None,
    "appointment_date": None,
    "appointment_window": None,
    "sign_otp_id": None,
}


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
    now = utcnow()
    code_hash = otp_digest(s.secret_key, user.phone, SIGN, code)
    name = service_types()[r.type].name("vi")
    sms = _SMS.format(tracking_no=r.tracking_no, name=name, code=code)
    expires_at = now + timedelta(seconds=s.otp_ttl_seconds)
    if is_postgresql(session):
        otp_id = await filing_pg.store_sign_code(
            session, request_id=r.id, phone=user.phone, purpose=SIGN, code_hash=code_hash,
            sms=sms, now=now, expires_at=expires_at,
        )  # fmt: skip
        await session.commit()
        set_committed_value(r, "sign_otp_id", otp_id)
        return
    await session.execute(
        update(OtpCode)
        .where(OtpCode.phone == user.phone, OtpCode.purpose == SIGN, OtpCode.used_at.is_(None))
        .values(used_at=now)
    )
    row = OtpCode(
        phone=user.phone, purpose=SIGN, code_hash=code_hash, created_at=now, expires_at=expires_at
    )
    session.add(row)
    await session.flush()
    r.sign_otp_id = row.id
    enqueue(session, "sms", user.phone, sms)
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
    by = mask_phone(user.phone)
    if is_postgresql(session):
        return await _sign_pg(ctx, session, user, r, otp, ip[:45], (device or "unknown")[:200], by)
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


async def _sign_pg(
    ctx: ServerContext,
    session: AsyncSession,
    user: User,
    r: ServiceRequest,
    otp: str,
    ip: str,
    device: str,
    by: str,
) -> ServiceSignature:
    """The same rules in one statement (filing_pg.py): one try at the code and, if it was
    right, everything the signature writes."""
    s = ctx.settings
    try:
        status = next_state(r.status, "submitted", "customer")
    except InvalidTransition as exc:
        raise AppError(409, "invalid_transition", str(exc).capitalize() + ".") from None
    now = utcnow()
    sha = content_sha256(r)
    due_on = due_after(clock.today(), service_types()[r.type].turnaround_days)
    ok, signature_id, told = await filing_pg.sign(
        session, otp_id=r.sign_otp_id, phone=user.phone, otp_purpose=SIGN,
        code_hash=otp_digest(s.secret_key, user.phone, SIGN, otp),
        max_attempts=s.otp_max_attempts, request_id=r.id, from_status=r.status, status=status,
        due_on=due_on, now=now, user_id=user.id, by=by, ip=ip, device=device, sha=sha,
        code=r.customer_code, purpose=PURPOSE, audit_detail=f"{r.tracking_no} sha256={sha}",
        kind=NOTICE_KIND.format(status=status), params=notice_params(r, {"note": ""}),
        intent_channel=NOTICE_CHANNEL,
    )  # fmt: skip
    if not ok:
        if ok is False:
            await session.commit()  # the attempt counts (and a fifth wrong try burns the code)
        raise AppError(400, "otp_invalid", OTP_INVALID)
    if signature_id is None:  # the request moved on meanwhile: the code stays unused
        await session.rollback()
        raise AppError(409, "invalid_transition", "This request no longer awaits a signature.")
    await session.commit()
    for name, value in (("status", status), ("due_on", due_on), ("updated_at", now)):
        set_committed_value(r, name, value)
    for user_id in told:
        await ctx.hub.publish(user_id, {"type": "notice"})
    sig = ServiceSignature(
        id=signature_id, request_id=r.id, user_id=user.id, signer=by, signed_at=now, ip=ip,
        device=device, content_sha256=sha,
    )  # fmt: skip
    make_transient_to_detached(sig)
    return sig
