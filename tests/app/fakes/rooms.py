"""Fake rooms repository: rooms per code, invitations and shares, changed as the server does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from app.services.protocols import RoomsRepo
from domain.models.rooms import MyRoom, RoomIn, RoomInvitation, RoomPublic, RoomReading, RoomShare
from domain.tenant_share import households_for


def room(rid: int, name: str = "Phòng 1", residents: int = 2, **kw: Any) -> RoomPublic:
    fields: dict[str, Any] = {
        "id": rid,
        "name": name,
        "residents": residents,
        "households": households_for(residents),
        "moved_in": date(2026, 1, 1),
        "moved_out": None,
        "invite_phone": None,
        "tenant_status": "none",
        "link_id": None,
        "readings": [],
    }
    return RoomPublic(**(fields | kw))


def share(month: str, kwh: str = "120", amount: int = 300_000, avg: int | None = 2500) -> RoomShare:
    year, mon = int(month[:4]), int(month[5:])
    return RoomShare(
        period_month=month,
        period_start=date(year, mon, 1),
        period_end=date(year, mon, 28),
        days_present=28,
        kwh=Decimal(kwh),
        method="split_by_residents",
        households=1,
        subtotal=amount * 100 // 108,
        vat=amount - amount * 100 // 108,
        amount=amount,
        average_vnd_per_kwh=avg,
    )


_make = room


@dataclass
class FakeRooms(RoomsRepo):
    by_code: dict[str, list[RoomPublic]] = field(default_factory=dict)
    pending: list[RoomInvitation] = field(default_factory=list)
    rooms_of_tenant: dict[str, MyRoom] = field(default_factory=dict)
    shares_of: dict[str, list[RoomShare]] = field(default_factory=dict)
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    fail_with: Exception | None = None

    def _fail(self) -> None:
        if self.fail_with:
            raise self.fail_with

    async def rooms(self, code: str) -> list[RoomPublic]:
        self.calls.append(("rooms", code))
        self._fail()
        return list(self.by_code.get(code, []))

    async def add_room(self, code: str, room: RoomIn) -> RoomPublic:
        self.calls.append(("add_room", code, room))
        self._fail()
        made = _make(
            100 + len(self.by_code.get(code, [])),
            room.name,
            room.residents,
            moved_in=room.moved_in,
            invite_phone=room.invite_phone,
            tenant_status="invited" if room.invite_phone else "none",
        )
        self.by_code[code] = [*self.by_code.get(code, []), made]
        return made

    async def invite(self, code: str, room_id: int, phone: str) -> RoomPublic:
        self.calls.append(("invite", code, room_id, phone))
        self._fail()
        return self._change(code, room_id, invite_phone=phone, tenant_status="invited")

    async def record_reading(self, code: str, room_id: int, month: str, kwh: Decimal) -> RoomPublic:
        self.calls.append(("reading", code, room_id, month, kwh))
        self._fail()
        return self._change(code, room_id, readings=[RoomReading(month=month, kwh=kwh)])

    def _change(self, code: str, room_id: int, **update: Any) -> RoomPublic:
        rooms = self.by_code[code]
        self.by_code[code] = [r.model_copy(update=update) if r.id == room_id else r for r in rooms]
        return next(r for r in self.by_code[code] if r.id == room_id)

    async def invitations(self) -> list[RoomInvitation]:
        self.calls.append(("invitations",))
        self._fail()
        return list(self.pending)

    async def accept(self, room_id: int) -> RoomInvitation:
        self.calls.append(("accept", room_id))
        self._fail()
        found = next(i for i in self.pending if i.room_id == room_id)
        self.pending = [i for i in self.pending if i.room_id != room_id]
        return found

    async def my_room(self, code: str) -> MyRoom:
        self.calls.append(("my_room", code))
        self._fail()
        return self.rooms_of_tenant[code]

    async def shares(self, code: str) -> list[RoomShare]:
        self.calls.append(("shares", code))
        self._fail()
        return list(self.shares_of.get(code, []))
