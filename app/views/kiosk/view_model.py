"""Kiosk start screen: one customer code looked up for its latest bill and planned outages."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import flet as ft

from app.services.errors import AppError
from app.services.protocols import PublicRepo
from app.views.form_state import FormState
from app.views.guest.view_model import accepted_code
from domain.models.bills import BillStatusPublic
from domain.models.outages import OutagePublic


@ft.observable
@dataclass(kw_only=True)
class KioskLookupViewModel(FormState):
    public: PublicRepo
    code: str = ""
    looked_up: str | None = None  # the code whose answers are shown
    bill: BillStatusPublic | None = None
    no_bill: bool = False  # the contract exists but has no bill yet
    outages: list[OutagePublic] = field(default_factory=list)
    # A shared screen: the answer goes after this long, not at the 2-minute idle reset.
    forget_after_s: float = 45.0
    _lookups: int = 0

    async def look_up(self) -> bool:
        code = accepted_code(self, self.code)
        if code is None:
            return False

        async def call() -> None:
            bill, outages = await asyncio.gather(
                self._bill(code), self.public.outages(code), return_exceptions=False
            )
            self.bill, self.no_bill = bill, bill is None
            self.outages, self.looked_up = outages, code

        self.bill, self.looked_up, self.outages, self.no_bill = None, None, [], False
        self._lookups += 1
        return await self.run(call)

    async def forget_later(self, sleep: Callable[[float], Awaitable[None]]) -> None:
        """Clear this look-up's answer after `forget_after_s`, unless a newer one came."""
        which = self._lookups
        await sleep(self.forget_after_s)
        if which == self._lookups and not self.busy:
            self.clear()

    async def _bill(self, code: str) -> BillStatusPublic | None:
        try:
            return await self.public.bill_status(code)
        except AppError as e:
            if e.code == "no_bill_yet":
                return None
            raise

    def clear(self) -> None:
        self.code, self.looked_up, self.bill, self.outages, self.no_bill = "", None, None, [], False
        self.error, self.field_errors, self.notice = None, {}, None
