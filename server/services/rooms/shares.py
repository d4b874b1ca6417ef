"""A tenant's room and its share of each bill at the legal household tariff, on the read path.
Only the room itself and the bills' kWh and periods are read out to the tenant: the other
rooms are used (their residents, dates and sub-meter kWh) to split the bill, never shown."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import bindparam, select

from domain.models.rooms import MyRoom, RoomShare
from domain.tariff_lines import TariffError, to_kwh
from domain.tenant_share import Room as DomainRoom
from domain.tenant_share import households_for, room_share
from server.models import Bill
from server.models.rooms import Room, RoomReading
from server.reads import Query
from server.tenant_access import TenantAccess

_BILLS = Query(
    select(Bill.period_month, Bill.period_start, Bill.period_end, Bill.wh)
    .where(Bill.customer_code == bindparam("code"), Bill.period_end >= bindparam("since"))
    .order_by(Bill.period_month.desc())
)
_ROOMS = Query(
    select(Room.id, Room.residents, Room.moved_in, Room.moved_out).where(
        Room.customer_code == bindparam("code")
    )
)
_READINGS = Query(
    select(RoomReading.room_id, RoomReading.period_month, RoomReading.kwh)
    .join(Room, Room.id == RoomReading.room_id)
    .where(Room.customer_code == bindparam("code"))
)


def my_room(tenant: TenantAccess) -> MyRoom:
    room = tenant.room
    return MyRoom(
        customer_code=tenant.customer_code,
        name=room.name,
        residents=room.residents,
        households=households_for(room.residents),
        moved_in=room.moved_in,
        moved_out=room.moved_out,
    )


async def shares(tenant: TenantAccess) -> list[RoomShare]:
    """The room's share of every bill whose period overlaps the stay, newest first."""
    reads, code = tenant.access.reads, tenant.customer_code
    readings: dict[tuple[int, object], Decimal] = {}
    for r in await reads.all(_READINGS, code=code):
        readings[(r["room_id"], r["period_month"])] = Decimal(r["kwh"])
    rooms = await reads.all(_ROOMS, code=code)
    out: list[RoomShare] = []
    for bill in await reads.all(_BILLS, code=code, since=tenant.room.moved_in):
        month = bill["period_month"]
        domain_rooms = {
            r["id"]: DomainRoom(
                r["id"],
                r["residents"],
                r["moved_in"],
                r["moved_out"],
                readings.get((r["id"], month)),
            )
            for r in rooms
        }
        mine = domain_rooms.get(tenant.room.id)
        if mine is None:
            continue
        try:
            share = room_share(
                mine, list(domain_rooms.values()), to_kwh(bill["wh"], 3),
                bill["period_start"], bill["period_end"],
            )  # fmt: skip
        except TariffError:  # a period before the tariffs, or too long: no legal price
            continue
        if share is None:
            continue
        out.append(
            RoomShare(
                period_month=f"{month:%Y-%m}",
                period_start=bill["period_start"],
                period_end=bill["period_end"],
                days_present=share.days_present,
                kwh=share.kwh,
                method=share.method,
                households=share.households,
                subtotal=share.breakdown.subtotal,
                vat=share.breakdown.vat,
                amount=share.amount,
                average_vnd_per_kwh=share.average_vnd_per_kwh,
            )
        )
    return out
