"""Staff side of electricity-service requests: the queue, a request, transitions, messages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from domain.models.services import (
    MessageCreate,
    MessagePublic,
    RequestStatus,
    ServiceRequestPublic,
    ServiceRequestSummary,
    TransitionRequest,
)
from server.deps import ContextDep, SessionDep
from server.routes.admin import StaffDep
from server.routes.params import RowId
from server.routes.problems_doc import errors
from server.services.service_requests import attachments, staff, tracking, views
from server.services.service_requests.storage import store_for

router = APIRouter(
    prefix="/admin/service-requests", tags=["staff"], responses=errors(401, 403, 422)
)
RequestId = RowId


@router.get("")
async def service_queue(
    _: StaffDep,
    session: SessionDep,
    status: RequestStatus | None = None,
    type: Annotated[str | None, Query(max_length=30)] = None,
    area: Annotated[str | None, Query(max_length=20)] = None,
    overdue: bool | None = None,
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[ServiceRequestSummary]:
    """The queue, newest first; `overdue` is past the committed turnaround and not finished."""
    rows = await staff.queue(
        session, status=status, type_=type, area=area, overdue=overdue, before=before, limit=limit
    )
    return [views.summary(r) for r in rows]


@router.get("/{request_id}", responses=errors(404))
async def service_request(
    request_id: RequestId, _: StaffDep, session: SessionDep
) -> ServiceRequestPublic:
    return await views.detail(session, await staff.get(session, request_id), None)


@router.post("/{request_id}/transition", responses=errors(404, 409))
async def transition(
    request_id: RequestId,
    body: TransitionRequest,
    who: StaffDep,
    ctx: ContextDep,
    session: SessionDep,
) -> ServiceRequestPublic:
    """Move the request (409 invalid_transition when the state machine forbids it); audited,
    the filer and the owner are notified; `done` applies the request's effects."""
    r = await staff.get(session, request_id)
    await staff.transition(ctx, session, who, r, body)
    return await views.detail(session, r, None)


@router.post("/{request_id}/messages", status_code=201, responses=errors(404))
async def staff_message(
    request_id: RequestId, body: MessageCreate, _: StaffDep, ctx: ContextDep, session: SessionDep
) -> MessagePublic:
    r = await staff.get(session, request_id)
    m = await tracking.add_message(ctx, session, r, None, body.text)
    return MessagePublic(id=m.id, at=m.at, by=m.by, text=m.text)


@router.get("/{request_id}/attachments/{attachment_id}", responses=errors(404))
async def staff_download(
    request_id: RequestId,
    attachment_id: RequestId,
    _: StaffDep,
    ctx: ContextDep,
    session: SessionDep,
) -> Response:
    r = await staff.get(session, request_id)
    a = await attachments.get_attachment(session, r, attachment_id)
    return await attachments.file_response(store_for(ctx.settings.data_dir), a)
