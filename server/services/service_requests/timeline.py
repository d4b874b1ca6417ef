"""Moving a request through its states: the machine's rule, the timeline row, the notices."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from domain.service_states import Actor, InvalidTransition, next_state
from server.models import utcnow
from server.models.services import ServiceRequest, ServiceRequestEvent
from server.notify.inbox import notify
from server.problems import AppError
from server.services.service_requests.access import owner_ids
from server.services.service_requests.catalogue import service_types

NOTICE_KIND = "service_request_{status}"


def add_event(
    session: AsyncSession, r: ServiceRequest, status: str, by: str, note: str | None = None
) -> None:
    session.add(ServiceRequestEvent(request_id=r.id, status=status, by=by, note=note, at=utcnow()))


async def move(
    session: AsyncSession,
    r: ServiceRequest,
    new: str,
    actor: Actor,
    by: str,
    note: str | None = None,
) -> None:
    """The state machine decides (409 invalid_transition); the step is recorded and announced."""
    try:
        r.status = next_state(r.status, new, actor)
    except InvalidTransition as exc:
        raise AppError(409, "invalid_transition", str(exc).capitalize() + ".") from None
    r.updated_at = utcnow()
    add_event(session, r, new, by, note)
    await tell(session, r, NOTICE_KIND.format(status=new), {"note": note or ""})


def notice_params(r: ServiceRequest, extra: dict) -> dict:
    """What a notice about the request says (rendered in each reader's language when read)."""
    t = service_types()[r.type]
    return {
        "tracking_no": r.tracking_no,
        "type": r.type,
        "service": {"vi": t.name("vi"), "en": t.name("en")},
        "code": r.customer_code or "",
        "appointment_date": r.appointment_date.isoformat() if r.appointment_date else "",
        "appointment_window": r.appointment_window or "",
        **extra,
    }


async def tell(session: AsyncSession, r: ServiceRequest, kind: str, extra: dict) -> None:
    """The filer, and the code's owner when the filer is not the owner, get the notice."""
    params = notice_params(r, extra)
    for user_id in {r.filer_user_id, *await owner_ids(session, r.customer_code)}:
        notify(
            session,
            user_id,
            kind,
            params,
            customer_code=r.customer_code,
            ref=("service_request", str(r.id)),
        )
