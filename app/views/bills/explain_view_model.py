"""Vì sao hóa đơn thay đổi: the explanation of one bill against the previous one or the same
month last year (issue 18), as a view model without UI."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from app.services.errors import AppError
from app.services.protocols import BillsRepo
from app.views.form_state import FormState
from domain.models.bill_explain import BillEffect, BillExplanation
from domain.models.bill_review import ReviewFiled

AGAINST = ("previous", "last_year")


@ft.observable
@dataclass(kw_only=True)
class ExplainViewModel(FormState):
    repo: BillsRepo
    lang: str = "vi"
    code: str | None = None
    bill_id: int | None = None
    against: str = "previous"
    explanation: BillExplanation | None = None
    filed: ReviewFiled | None = None  # the review this screen filed
    review_error: AppError | None = None
    reviewing: bool = False

    async def load(self, code: str | None, bill_id: int | None, lang: str | None = None) -> None:
        if code is None or bill_id is None:
            return
        lang = lang or self.lang
        if (code, bill_id, lang) != (self.code, self.bill_id, self.lang):
            if (code, bill_id) != (self.code, self.bill_id):
                self.filed, self.review_error = None, None
            self.code, self.bill_id, self.lang = code, bill_id, lang
            self.explanation = None
        await self._fetch()

    async def compare_with(self, against: str) -> None:
        if against not in AGAINST or against == self.against:
            return
        self.against, self.explanation = against, None
        await self._fetch()

    async def _fetch(self) -> None:
        code, bill_id, against, lang = self.code, self.bill_id, self.against, self.lang
        if code is None or bill_id is None:
            return

        async def call() -> None:
            found = await self.repo.explain(code, bill_id, against, lang)
            if (code, bill_id, against) == (self.code, self.bill_id, self.against):
                self.explanation = found

        await self.run(call)

    async def review(self, note: str | None = None) -> bool:
        """Yêu cầu kiểm tra lại hóa đơn: one tap files a bill_review for this bill."""
        code, bill_id = self.code, self.bill_id
        if code is None or bill_id is None or self.reviewing or self.filed is not None:
            return False
        self.reviewing, self.review_error = True, None
        try:
            self.filed = await self.repo.request_review(code, bill_id, note)
            return True
        except AppError as e:
            self.review_error = e
            return False
        finally:
            self.reviewing = False

    @property
    def effects(self) -> list[BillEffect]:
        """The effects that moved the bill, largest first (zeros are not news)."""
        if self.explanation is None:
            return []
        shown = [e for e in self.explanation.effects if e.amount]
        return sorted(shown, key=lambda e: -abs(e.amount))
