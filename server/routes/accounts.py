"""Customer codes of the caller and link approval (owner approves, denies, revokes)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from domain.models import (
    AccountPublic,
    AuditRecord,
    LinkCreate,
    LinkPublic,
    LinkReminder,
    NicknameIn,
)
from server.access import AccountAccessDep, OwnAccountsDep, OwnerAccessDep
from server.deps import ContextDep, CurrentUser, SessionDep
from server.json_body import JsonBody
from server.models import User
from server.problems import AppError
from server.routes.params import RowId
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.services.accounts import link_requests, links
from server.services.accounts.link_reminders import remind_owner
from server.services.accounts.nicknames import set_nickname
from server.services.audit.log import list_audit

router = APIRouter(prefix="/accounts", tags=["accounts"], responses=errors(401))
LinkId = RowId


@router.get("", response_model=list[AccountPublic])
async def list_accounts(own: OwnAccountsDep) -> JsonBody:
    return JsonBody([links.account_fields(link) for link in own.links])


@router.post("/links", status_code=201, responses=errors(404, 409, 422, 429))
async def request_link(
    body: LinkCreate, user: CurrentUser, ctx: ContextDep, session: SessionDep, response: Response
) -> AccountPublic:
    """Ask to link your phone to a customer code. The contract phone is approved at once as owner;
    anyone else waits for the owner's approval and sees no personal data until then."""
    account, created = await link_requests.request_link(
        ctx, session, user, body.customer_code, body.note
    )
    if not created:
        response.status_code = 200
    return account


@router.get("/{code}", responses=ACCOUNT_ERRORS, response_model=AccountPublic)
async def get_account(access: AccountAccessDep) -> JsonBody:
    return JsonBody(links.account_fields(access.link))


@router.get("/{code}/links", responses=ACCOUNT_ERRORS)
async def list_links(access: OwnerAccessDep) -> list[LinkPublic]:
    return await links.list_links(access.reads, access.customer_code)


def _decision(action: str):
    async def decide(
        link_id: LinkId, access: OwnerAccessDep, ctx: ContextDep, session: SessionDep
    ) -> LinkPublic:
        owner = await session.get(User, access.user_id)  # the audit record's actor
        if owner is None:  # erased between the check and now
            raise AppError(404, "account_not_found", links.NOT_YOURS)
        return await links.decide(ctx, session, owner, access.customer_code, link_id, action)

    decide.__name__ = f"{action}_link"
    decide.__doc__ = f"Owner only: {action} a link to this customer code (audited, asker notified)."
    return decide


for _action in ("approve", "deny", "revoke"):
    router.add_api_route(
        "/{code}/links/{link_id}/" + _action,
        _decision(_action),
        methods=["POST"],
        responses={**ACCOUNT_ERRORS, **errors(409)},
        response_model=LinkPublic,
    )


@router.delete("/{code}/links/me", status_code=204, responses={**ACCOUNT_ERRORS, **errors(409)})
async def leave(code: str, user: CurrentUser, ctx: ContextDep, session: SessionDep) -> Response:
    """A member leaves (or withdraws a request still waiting for approval)."""
    await links.leave(ctx, session, user, _normalize(code))
    return Response(status_code=204)


@router.post("/{code}/links/me/remind", responses={**ACCOUNT_ERRORS, **errors(429)})
async def remind(
    code: str, user: CurrentUser, ctx: ContextDep, session: SessionDep
) -> LinkReminder:
    """A relative whose request waits reminds the owner: a day after asking, then once a day
    (429 with Retry-After before that; 404 `link_not_pending` when nothing waits)."""
    return await remind_owner(ctx, session, user, _normalize(code))


@router.put("/{code}/nickname", responses={**ACCOUNT_ERRORS, **errors(422)})
async def nickname(
    body: NicknameIn, access: AccountAccessDep, session: SessionDep
) -> AccountPublic:
    """The caller's own name for this code (approved links); `null` removes it. Nobody else
    sees it: it is kept on the caller's link."""
    return await set_nickname(session, access, body.nickname)


@router.get("/{code}/audit", responses=ACCOUNT_ERRORS)
async def audit(access: OwnerAccessDep) -> list[AuditRecord]:
    return await list_audit(access.reads, access.customer_code)


def _normalize(code: str) -> str:
    try:
        return normalize_customer_code(code)
    except InvalidCustomerCode:
        raise AppError(404, "account_not_found", links.NOT_YOURS) from None
