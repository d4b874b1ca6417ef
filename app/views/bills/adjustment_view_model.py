"""Hóa đơn điều chỉnh: one adjustment bill and, while money is owed, its own VietQR."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from app.services.protocols import BillsRepo
from app.views.form_state import FormState
from app.views.pay.qr_image import QrImage, draw_qr
from domain.models.bill_review import Adjustment
from domain.models.bills import PaymentQr


@ft.observable
@dataclass(kw_only=True)
class AdjustmentViewModel(FormState):
    repo: BillsRepo
    code: str | None = None
    adjustment_id: int | None = None
    adjustment: Adjustment | None = None
    qr: PaymentQr | None = None
    image: QrImage | None = None
    loaded: bool = False

    async def load(self, code: str | None, adjustment_id: int | None) -> None:
        if code is None or adjustment_id is None:
            return
        if (code, adjustment_id) != (self.code, self.adjustment_id):
            self.code, self.adjustment_id, self.loaded = code, adjustment_id, False
            self.adjustment, self.qr, self.image = None, None, None

        async def call() -> None:
            found = await self.repo.adjustment(code, adjustment_id)
            qr = None
            if found.status in ("unpaid", "overdue") and found.total > 0:
                qr = await self.repo.adjustment_qr(code, adjustment_id)
            self.adjustment, self.qr = found, qr
            self.image = draw_qr(qr.payload) if qr else None
            self.loaded = True

        await self.run(call)

    @property
    def owed(self) -> bool:
        return self.adjustment is not None and self.adjustment.total > 0
