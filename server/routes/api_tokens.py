"""Personal API tokens of the signed-in person: create (shown once), list, revoke (issue 19)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import Field

from domain.models.api_tokens import ApiTokenCreated, ApiTokenPublic, Scope
from domain.models.common import JSON_NUMBER, CustomerCode, WireModel
from server.deps import CurrentUser, SessionDep
from server.routes.params import RowId
from server.routes.problems_doc import errors
from server.services.api_tokens import tokens

router = APIRouter(prefix="/me/api-tokens", tags=["me"], responses=errors(401, 422))


class ApiTokenIn(WireModel):
    name: str = Field(
        min_length=1, max_length=60, description="what it is for, e.g. Home Assistant"
    )
    scopes: list[Scope] = Field(min_length=1, max_length=3)
    customer_codes: list[CustomerCode] | None = Field(
        default=None, max_length=20, description="only these codes (default: every code of yours)"
    )
    expires_in_days: Annotated[int, Field(ge=1, le=365), JSON_NUMBER] = 90


@router.post("", status_code=201, responses=errors(404, 409))
async def create_token(body: ApiTokenIn, user: CurrentUser, session: SessionDep) -> ApiTokenCreated:
    """A read-only token for the person's own tools; `token` is in this answer only."""
    row, raw = await tokens.issue(
        session,
        user,
        body.name.strip(),
        list(body.scopes),
        body.customer_codes,
        body.expires_in_days,
    )
    await session.commit()
    return ApiTokenCreated(**tokens.public(row), token=raw)


@router.get("")
async def list_tokens(user: CurrentUser, session: SessionDep) -> list[ApiTokenPublic]:
    """Live tokens (not revoked), newest first, with when each was last used."""
    return [ApiTokenPublic(**tokens.public(r)) for r in await tokens.list_tokens(session, user)]


@router.delete("/{token_id}", status_code=204, responses=errors(404))
async def revoke_token(token_id: RowId, user: CurrentUser, session: SessionDep) -> Response:
    """Revokes at once: the next call with it is refused."""
    await tokens.revoke_by_id(session, user, token_id)
    await session.commit()
    return Response(status_code=204)
