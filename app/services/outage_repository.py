"""Planned outages and meter-reading dates of one customer code (signed in, approved link)."""

from __future__ import annotations

from datetime import date

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import OutagesRepo
from domain.models.outages import OutagePublic
from domain.models.usage import ReadingSchedule

_OUTAGES = TypeAdapter(list[OutagePublic])


class OutageRepository(OutagesRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def outages(self, code: str, first: date, last: date) -> list[OutagePublic]:
        """Outages overlapping the local days first..last, cancelled ones included."""
        data = await self._api.get(
            f"accounts/{code}/outages",
            params={"from": first.isoformat(), "to": last.isoformat()},
        )
        return _OUTAGES.validate_python(data)

    async def reading_schedule(self, code: str) -> ReadingSchedule:
        """Reading days (ghi chỉ số) of the previous and the current month."""
        return ReadingSchedule.model_validate(
            await self._api.get(f"accounts/{code}/reading-schedule")
        )
