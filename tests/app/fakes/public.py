"""Fake public repository (guests and kiosks): estimate, outages and bill status by code,
articles, tariffs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.services.errors import AppError, error_for_status
from app.services.protocols import PublicRepo
from domain.models import Article, ArticleKind
from domain.models.billing import Breakdown, TariffsPublic
from domain.models.bills import BillStatusPublic
from domain.models.outages import OutagePublic
from domain.tariff import public_tariffs

BREAKDOWN = Breakdown.model_validate(
    {
        "kwh": "150",
        "subtotal": 300000,
        "vat_rate": "0.08",
        "vat": 24000,
        "total": 324000,
        "parts": [],
    }
)
BILL_STATUS = BillStatusPublic(
    customer_code="PE02000777888",
    period_start=date(2026, 10, 1),
    period_end=date(2026, 10, 31),
    total=699883,
    due_date=date(2026, 11, 8),
    status="overdue",
)


def outage(area: str = "Phường Bến Nghé") -> OutagePublic:
    return OutagePublic(
        id=1,
        area=area,
        reason="Bảo trì lưới điện",
        starts_at=datetime(2025, 6, 10, 1, tzinfo=UTC),
        ends_at=datetime(2025, 6, 10, 9, tzinfo=UTC),
    )


def article(kind: ArticleKind, language: str, n: int = 1) -> Article:
    return Article.model_validate(
        {
            "id": n,
            "kind": kind,
            "slug": f"{kind}-{n}",
            "language": language,
            "title": f"{kind} {n} ({language})",
            "summary": "…",
            "body": "…",
            "published_at": datetime(2026, 11, n, 2, tzinfo=UTC),
        }
    )


@dataclass
class FakePublic(PublicRepo):
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    fail_with: AppError | None = None
    outage_list: list[OutagePublic] = field(default_factory=list)
    # None: the code has no bill yet (the server's 404 no_bill_yet)
    status: BillStatusPublic | None = field(default_factory=lambda: BILL_STATUS)
    articles_per_kind: int = 2
    tariff_data: TariffsPublic = field(default_factory=public_tariffs)

    def _log(self, *call: Any) -> None:
        self.calls.append(call)
        if self.fail_with:
            raise self.fail_with

    async def articles(self, kind: ArticleKind, language: str) -> list[Article]:
        self._log("articles", kind, language)
        return [article(kind, language, n) for n in range(1, self.articles_per_kind + 1)]

    async def estimate(
        self, kwh: Decimal, period_start: date, period_end: date, households: int = 1
    ) -> Breakdown:
        self._log("estimate", kwh, period_start, period_end, households)
        return BREAKDOWN

    async def outages(self, customer_code: str) -> list[OutagePublic]:
        self._log("outages", customer_code)
        return list(self.outage_list)

    async def bill_status(self, customer_code: str) -> BillStatusPublic:
        self._log("bill_status", customer_code)
        if self.status is None:
            raise error_for_status(404, "no_bill_yet", None)
        return self.status

    async def tariffs(self) -> TariffsPublic:
        self._log("tariffs")
        return self.tariff_data
