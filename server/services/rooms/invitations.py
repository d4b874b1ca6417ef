"""A person invited to a room (by the phone they sign in with) sees the invitation and
accepts it: a `tenant` link, pending until the owner approves it like any link."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.rooms import RoomInvitation
from server.context import ServerContext
from server.models import Contract, Link, User, utcnow
from server.models.rooms import Room
from server.notify.inbox import commit_and_announce
from server.problems import AppError
from server.services.accounts.link_requests import tell_owner
from server.services.audit import records as audit

PURPOSE = audit.LINK_PURPOSE


async def list_invitations(session: AsyncSession, user: User) -> list[RoomInvitation]:
    rows = (
        await session.execute(
            select(Room).where(Room.invite_phone == user.phone, Room.link_id.is_(None))
        )
    ).scalars()
    return [
        RoomInvitation(room_id=r.id, customer_code=r.customer_code, room_name=r.name) for r in rows
    ]


async def accept(
    ctx: ServerContext, session: AsyncSession, user: User, room_id: int
) -> RoomInvitation:
    room = await session.get(Room, room_id)
    if room is None or room.invite_phone != user.phone or room.link_id is not None:
        raise AppError(404, "invitation_not_found", "There is no such invitation for you.")
    contract = await session.get(Contract, room.customer_code)
    assert contract is not None  # rooms.customer_code is a foreign key
    link = (
        await session.execute(
            select(Link).where(Link.user_id == user.id, Link.customer_code == room.customer_code)
        )
    ).scalar_one_or_none()
    now = utcnow()
    if link is None:
        link = Link(user_id=user.id, customer_code=room.customer_code, requested_at=now)
        session.add(link)
    elif link.status in ("approved", "pending"):
        raise AppError(
            409, "already_linked", "You already hold a link to this customer code; leave it first."
        )
    link.role, link.status, link.requested_at, link.decided_at = "tenant", "pending", now, None
    link.note = None
    await session.flush()
    room.link_id = link.id
    audit.record(
        session,
        "tenant_accepted",
        PURPOSE,
        actor=user,
        customer_code=room.customer_code,
        subject=user,
        detail=f"room {room.id}",
    )
    await tell_owner(session, contract, user, link)
    invitation = RoomInvitation(
        room_id=room.id, customer_code=room.customer_code, room_name=room.name
    )
    await commit_and_announce(session, ctx.hub)
    return invitation
