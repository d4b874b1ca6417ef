"""Requests as the wire shows them: summaries for lists, the detail with its timeline."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.models.services import (
    Appointment,
    AttachmentPublic,
    MessagePublic,
    ServiceRequestPublic,
    ServiceRequestSummary,
    SignaturePublic,
    TimelineEntry,
)
from domain.service_states import FINAL
from server.models.services import (
    ServiceAttachment,
    ServiceMessage,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceSignature,
)
from server.services.service_requests.content import content_sha256


def attachment(a: ServiceAttachment) -> AttachmentPublic:
    return AttachmentPublic(
        id=a.id,
        filename=a.filename,
        content_type=a.content_type,
        size=a.size,
        uploaded_at=a.uploaded_at,
    )


def is_overdue(r: ServiceRequest) -> bool:
    """Past the committed turnaround and not finished (computed when read, never stored)."""
    return r.due_on is not None and r.status not in FINAL and r.due_on < clock.today()


def summary(r: ServiceRequest) -> ServiceRequestSummary:
    return ServiceRequestSummary(**_summary_fields(r))


def _summary_fields(r: ServiceRequest) -> dict:
    appointment = (
        Appointment(date=r.appointment_date, window=r.appointment_window)
        if r.appointment_date
        else None
    )
    return {
        "id": r.id,
        "tracking_no": r.tracking_no,
        "type": r.type,
        "customer_code": r.customer_code,
        "status": r.status,
        "created_at": r.created_at,
        "due_on": r.due_on,
        "overdue": is_overdue(r),
        "appointment": appointment,
    }


async def detail(
    session: AsyncSession, r: ServiceRequest, viewer_id: int | None
) -> ServiceRequestPublic:
    events = await session.scalars(
        select(ServiceRequestEvent)
        .where(ServiceRequestEvent.request_id == r.id)
        .order_by(ServiceRequestEvent.id)
    )
    messages = await session.scalars(
        select(ServiceMessage).where(ServiceMessage.request_id == r.id).order_by(ServiceMessage.id)
    )
    files = await session.scalars(
        select(ServiceAttachment)
        .where(ServiceAttachment.request_id == r.id)
        .order_by(ServiceAttachment.id)
    )
    sigs = await session.scalars(
        select(ServiceSignature)
        .where(ServiceSignature.request_id == r.id)
        .order_by(ServiceSignature.id)
    )
    return ServiceRequestPublic(
        **_summary_fields(r),
        fields=r.fields,
        note=r.note,
        reason=r.reason,
        mine=viewer_id == r.filer_user_id,
        content_sha256=content_sha256(r),
        timeline=[TimelineEntry(status=e.status, at=e.at, note=e.note, by=e.by) for e in events],
        messages=[MessagePublic(id=m.id, at=m.at, by=m.by, text=m.text) for m in messages],
        attachments=[attachment(a) for a in files],
        signatures=[
            SignaturePublic(signed_at=s.signed_at, by=s.signer, content_sha256=s.content_sha256)
            for s in sigs
        ],
    )
