"""Rooms let on a code (owner), invitations (invited person), a tenant's room and shares."""

from __future__ import annotations

from decimal import Decimal

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import RoomsRepo
from domain.models.rooms import MyRoom, RoomIn, RoomInvitation, RoomPublic, RoomShare

_ROOMS = TypeAdapter(list[RoomPublic])
_INVITATIONS = TypeAdapter(list[RoomInvitation])
_SHARES = TypeAdapter(list[RoomShare])


class RoomsRepository(RoomsRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def rooms(self, code: str) -> list[RoomPublic]:
        return _ROOMS.validate_python(await self._api.get(f"accounts/{code}/rooms"))

    async def add_room(self, code: str, room: RoomIn) -> RoomPublic:
        body = room.model_dump(mode="json", exclude_none=True)
        return RoomPublic.model_validate(await self._api.post(f"accounts/{code}/rooms", body))

    async def invite(self, code: str, room_id: int, phone: str) -> RoomPublic:
        data = await self._api.post(f"accounts/{code}/rooms/{room_id}/invite", {"phone": phone})
        return RoomPublic.model_validate(data)

    async def record_reading(self, code: str, room_id: int, month: str, kwh: Decimal) -> RoomPublic:
        body = {"month": month, "kwh": str(kwh)}
        data = await self._api.put(f"accounts/{code}/rooms/{room_id}/readings", body)
        return RoomPublic.model_validate(data)

    async def invitations(self) -> list[RoomInvitation]:
        return _INVITATIONS.validate_python(await self._api.get("me/room-invitations"))

    async def accept(self, room_id: int) -> RoomInvitation:
        data = await self._api.post(f"me/room-invitations/{room_id}/accept")
        return RoomInvitation.model_validate(data)

    async def my_room(self, code: str) -> MyRoom:
        return MyRoom.model_validate(await self._api.get(f"accounts/{code}/my-room"))

    async def shares(self, code: str) -> list[RoomShare]:
        return _SHARES.validate_python(await self._api.get(f"accounts/{code}/my-room/shares"))
