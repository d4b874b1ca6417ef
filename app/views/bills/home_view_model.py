"""Trang chủ's bill-and-usage card: the latest bill, what is unpaid (adjustment bills owed
after a review too), this month's forecast."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date

import flet as ft

from app.services.errors import AppError
from app.services.protocols import BillsRepo, UsageRepo
from app.views.form_state import FormState
from app.views.months import local_today
from domain.models.bill_explain import BillExplanation
from domain.models.bill_review import AdjustmentSummary
from domain.models.bills import BillSummary
from domain.models.usage import Forecast


@ft.observable
@dataclass(kw_only=True)
class HomeBillViewModel(FormState):
    bills: BillsRepo
    usage: UsageRepo
    today: date = field(default_factory=local_today)
    code: str | None = None
    latest: BillSummary | None = None
    unpaid: list[BillSummary] = field(default_factory=list)
    owed_adjustments: list[AdjustmentSummary] = field(default_factory=list)  # > 0, unpaid
    forecast: Forecast | None = None
    loaded: bool = False
    lang: str = "vi"
    explanation: BillExplanation | None = None  # the latest bill against the previous one

    async def load(self, code: str | None) -> None:
        if code is None:
            return
        if code != self.code:
            self.code, self.loaded, self.latest, self.unpaid = code, False, None, []
            self.owed_adjustments = []

        async def call() -> None:
            # Last year too: in January the latest bill and older unpaid ones are there.
            this_year, last_year, forecast = await asyncio.gather(
                self.bills.bills(code, self.today.year),
                self.bills.bills(code, self.today.year - 1),
                self.usage.forecast(code),
            )
            recent = sorted([*this_year, *last_year], key=lambda b: b.period_end, reverse=True)
            latest = recent[0] if recent else None
            owed, explanation = await asyncio.gather(
                self._owed_adjustments(code), self._explain(code, latest)
            )
            # Assigned together, after the last answer: each assignment of an observable
            # field between two awaits cost the web process one more render and diff of
            # the card (issue 20), for a state nobody could read.
            self.latest = latest
            # Overdue first (the disconnection risk), then the rest by due date.
            self.unpaid = sorted(
                (b for b in recent if b.status != "paid"),
                key=lambda b: (b.status != "overdue", b.due_date, b.period_end),
            )
            self.forecast = forecast
            self.owed_adjustments = owed
            self.explanation = explanation
            self.loaded = True

        await self.run(call)

    async def _owed_adjustments(self, code: str) -> list[AdjustmentSummary]:
        """Adjustment bills still owed (this year and last); the card stands without them."""
        try:
            years = await asyncio.gather(
                self.bills.adjustments(code, self.today.year),
                self.bills.adjustments(code, self.today.year - 1),
            )
        except AppError:
            return []
        owed = [a for y in years for a in y if a.total > 0 and a.status in ("unpaid", "overdue")]
        return sorted(owed, key=lambda a: (a.status != "overdue", a.due_date or a.issued_on))

    async def _explain(self, code: str, latest: BillSummary | None) -> BillExplanation | None:
        """Why the latest bill changed; the card still shows the bill when this fails."""
        if latest is None:
            return None
        try:
            return await self.bills.explain(code, latest.id, "previous", self.lang)
        except AppError:
            return None

    @property
    def overdue(self) -> list[BillSummary]:
        return [b for b in self.unpaid if b.status == "overdue"]

    @property
    def disconnection_risk(self) -> bool:
        """An overdue bill: the supply may be suspended after the reminders."""
        return bool(self.overdue)

    @property
    def unpaid_total(self) -> int:
        """What one QR pays for everything owed: the bills and the adjustment bills."""
        return sum(b.amount_due for b in self.unpaid) + sum(a.total for a in self.owed_adjustments)

    @property
    def unpaid_count(self) -> int:
        return len(self.unpaid) + len(self.owed_adjustments)

    @property
    def other_unpaid(self) -> list[BillSummary]:
        """Unpaid bills besides the latest one (said once, under it)."""
        return [b for b in self.unpaid if self.latest is None or b.id != self.latest.id]
