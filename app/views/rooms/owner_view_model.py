"""Phòng cho thuê (issue 18): the rooms an owner lets on a code they own — add a room, invite
its tenant by phone, record a sub-meter reading. The tenant's link request then appears with
the others on the links screen, where the owner approves it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import flet as ft

from app.services.protocols import RoomsRepo
from app.views.accounts.view_model import AccountsViewModel
from app.views.form_state import FormState
from domain.digits import ascii_int
from domain.models.rooms import RoomIn, RoomPublic
from domain.tenant_share import MAX_RESIDENTS

_DAY = re.compile(r"\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s*")
_MONTH = re.compile(r"\s*([0-9]{1,2})/([0-9]{4})\s*")


def parse_day(text: str) -> date | None:
    """`dd/mm/yyyy` (how Vietnamese write dates) -> date, or None."""
    m = _DAY.fullmatch(text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def parse_month(text: str) -> str | None:
    """`mm/yyyy` -> `yyyy-mm`, or None."""
    m = _MONTH.fullmatch(text)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"


@ft.observable
@dataclass(kw_only=True)
class RoomsViewModel(FormState):
    repo: RoomsRepo
    accounts: AccountsViewModel
    rooms: list[RoomPublic] = field(default_factory=list)
    loaded: bool = False
    # the new room's form
    name: str = ""
    residents: str = "1"
    moved_in: str = ""
    invite_phone: str = ""
    # per room: the phone to invite, the month and kWh of a sub-meter reading
    invite_to: dict[int, str] = field(default_factory=dict)
    reading_month: dict[int, str] = field(default_factory=dict)
    reading_kwh: dict[int, str] = field(default_factory=dict)

    @property
    def code(self) -> str | None:
        """The selected code when the person owns it, else their first owned code."""
        owned = [
            a.customer_code
            for a in self.accounts.accounts
            if a.role == "owner" and a.status == "approved"
        ]
        selected = self.accounts.selected_code
        return selected if selected in owned else (owned[0] if owned else None)

    async def load(self) -> None:
        code = self.code
        if code is None:
            self.rooms, self.loaded = [], True
            return

        async def call() -> None:
            self.rooms, self.loaded = await self.repo.rooms(code), True

        await self.run(call)

    async def add(self) -> bool:
        code, problems = self.code, {}
        if not self.name.strip():
            problems["name"] = "required"
        residents = ascii_int(self.residents.strip(), 3) or 0
        if not 1 <= residents <= MAX_RESIDENTS:
            problems["residents"] = "residents"
        moved_in = parse_day(self.moved_in)
        if moved_in is None:
            problems["moved_in"] = "date"
        if problems or code is None or moved_in is None:
            self.refuse(problems)
            return False
        phone = self.invite_phone.strip() or None

        async def call() -> None:
            body = RoomIn(
                name=self.name.strip(), residents=residents, moved_in=moved_in, invite_phone=phone
            )
            made = await self.repo.add_room(code, body)
            self.rooms = [*self.rooms, made]

        done = await self.run(call)
        if done:
            self.name, self.residents, self.moved_in, self.invite_phone = "", "1", "", ""
            self.notice = "rooms.added"
        return done

    async def invite(self, room_id: int) -> bool:
        code, phone = self.code, self.invite_to.get(room_id, "").strip()
        if code is None or not phone:
            self.refuse({f"invite_{room_id}": "required"})
            return False

        async def call() -> None:
            self._replace(await self.repo.invite(code, room_id, phone))

        done = await self.run(call)
        if done:
            self.notice = "rooms.invited"
        return done

    async def record(self, room_id: int) -> bool:
        code = self.code
        month = parse_month(self.reading_month.get(room_id, ""))
        try:
            kwh = Decimal(self.reading_kwh.get(room_id, "").strip().replace(",", "."))
        except InvalidOperation:
            kwh = Decimal(-1)
        problems = {} if month else {f"month_{room_id}": "month"}
        if not kwh.is_finite() or kwh < 0:
            problems[f"kwh_{room_id}"] = "kwh"
        if problems or code is None or month is None:
            self.refuse(problems)
            return False

        async def call() -> None:
            self._replace(await self.repo.record_reading(code, room_id, month, kwh))

        done = await self.run(call)
        if done:
            self.notice = "rooms.reading_saved"
        return done

    def _replace(self, room: RoomPublic) -> None:
        self.rooms = [room if r.id == room.id else r for r in self.rooms]
