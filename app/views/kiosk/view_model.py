"""Kiosk start screen: one customer code looked up for its latest bill and planned outages."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import flet as ft

from app.services.errors import AppError
from app.services.public_repository import PublicRepository
from app.views.form_state import FormState
from app.views.guest.view_model import accepted_code
from domain.models.bills import BillStatusPublic
from domain.models.outages import OutagePublic


@ft.observable
@dataclass(kw_only=True)
class KioskLookupViewModel(FormState):
    public: PublicRepository
    code: str = ""
    looked_up: str | None = None  # the code whose answers are shown
    bill: BillStatusPublic | None = None
    no_bill: bool = False  # the contract exists but has no bill yet
    outages: list[OutagePublic] = field(default_factory=list)

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
        return await self.run(call)

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
