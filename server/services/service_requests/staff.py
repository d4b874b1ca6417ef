"""The staff side: the queue with filters, transitions with an appointment, the effects."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.models.services import TransitionRequest
from domain.service_states import FINAL
from server.context import ServerContext
from server.models import utcnow
from server.models.services import ServiceRequest
from server.notify.inbox import commit_and_announce
from server.problems import AppError
from server.services.audit import records as audit
from server.services.service_requests.effects import apply_effects, check_effective
from server.services.service_requests.filing import PURPOSE
from server.services.service_requests.timeline import move

_OPEN = ("submitted", "received", "scheduled", "in_progress")


async def queue(
    session: AsyncSession,
    *,
    status: str | None,
    type_: str | None,
    area: str | None,
    overdue: bool | None,
    before: int | None,
    limit: int,
) -> list[ServiceRequest]:
    q = select(ServiceRequest)
    if status:
        q = q.where(ServiceRequest.status == status)
    if type_:
        q = q.where(ServiceRequest.type == type_)
    if area:
        q = q.where(ServiceRequest.area_code == area)
    if overdue is not None:
        late = ServiceRequest.due_on < clock.today()
        if overdue:
            q = q.where(ServiceRequest.status.in_(_OPEN), late)
        else:
            q = q.where(~(ServiceRequest.status.in_(_OPEN) & late.is_(True)))
    if before is not None:
        q = q.where(ServiceRequest.id < before)
    return list(await session.scalars(q.order_by(ServiceRequest.id.desc()).limit(limit)))


async def get(session: AsyncSession, request_id: int) -> ServiceRequest:
    r = await session.get(ServiceRequest, request_id)
    if r is None:
        raise AppError(
            404, "service_request_not_found", "There is no service request with that id."
        )
    return r


async def transition(
    ctx: ServerContext,
    session: AsyncSession,
    staff: str,
    r: ServiceRequest,
    body: TransitionRequest,
) -> None:
    if body.status == "scheduled":
        if body.appointment is None:
            raise AppError(422, "appointment_required", "Scheduling needs an appointment date.")
        if body.appointment.date < clock.today():
            raise AppError(422, "appointment_in_past", "The appointment cannot be in the past.")
        r.appointment_date, r.appointment_window = body.appointment.date, body.appointment.window
    if body.status == "rejected":
        if not body.note:
            raise AppError(422, "reason_required", "Say why the request is rejected.")
        r.reason = body.note
    if body.status == "done" and r.status not in FINAL:
        check_effective(r)
    await move(session, r, body.status, "staff", "staff", body.note)
    if body.status == "done":
        await apply_effects(session, r, staff)
    audit.record(
        session, f"service_request_{body.status}", PURPOSE, actor=None, actor_label=staff[:40],
        customer_code=r.customer_code, detail=f"{r.tracking_no} {body.note or ''}".strip(),
    )  # fmt: skip
    r.updated_at = utcnow()
    await session.flush()
    await commit_and_announce(session, ctx.hub)
