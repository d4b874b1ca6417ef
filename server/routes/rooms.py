"""Rooms let on a customer code (issue 18, tenants): the owner declares them, records their
sub-meter readings and invites tenants; a tenant reads their own room and its shares; an
invited person sees and accepts invitations."""

from __future__ import annotations

from fastapi import APIRouter

from domain.models.rooms import (
    MyRoom,
    RoomIn,
    RoomInvitation,
    RoomInvite,
    RoomPublic,
    RoomReadingIn,
    RoomShare,
    RoomUpdate,
)
from server.access import OwnerAccessDep
from server.deps import ContextDep, CurrentUser, SessionDep
from server.routes.params import RowId
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.services.rooms import invitations, owner, shares
from server.tenant_access import TenantAccessDep

router = APIRouter(prefix="/accounts/{code}", tags=["rooms"], responses=ACCOUNT_ERRORS)
me_router = APIRouter(prefix="/me/room-invitations", tags=["rooms"], responses=errors(401))
RoomId = RowId


@router.get("/rooms")
async def list_rooms(access: OwnerAccessDep) -> list[RoomPublic]:
    """Owner only: the rooms let on this code, their tenants' link status and readings."""
    return await owner.list_rooms(access)


@router.post("/rooms", status_code=201)
async def create_room(body: RoomIn, access: OwnerAccessDep, session: SessionDep) -> RoomPublic:
    """Owner only: declare a room (residents 1–50; four residents count as one household),
    optionally inviting its tenant by phone. Audited."""
    return await owner.create_room(session, access, body)


@router.patch("/rooms/{room_id}", responses=errors(404))
async def update_room(
    room_id: RoomId, body: RoomUpdate, access: OwnerAccessDep, session: SessionDep
) -> RoomPublic:
    """Owner only: change a room; a move-out day ends its tenant's access after that day."""
    return await owner.update_room(session, access, room_id, body)


@router.put("/rooms/{room_id}/readings", responses=errors(404))
async def record_reading(
    room_id: RoomId, body: RoomReadingIn, access: OwnerAccessDep, session: SessionDep
) -> RoomPublic:
    """Owner only: the room's sub-meter kWh for the bill of a month (replaces an earlier one)."""
    return await owner.record_reading(session, access, room_id, body)


@router.post("/rooms/{room_id}/invite", responses=errors(404, 409))
async def invite_tenant(
    room_id: RoomId, body: RoomInvite, access: OwnerAccessDep, session: SessionDep
) -> RoomPublic:
    """Owner only: invite the room's tenant by phone (409 `room_has_tenant` while a tenant
    holds a pending or approved link)."""
    return await owner.invite(session, access, room_id, body.phone)


@router.get("/my-room")
async def my_room(tenant: TenantAccessDep) -> MyRoom:
    """Tenant only: their own room (403 `tenant_only` for anyone else, `tenant_moved_out`
    after the move-out day)."""
    return shares.my_room(tenant)


@router.get("/my-room/shares")
async def my_room_shares(tenant: TenantAccessDep) -> list[RoomShare]:
    """Tenant only: the room's share of each bill since moving in, newest first — kWh (its
    sub-meter, or the bill split by resident-days), the most the household tariff allows
    for them with the norm of its residents, and the average VND per kWh."""
    return await shares.shares(tenant)


@me_router.get("")
async def list_invitations(user: CurrentUser, session: SessionDep) -> list[RoomInvitation]:
    """Rooms whose owner invited the caller's phone and that wait for an answer."""
    return await invitations.list_invitations(session, user)


@me_router.post("/{room_id}/accept", responses=errors(404, 409))
async def accept_invitation(
    room_id: RoomId, user: CurrentUser, ctx: ContextDep, session: SessionDep
) -> RoomInvitation:
    """Accept: a `tenant` link to the code, pending until the owner approves it."""
    return await invitations.accept(ctx, session, user, room_id)
