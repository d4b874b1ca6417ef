"""One unpaid bill's VietQR: fetched, checked, drawn; then the bill is polled until paid."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

import flet as ft

from app.config import Payee
from app.services.errors import AppError
from app.services.protocols import BillsRepo
from app.views.form_state import FormState
from app.views.pay.checks import refusal
from app.views.pay.qr_image import QrImage, draw_qr
from domain import clock
from domain.models.bills import Bill, BillSummary, PaymentQr

POLL_SECONDS = 4.0


@ft.observable
@dataclass(kw_only=True)
class PayViewModel(FormState):
    repo: BillsRepo
    payees: tuple[Payee, ...] = ()  # the company's own accounts (flet.toml [app] payees)
    poll_seconds: float = POLL_SECONDS
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    code: str | None = None
    bill_id: int | None = None
    bill: Bill | None = None
    qr: PaymentQr | None = None
    image: QrImage | None = None
    refused: str | None = None  # why no QR is shown: invalid | amount | bill | account | payee
    paid: bool = False
    loaded: bool = False
    stopped: bool = False
    today: date = field(default_factory=clock.today)
    # Once this bill is paid: the next unpaid one of the code (overdue first) and what is
    # still owed, so every bill can be paid in turn from here.
    next_bill: BillSummary | None = None
    remaining_total: int = 0

    async def open(self, code: str | None, bill_id: int | None) -> None:
        """Load the bill and its QR; nothing is drawn unless the payload checks out."""
        if code is None or bill_id is None:
            return
        self.stopped = False
        if (code, bill_id) != (self.code, self.bill_id):
            self.code, self.bill_id = code, bill_id
            self.bill = self.qr = self.image = self.refused = self.next_bill = None
            self.remaining_total = 0
            self.loaded = self.paid = False
        await self.run(lambda: self._fetch(code, bill_id))

    async def _fetch(self, code: str, bill_id: int) -> None:
        bill = await self.repo.bill(code, bill_id)
        self.bill = bill
        if bill.status == "paid":
            self.paid, self.loaded = True, True
            await self._find_next()
            return
        try:
            qr = await self.repo.payment_qr(code, bill_id)
        except AppError as e:
            if e.code != "bill_already_paid":
                raise
            self.bill = await self.repo.bill(code, bill_id)
            self.paid, self.loaded = True, True
            await self._find_next()
            return
        self.qr = qr
        self.refused = refusal(qr, bill, self.payees)
        self.image = None if self.refused else draw_qr(qr.payload)
        self.loaded = True

    async def poll_until_paid(self) -> None:
        """Ask for the bill every few seconds while a QR is on screen; stop once paid, when
        the screen closes (`stop`) or when the QR was refused."""
        while not self.stopped and self.loaded and not self.paid and self.image is not None:
            await self.sleep(self.poll_seconds)
            if self.stopped:
                return
            await self.check_once()

    async def check_once(self) -> None:
        if self.code is None or self.bill_id is None:
            return
        try:
            bill = await self.repo.bill(self.code, self.bill_id)
        except AppError:
            return  # a blip while waiting: the next poll tries again, the QR stays
        if bill.status == "paid":
            self.bill, self.paid = bill, True
            await self._find_next()

    async def _find_next(self) -> None:
        if self.code is None:
            return
        try:
            lists = await asyncio.gather(
                self.repo.bills(self.code, self.today.year),
                self.repo.bills(self.code, self.today.year - 1),
            )
        except AppError:
            return  # the paid card stands on its own
        others = sorted(
            (b for part in lists for b in part if b.status != "paid" and b.id != self.bill_id),
            key=lambda b: (b.status != "overdue", b.due_date),
        )
        self.next_bill = others[0] if others else None
        self.remaining_total = sum(b.amount_due for b in others)

    def stop(self) -> None:
        self.stopped = True
