"""How a bill's indexes were read, for the bill detail's "Cách ghi chỉ số" (issue 18)."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from app.services.protocols import BillsRepo
from app.views.form_state import FormState
from domain.models.bill_explain import BillReadings


@ft.observable
@dataclass(kw_only=True)
class ProvenanceViewModel(FormState):
    repo: BillsRepo
    key: tuple[str, int] | None = None
    readings: BillReadings | None = None

    async def load(self, code: str | None, bill_id: int | None) -> None:
        if code is None or bill_id is None:
            return
        if (code, bill_id) != self.key:
            self.key, self.readings = (code, bill_id), None

        async def call() -> None:
            self.readings = await self.repo.readings(code, bill_id)

        await self.run(call)
