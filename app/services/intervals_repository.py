"""Half-hourly usage of one customer code (remote-read meters)."""

from __future__ import annotations

from datetime import date

from app.services.api_client import ApiClient
from domain.models.intervals import DayIntervals


class IntervalsRepository:
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def day(self, code: str, day: date) -> DayIntervals:
        """48 half-hours of `day` with the previous day and last week's same weekday; a manual
        meter raises the error code `manual_meter`."""
        data = await self._api.get(
            f"accounts/{code}/usage/intervals", params={"date": day.isoformat()}
        )
        return DayIntervals.model_validate(data)
