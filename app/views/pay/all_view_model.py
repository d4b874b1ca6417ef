"""Thanh toán tất cả (issue 21): one VietQR paying every unpaid bill of the code at once —
the batch is made, each of its bills read and the QR checked against their sum, then the
bills are polled until all are paid."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import flet as ft

from app.config import Payee
from app.services.errors import AppError
from app.services.protocols import BillsRepo
from app.views.pay.checks import batch_refusal
from app.views.pay.polling import PollsUntilPaid
from app.views.pay.qr_image import draw_qr
from domain.models.bill_review import Adjustment
from domain.models.bills import Bill
from domain.models.payment_batches import PaymentBatch


@ft.observable
@dataclass(kw_only=True)
class PayAllViewModel(PollsUntilPaid):
    repo: BillsRepo
    payees: tuple[Payee, ...] = ()
    code: str | None = None
    batch: PaymentBatch | None = None
    bills: list[Bill] = field(default_factory=list)  # overdue first
    adjustments: list[Adjustment] = field(default_factory=list)
    refused: str | None = None
    nothing_owed: bool = False

    async def open(self, code: str | None) -> None:
        if code is None:
            return
        self.stopped = False
        if code != self.code:
            self.code, self.batch, self.image, self.refused = code, None, None, None
            self.bills, self.adjustments = [], []
            self.loaded = self.paid = self.nothing_owed = False
        await self.run(lambda: self._fetch(code))

    async def _fetch(self, code: str) -> None:
        try:
            batch = await self.repo.payment_batch(code)
        except AppError as e:
            if e.code != "nothing_to_pay":
                raise
            self.batch, self.image, self.nothing_owed, self.loaded = None, None, True, True
            return
        bills = await asyncio.gather(*(self.repo.bill(code, i) for i in batch.bill_ids))
        adjustments = await asyncio.gather(
            *(self.repo.adjustment(code, i) for i in batch.adjustment_ids)
        )
        self.bills = sorted(bills, key=lambda b: (b.status != "overdue", b.due_date))
        self.adjustments = list(adjustments)
        self.batch = batch
        owed = sum(b.amount_due for b in bills if b.status != "paid")
        owed += sum(a.total for a in adjustments if a.status != "paid")
        self.refused = batch_refusal(batch, owed, self.payees)
        self.image = None if self.refused else draw_qr(batch.qr.payload)
        self.nothing_owed, self.loaded = False, True

    @property
    def count(self) -> int:
        return len(self.bills) + len(self.adjustments)

    @property
    def has_overdue(self) -> bool:
        return any(b.status == "overdue" for b in self.bills)

    async def check_once(self) -> None:
        if self.code is None or self.batch is None:
            return
        code = self.code
        try:
            bills = await asyncio.gather(*(self.repo.bill(code, i) for i in self.batch.bill_ids))
            adjustments = await asyncio.gather(
                *(self.repo.adjustment(code, i) for i in self.batch.adjustment_ids)
            )
        except AppError:
            return  # a blip while waiting: the next poll tries again, the QR stays
        if all(b.status == "paid" for b in bills) and all(a.status == "paid" for a in adjustments):
            self.bills = sorted(bills, key=lambda b: b.due_date)
            self.adjustments = list(adjustments)
            self.paid = True
