"""Public data for guests and kiosks: articles, bill estimate, outage and bill-status look-ups
by customer code, tariffs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import PublicRepo
from domain.models import Article, ArticleKind
from domain.models.billing import Breakdown, EstimateRequest, TariffsPublic
from domain.models.bills import BillStatusPublic
from domain.models.outages import OutagePublic

_ARTICLES = TypeAdapter(list[Article])
_OUTAGES = TypeAdapter(list[OutagePublic])


class PublicRepository(PublicRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def articles(self, kind: ArticleKind, language: str) -> list[Article]:
        data = await self._api.get(
            "public/articles", params={"kind": kind, "lang": language}, auth=False
        )
        return _ARTICLES.validate_python(data)

    async def estimate(
        self, kwh: Decimal, period_start: date, period_end: date, households: int = 1
    ) -> Breakdown:
        body = EstimateRequest(
            kwh=kwh, period_start=period_start, period_end=period_end, households=households
        )
        data = await self._api.post("public/estimate", body.model_dump(mode="json"), auth=False)
        return Breakdown.model_validate(data)

    async def outages(self, customer_code: str) -> list[OutagePublic]:
        data = await self._api.get(
            "public/outages", params={"customer_code": customer_code}, auth=False
        )
        return _OUTAGES.validate_python(data)

    async def bill_status(self, customer_code: str) -> BillStatusPublic:
        """The code's latest bill: period, total, due date, status (nothing personal)."""
        data = await self._api.get(
            "public/bill-status", params={"customer_code": customer_code}, auth=False
        )
        return BillStatusPublic.model_validate(data)

    async def tariffs(self) -> TariffsPublic:
        return TariffsPublic.model_validate(await self._api.get("public/tariffs", auth=False))
