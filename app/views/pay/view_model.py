"""One unpaid bill's VietQR: fetched, checked, drawn; then the bill is polled until paid."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date

import flet as ft

from app.config import Payee
from app.services.errors import AppError
from app.services.protocols import BillsRepo
from app.views.pay.checks import refusal
from app.views.pay.polling import PollsUntilPaid
from app.views.pay.qr_image import draw_qr
from domain import clock
from domain.models.bills import Bill, BillSummary, PaymentQr


@ft.observable
@dataclass(kw_only=True)
class PayViewModel(PollsUntilPaid):
    repo: BillsRepo
    payees: tuple[Payee, ...] = ()  # the company's own accounts (flet.toml [app] payees)
    code: str | None = None
    bill_id: int | None = None
    bill: Bill | None = None
    qr: PaymentQr | None = None
    refused: str | None = None  # why no QR is shown: invalid | amount | bill | account | payee
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
