"""Hóa đơn of one code: a year's bills with their totals, and one bill in detail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import flet as ft

from app.services.protocols import BillsRepo
from app.views.form_state import FormState
from app.views.months import local_today
from domain.models.bill_review import AdjustmentSummary
from domain.models.bills import Bill, BillSummary

YEARS_BACK = 4  # the selector offers this year and the four before


@ft.observable
@dataclass(kw_only=True)
class BillsViewModel(FormState):
    repo: BillsRepo
    today: date = field(default_factory=local_today)
    code: str | None = None
    year: int = 0
    bills: list[BillSummary] = field(default_factory=list)
    # Adjustment bills issued that year (issue 18): in the totals, listed apart.
    adjustments: list[AdjustmentSummary] = field(default_factory=list)
    loaded: bool = False

    def __post_init__(self) -> None:
        self.year = self.year or self.today.year

    async def load(self, code: str | None) -> None:
        """The chosen year's bills for `code`: on open, on account switch and on Retry."""
        if code is None:
            return
        fresh = code != self.code
        if fresh:
            self.code, self.loaded, self.year = code, False, self.today.year
        await self._fetch(code)
        if fresh and self.loaded and not self.bills and self.year == self.today.year:
            # Early January the newest bills belong to last year: show those, not an empty year.
            self.year = self.today.year - 1
            await self._fetch(code)

    async def _fetch(self, code: str) -> None:
        year = self.year

        async def call() -> None:
            bills = await self.repo.bills(code, year)
            adjustments = await self.repo.adjustments(code, year)
            if year == self.year:  # a quicker later choice wins
                self.bills, self.adjustments, self.loaded = bills, adjustments, True

        await self.run(call)

    @property
    def years(self) -> list[int]:
        return list(range(self.today.year, self.today.year - YEARS_BACK - 1, -1))

    async def show_year(self, year: int) -> None:
        if year not in self.years or year == self.year or self.code is None:
            return
        self.year, self.bills, self.adjustments = year, [], []
        await self._fetch(self.code)

    @property
    def total(self) -> int:
        """Bills and adjustments (signed: a credit lowers the year's total)."""
        return sum(b.total for b in self.bills) + sum(a.total for a in self.adjustments)

    @property
    def owed_adjustments(self) -> list[AdjustmentSummary]:
        return [a for a in self.adjustments if a.status in ("unpaid", "overdue")]

    @property
    def unpaid_total(self) -> int:
        bills = sum(b.amount_due for b in self.bills if b.status != "paid")
        return bills + sum(a.total for a in self.owed_adjustments)

    @property
    def unpaid_count(self) -> int:
        return sum(1 for b in self.bills if b.status != "paid") + len(self.owed_adjustments)


@ft.observable
@dataclass(kw_only=True)
class BillDetailViewModel(FormState):
    repo: BillsRepo
    code: str | None = None
    bill_id: int | None = None
    bill: Bill | None = None
    loaded: bool = False
    invoice_busy: bool = False

    async def load(self, code: str | None, bill_id: int | None) -> None:
        if code is None or bill_id is None:
            return
        if (code, bill_id) != (self.code, self.bill_id):
            self.code, self.bill_id, self.bill, self.loaded = code, bill_id, None, False

        async def call() -> None:
            self.bill = await self.repo.bill(code, bill_id)
            self.loaded = True

        await self.run(call)

    @property
    def payable(self) -> bool:
        return self.bill is not None and self.bill.status != "paid"

    @property
    def split(self) -> bool:
        """The price changed within the period: one part per tariff, each with its days."""
        return self.bill is not None and len(self.bill.breakdown.parts) > 1

    async def invoice(self, lang: str = "vi") -> tuple[bytes, str] | None:
        """The e-invoice PDF (English labels added for `en`) and its file name, or None (the
        error is in `error`)."""
        if self.code is None or self.bill_id is None or self.invoice_busy:
            return None
        code, bill_id = self.code, self.bill_id
        found: list[tuple[bytes, str]] = []

        async def call() -> None:
            found.append(await self.repo.invoice_pdf(code, bill_id, lang))

        self.invoice_busy = True
        try:
            await self.run(call)
        finally:
            self.invoice_busy = False
        return found[0] if found else None


def parse_bill_id(text: str | None) -> int | None:
    """The route's `:bill_id`, or None when it is not a bill number we could ask for."""
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    value = int(text)
    return value if value >= 1 else None
