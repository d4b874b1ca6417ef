"""Phòng của tôi (issue 18): a tenant's room and its share of each bill at the legal household
tariff, compared with what the landlord charges; and invitations waiting to be accepted."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import flet as ft

from app.services.protocols import RoomsRepo
from app.views.accounts.view_model import AccountsViewModel
from app.views.form_state import FormState
from domain.models.rooms import MyRoom, RoomInvitation, RoomShare


@dataclass(frozen=True)
class Comparison:
    """What the landlord's price per kWh makes of a share, against the legal amount."""

    charged: int  # the landlord's price × kWh, whole VND
    legal: int
    over: int  # charged − legal; > 0: more than the tariff allows


def compare(share: RoomShare, price_per_kwh: int) -> Comparison:
    charged = int((share.kwh * price_per_kwh).to_integral_value())
    return Comparison(charged, share.amount, charged - share.amount)


@ft.observable
@dataclass(kw_only=True)
class MyRoomViewModel(FormState):
    repo: RoomsRepo
    accounts: AccountsViewModel
    invitations: list[RoomInvitation] = field(default_factory=list)
    room: MyRoom | None = None
    shares: list[RoomShare] = field(default_factory=list)
    loaded: bool = False
    landlord_price: str = ""  # VND per kWh the landlord asks, as typed

    @property
    def code(self) -> str | None:
        """The person's approved tenant link (the first one)."""
        return next(
            (a.customer_code for a in self.accounts.tenancies if a.status == "approved"), None
        )

    @property
    def waiting(self) -> bool:
        """A tenant link the owner has not approved yet."""
        return self.code is None and any(a.status == "pending" for a in self.accounts.tenancies)

    @property
    def price(self) -> int | None:
        text = self.landlord_price.strip().replace(".", "").replace(",", "")
        try:
            value = int(Decimal(text))
        except (InvalidOperation, ValueError):
            return None
        return value if 0 < value < 100_000 else None

    def comparison(self, share: RoomShare) -> Comparison | None:
        price = self.price
        return None if price is None else compare(share, price)

    async def load(self) -> None:
        async def call() -> None:
            await self.accounts.load()  # the tenant link's status may have changed meanwhile
            self.invitations = await self.repo.invitations()
            code = self.code
            if code is not None:
                self.room = await self.repo.my_room(code)
                self.shares = await self.repo.shares(code)
            else:
                self.room, self.shares = None, []
            self.loaded = True

        await self.run(call)

    async def accept(self, room_id: int) -> bool:
        async def call() -> None:
            await self.repo.accept(room_id)
            self.invitations = [i for i in self.invitations if i.room_id != room_id]
            await self.accounts.load()

        done = await self.run(call)
        if done:
            self.notice = "my_room.accepted"
        return done
