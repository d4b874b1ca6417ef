"""The signed-in person: profile, consents, sessions, devices, data export and account erasure."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from domain.models import SessionPublic, UserPublic, UserUpdate
from domain.models.auth import Password
from server.deps import CallerDep, ContextDep, CurrentUser, SessionDep
from server.models import Device, SignInSession, utcnow
from server.problems import AppError
from server.routes.params import RowId
from server.routes.problems_doc import errors
from server.services.accounts import users
from server.services.identity.password_change import change_password

router = APIRouter(prefix="/me", tags=["me"], responses=errors(401))


@router.get("")
async def get_me(user: CurrentUser, session: SessionDep) -> UserPublic:
    return await users.profile(session, user)


@router.patch("", responses=errors(409, 422))
async def patch_me(body: UserUpdate, user: CurrentUser, session: SessionDep) -> UserPublic:
    return await users.update_profile(session, user, body)


@router.delete("", status_code=204)
async def delete_me(user: CurrentUser, session: SessionDep) -> Response:
    """Erases the account: links, sign-ins, inbox, devices. Audit records required by law stay."""
    await users.erase(session, user)
    return Response(status_code=204)


@router.get("/data-export")
async def data_export(user: CurrentUser, session: SessionDep) -> dict:
    return await users.export_data(session, user)


@router.get("/sessions")
async def sessions(caller: CallerDep, session: SessionDep) -> list[SessionPublic]:
    return await users.list_sessions(session, caller.user, caller.session_id)


@router.delete("/sessions/{session_id}", status_code=204, responses=errors(404))
async def end_session(session_id: RowId, user: CurrentUser, session: SessionDep) -> Response:
    """Signs one device out (from the list of signed-in devices)."""
    row = await session.get(SignInSession, session_id)
    if row is None or row.user_id != user.id:
        raise AppError(404, "session_not_found", "No such signed-in device.")
    if row.revoked_at is None:
        row.revoked_at, row.revoke_reason = utcnow(), "signed_out_from_list"
        await session.commit()
    return Response(status_code=204)


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=128)
    new_password: str = Password


@router.post("/password", status_code=204, responses=errors(400, 422, 429))
async def post_password(
    body: PasswordChange, caller: CallerDep, ctx: ContextDep, session: SessionDep
) -> Response:
    """Changes the password (the current one is asked again); every other sign-in ends."""
    await change_password(
        ctx, session, caller.user, caller.session_id, body.current_password, body.new_password
    )
    return Response(status_code=204)


class DeviceCreate(BaseModel):
    platform: str = Field(pattern="^(android|ios|web)$")
    token: str = Field(min_length=10, max_length=400)


@router.post("/devices", status_code=204, responses=errors(422))
async def register_device(body: DeviceCreate, user: CurrentUser, session: SessionDep) -> Response:
    """Registers a push token; a token moves to the newest account that registers it."""
    row = (
        await session.execute(select(Device).where(Device.token == body.token))
    ).scalar_one_or_none()
    if row is None:
        session.add(Device(user_id=user.id, platform=body.platform, token=body.token))
    else:
        row.user_id, row.platform = user.id, body.platform
    await session.commit()
    return Response(status_code=204)
