"""The one dependency of a tenant's routes (issue 18): an approved `tenant` link whose room is
still lived in. Built on server/access.py's `account_access` (sign-in, link, contract in one
statement) plus one read of the room: another role is 403 `tenant_only`, a tenant after the
room's move-out day (domain/clock.py) 403 `tenant_moved_out`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends
from sqlalchemy import bindparam, select

from domain import clock
from server.access import AccountAccess, AnyLinkDep
from server.models.rooms import Room
from server.problems import AppError
from server.reads import Query


@dataclass(frozen=True, slots=True)
class TenantRoom:
    id: int
    name: str
    residents: int
    moved_in: date
    moved_out: date | None


@dataclass(frozen=True, slots=True)
class TenantAccess:
    access: AccountAccess
    room: TenantRoom

    @property
    def customer_code(self) -> str:
        return self.access.customer_code


_ROOM_OF_LINK = Query(
    select(Room.id, Room.name, Room.residents, Room.moved_in, Room.moved_out).where(
        Room.link_id == bindparam("link_id"), Room.customer_code == bindparam("code")
    )
)


async def tenant_access(access: AnyLinkDep) -> TenantAccess:
    if access.link.role != "tenant":
        raise AppError(403, "tenant_only", "Only a tenant of a room on this code can do this.")
    row = await access.reads.first(
        _ROOM_OF_LINK, link_id=access.link.link_id, code=access.customer_code
    )
    if row is None or (row["moved_out"] is not None and row["moved_out"] < clock.today()):
        raise AppError(403, "tenant_moved_out", "Your stay in this room has ended.")
    room = TenantRoom(row["id"], row["name"], row["residents"], row["moved_in"], row["moved_out"])
    return TenantAccess(access, room)


TenantAccessDep = Annotated[TenantAccess, Depends(tenant_access)]
