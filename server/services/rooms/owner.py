"""The owner's side: declare rooms, change them, record sub-meter readings, invite a tenant.
Every change is audited (purpose: household data sharing, as link decisions)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customer_code import mask_phone
from domain.models.rooms import RoomIn, RoomPublic, RoomReading, RoomReadingIn, RoomUpdate
from domain.tenant_share import households_for
from server.access import AccountAccess
from server.models import Link, User
from server.models.rooms import Room
from server.models.rooms import RoomReading as RoomReadingRow
from server.problems import AppError
from server.reads import Query
from server.services.audit import records as audit
from server.services.billing.periods import parse_month

PURPOSE = audit.LINK_PURPOSE

_ROOMS = Query(
    select(
        Room.id,
        Room.name,
        Room.residents,
        Room.moved_in,
        Room.moved_out,
        Room.invite_phone,
        Room.link_id,
        Link.status.label("link_status"),
    )
    .outerjoin(Link, Link.id == Room.link_id)
    .where(Room.customer_code == bindparam("code"))
    .order_by(Room.id)
)
_READINGS = Query(
    select(RoomReadingRow.room_id, RoomReadingRow.period_month, RoomReadingRow.kwh)
    .join(Room, Room.id == RoomReadingRow.room_id)
    .where(Room.customer_code == bindparam("code"))
    .order_by(RoomReadingRow.period_month)
)


def _status(invite_phone: str | None, link_status: str | None) -> str:
    if link_status is not None:
        return link_status
    return "invited" if invite_phone else "none"


async def list_rooms(access: AccountAccess) -> list[RoomPublic]:
    code = access.customer_code
    readings: dict[int, list[RoomReading]] = defaultdict(list)
    for r in await access.reads.all(_READINGS, code=code):
        readings[r["room_id"]].append(RoomReading(month=f"{r['period_month']:%Y-%m}", kwh=r["kwh"]))
    return [
        RoomPublic(
            id=r["id"],
            name=r["name"],
            residents=r["residents"],
            households=households_for(r["residents"]),
            moved_in=r["moved_in"],
            moved_out=r["moved_out"],
            invite_phone=r["invite_phone"],
            tenant_status=_status(r["invite_phone"], r["link_status"]),  # type: ignore[arg-type]
            link_id=r["link_id"],
            readings=readings[r["id"]],
        )
        for r in await access.reads.all(_ROOMS, code=code)
    ]


async def _owner(session: AsyncSession, access: AccountAccess) -> User:
    owner = await session.get(User, access.user_id)
    if owner is None:  # erased between the check and now
        raise AppError(404, "account_not_found", "No customer code of yours has that number.")
    return owner


async def _room(session: AsyncSession, access: AccountAccess, room_id: int) -> Room:
    room = await session.get(Room, room_id)
    if room is None or room.customer_code != access.customer_code:
        raise AppError(404, "room_not_found", "This customer code has no such room.")
    return room


def _check_stay(moved_in: date, moved_out: date | None) -> None:
    if moved_out is not None and moved_out < moved_in:
        raise AppError(422, "move_out_before_move_in", "The move-out day is before the move-in.")


async def _done(session: AsyncSession, access: AccountAccess, room_id: int) -> RoomPublic:
    await session.commit()
    return next(r for r in await list_rooms(access) if r.id == room_id)


async def create_room(session: AsyncSession, access: AccountAccess, body: RoomIn) -> RoomPublic:
    owner = await _owner(session, access)
    room = Room(
        customer_code=access.customer_code,
        name=body.name.strip() or "?",
        residents=body.residents,
        moved_in=body.moved_in,
        moved_out=body.moved_out,
        invite_phone=body.invite_phone,
    )
    session.add(room)
    await session.flush()
    detail = f"room {room.id}: {room.residents} residents"
    if body.invite_phone:
        detail += f", tenant {mask_phone(body.invite_phone)} invited"
    audit.record(
        session, "room_added", PURPOSE, actor=owner, customer_code=room.customer_code, detail=detail
    )
    return await _done(session, access, room.id)


async def update_room(
    session: AsyncSession, access: AccountAccess, room_id: int, body: RoomUpdate
) -> RoomPublic:
    owner = await _owner(session, access)
    room = await _room(session, access, room_id)
    changes = body.model_dump(exclude_unset=True)
    for field, value in changes.items():
        if value is None and field != "moved_out":
            raise AppError(422, "field_required", f"{field} cannot be null.")
        setattr(room, field, value.strip() if isinstance(value, str) else value)
    _check_stay(room.moved_in, room.moved_out)
    audit.record(
        session,
        "room_changed",
        PURPOSE,
        actor=owner,
        customer_code=room.customer_code,
        detail=f"room {room.id}: " + ", ".join(sorted(changes)),
    )
    return await _done(session, access, room.id)


async def record_reading(
    session: AsyncSession, access: AccountAccess, room_id: int, body: RoomReadingIn
) -> RoomPublic:
    owner = await _owner(session, access)
    room = await _room(session, access, room_id)
    month = parse_month(body.month)
    found = (
        await session.execute(
            select(RoomReadingRow).where(
                RoomReadingRow.room_id == room.id, RoomReadingRow.period_month == month
            )
        )
    ).scalar_one_or_none()
    if found is None:
        session.add(RoomReadingRow(room_id=room.id, period_month=month, kwh=body.kwh))
    else:
        found.kwh = body.kwh
    audit.record(
        session,
        "room_reading",
        PURPOSE,
        actor=owner,
        customer_code=room.customer_code,
        detail=f"room {room.id}: {body.month} {body.kwh} kWh",
    )
    return await _done(session, access, room.id)


async def invite(
    session: AsyncSession, access: AccountAccess, room_id: int, phone: str
) -> RoomPublic:
    """Invites (or re-invites) a tenant by phone; a room whose tenant holds a live link must
    have it revoked first (409 `room_has_tenant`)."""
    owner = await _owner(session, access)
    room = await _room(session, access, room_id)
    if room.link_id is not None:
        link = await session.get(Link, room.link_id)
        if link is not None and link.status in ("pending", "approved"):
            raise AppError(
                409, "room_has_tenant", "This room has a tenant; revoke their link first."
            )
        room.link_id = None
    room.invite_phone = phone
    audit.record(
        session,
        "tenant_invited",
        PURPOSE,
        actor=owner,
        customer_code=room.customer_code,
        detail=f"room {room.id}: {mask_phone(phone)}",
    )
    return await _done(session, access, room.id)
