"""Online electricity services: the public catalogue, filing and signing, tracking."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Header, Query, Response, UploadFile

from domain.models.services import (
    AttachmentPublic,
    MessageCreate,
    MessagePublic,
    ServiceRequestCreate,
    ServiceRequestPublic,
    ServiceRequestSummary,
    ServiceTypePublic,
    SignRequest,
)
from server.deps import ClientIp, ContextDep, CurrentUser, SessionDep
from server.problems import problem_response
from server.routes.params import RowId
from server.routes.problems_doc import errors
from server.services.service_requests import attachments, filing, tracking, views
from server.services.service_requests.access import visible_request
from server.services.service_requests.catalogue import catalogue
from server.services.service_requests.storage import store_for

public_router = APIRouter(prefix="/public", tags=["services"])
router = APIRouter(prefix="/service-requests", tags=["services"], responses=errors(401))
RequestId = RowId
SR_ERRORS = errors(401, 404, 422)


@public_router.get("/service-types", responses=errors(422))
async def service_types(
    lang: Annotated[Literal["vi", "en"], Query()] = "vi",
) -> list[ServiceTypePublic]:
    """The catalogue of electricity services (guests too): fields, documents, who may file,
    whether an OTP signature is needed, and the turnaround in working days."""
    return catalogue(lang)


@router.post("", status_code=201, responses=errors(403, 404, 422))
async def file_request(
    body: ServiceRequestCreate, user: CurrentUser, ctx: ContextDep, session: SessionDep
) -> ServiceRequestPublic:
    """File a request; one that must be signed waits in `awaiting_signature`."""
    try:
        r = await filing.file_request(ctx, session, user, body)
    except filing.FieldErrors as exc:
        return problem_response(
            422, "validation_failed", "Some fields are missing or not valid.", errors=exc.errors
        )
    return await views.detail(session, r, user.id)


@router.get("")
async def list_requests(
    user: CurrentUser,
    session: SessionDep,
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
) -> list[ServiceRequestSummary]:
    """Mine, and for an owner every request on the codes they own (newest first)."""
    return [views.summary(r) for r in await tracking.list_mine(session, user, before, limit)]


@router.get("/{request_id}", responses=SR_ERRORS)
async def get_request(
    request_id: RequestId, user: CurrentUser, session: SessionDep
) -> ServiceRequestPublic:
    r = await visible_request(session, user, request_id)
    return await views.detail(session, r, user.id)


@router.post(
    "/{request_id}/sign/otp", status_code=202, responses={**SR_ERRORS, **errors(403, 409, 429)}
)
async def send_sign_code(
    request_id: RequestId, user: CurrentUser, ctx: ContextDep, session: SessionDep, ip: ClientIp
) -> Response:
    """Send a one-time code of purpose `sign` to the filer's phone; the SMS names the request."""
    r = await visible_request(session, user, request_id)
    await filing.send_sign_code(ctx, session, user, r, ip)
    return Response(status_code=202)


@router.post("/{request_id}/sign", responses={**SR_ERRORS, **errors(400, 403, 409)})
async def sign(
    request_id: RequestId,
    body: SignRequest,
    user: CurrentUser,
    ctx: ContextDep,
    session: SessionDep,
    ip: ClientIp,
    user_agent: Annotated[str | None, Header()] = None,
) -> ServiceRequestPublic:
    """Sign with the code: the signature keeps who, when, device, IP and the content's SHA-256."""
    r = await visible_request(session, user, request_id)
    await filing.sign(ctx, session, user, r, body.otp, ip, user_agent or "")
    return await views.detail(session, r, user.id)


@router.post("/{request_id}/cancel", responses={**SR_ERRORS, **errors(409)})
async def cancel(
    request_id: RequestId, user: CurrentUser, ctx: ContextDep, session: SessionDep
) -> ServiceRequestPublic:
    """Cancel before the work starts (409 invalid_transition once it is in progress)."""
    r = await visible_request(session, user, request_id)
    await tracking.cancel(ctx, session, user, r, None)
    return await views.detail(session, r, user.id)


@router.post("/{request_id}/messages", status_code=201, responses=SR_ERRORS)
async def post_message(
    request_id: RequestId,
    body: MessageCreate,
    user: CurrentUser,
    ctx: ContextDep,
    session: SessionDep,
) -> MessagePublic:
    r = await visible_request(session, user, request_id)
    m = await tracking.add_message(ctx, session, r, user, body.text)
    return MessagePublic(id=m.id, at=m.at, by=m.by, text=m.text)


@router.post(
    "/{request_id}/attachments",
    status_code=201,
    responses={**SR_ERRORS, **errors(400, 409, 413, 415)},
)
async def add_attachment(
    request_id: RequestId,
    file: Annotated[UploadFile, File(description="JPEG, PNG or PDF, at most 5 MB")],
    user: CurrentUser,
    ctx: ContextDep,
    session: SessionDep,
) -> AttachmentPublic:
    """Attach a document: the type is read from the bytes, images lose their metadata."""
    r = await visible_request(session, user, request_id)
    data = await file.read(attachments.MAX_BYTES + 1)
    a = await attachments.add_attachment(
        session, store_for(ctx.settings.data_dir), user, r, file.filename, data
    )
    return views.attachment(a)


@router.get("/{request_id}/attachments/{attachment_id}", responses=SR_ERRORS)
async def download_attachment(
    request_id: RequestId,
    attachment_id: RequestId,
    user: CurrentUser,
    ctx: ContextDep,
    session: SessionDep,
) -> Response:
    """The file, only for those who may see the request."""
    r = await visible_request(session, user, request_id)
    a = await attachments.get_attachment(session, r, attachment_id)
    return await attachments.file_response(store_for(ctx.settings.data_dir), a)
