"""The person's own data: profile, consents, sessions, export and erasure."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import SessionPublic, UserPublic, UserUpdate
from domain.models.auth import Channels
from server.consents import current_consents
from server.models import (
    AuditRecord,
    Consent,
    Device,
    Link,
    Notification,
    OtpCode,
    SignInSession,
    User,
    utcnow,
)
from server.problems import AppError
from server.services.audit import records as audit
from server.services.incidents.erasure import forget_reporter


async def profile(session: AsyncSession, user: User) -> UserPublic:
    return UserPublic(
        id=user.id,
        phone=user.phone,
        full_name=user.full_name,
        email=user.email,
        language=user.language,
        channels=Channels(**(user.channels or {})),
        consents=await current_consents(session, user.id),
        created_at=user.created_at,
    )


async def update_profile(session: AsyncSession, user: User, body: UserUpdate) -> UserPublic:
    fields = body.model_dump(exclude_unset=True)
    for name in ("full_name", "email", "language"):
        if name in fields:
            setattr(user, name, fields[name])
    if body.channels is not None:
        user.channels = body.channels.model_dump()
    if body.consents:
        now_given = await current_consents(session, user.id)
        for purpose, granted in body.consents.items():
            if purpose == "service" and not granted:
                # Withdrawing the service consent means ending the account: DELETE /me does that.
                raise AppError(
                    409, "service_consent", "To withdraw this consent, delete your account."
                )
            if now_given.get(purpose) != granted:
                session.add(
                    Consent(user_id=user.id, purpose=purpose, granted=granted, source="settings")
                )
                audit.record(
                    session, "consent_" + ("given" if granted else "withdrawn"), purpose, actor=user
                )
    await session.commit()
    return await profile(session, user)


async def list_sessions(session: AsyncSession, user: User, current_id: int) -> list[SessionPublic]:
    rows = await session.execute(
        select(SignInSession)
        .where(SignInSession.user_id == user.id, SignInSession.revoked_at.is_(None))
        .order_by(SignInSession.last_seen_at.desc())
    )
    return [
        SessionPublic(
            id=s.id,
            device=s.device,
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            current=s.id == current_id,
        )
        for s in rows.scalars()
    ]


async def export_data(session: AsyncSession, user: User) -> dict:
    """Everything held about the person, readable by them (right of access)."""

    def rows(result) -> list[dict]:
        return [{c: getattr(r, c) for c in r.__table__.columns.keys()} for r in result.scalars()]

    me = (await profile(session, user)).model_dump(mode="json")
    data = {
        "exported_at": utcnow().isoformat(),
        "profile": me,
        "links": rows(await session.execute(select(Link).where(Link.user_id == user.id))),
        "consents": rows(await session.execute(select(Consent).where(Consent.user_id == user.id))),
        "sessions": rows(
            await session.execute(select(SignInSession).where(SignInSession.user_id == user.id))
        ),
        "notifications": rows(
            await session.execute(select(Notification).where(Notification.user_id == user.id))
        ),
        "devices": rows(await session.execute(select(Device).where(Device.user_id == user.id))),
        "audit": rows(
            await session.execute(
                select(AuditRecord).where(
                    (AuditRecord.actor_user_id == user.id)
                    | (AuditRecord.subject_user_id == user.id)
                )
            )
        ),
    }
    for d in data["devices"]:
        d["token"] = d["token"][:6] + "…"
    return data


async def erase(session: AsyncSession, user: User) -> None:
    """Deletes the account and everything hanging off it; the audit trail stays (it holds only
    ids and masked phones) because the law asks the controller to prove past consent."""
    audit.record(session, "account_deleted", "account", actor=user, subject=user)
    for table in (Link, Notification, Device, Consent):
        await session.execute(delete(table).where(table.user_id == user.id))
    await session.execute(delete(OtpCode).where(OtpCode.phone == user.phone))
    await session.execute(delete(SignInSession).where(SignInSession.user_id == user.id))
    await forget_reporter(session, user)  # outage reports stay (an incident's count), not who
    await session.delete(user)
    await session.commit()
