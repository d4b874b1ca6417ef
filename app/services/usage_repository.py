"""Usage of one customer code: daily (AMI) and monthly energy, the forecast, alert thresholds."""

from __future__ import annotations

from datetime import date

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.errors import AppError
from app.services.protocols import UsageRepo
from domain.models.alerts import AlertSettings
from domain.models.usage import DailyUsage, Forecast, MonthlyUsage

_DAILY = TypeAdapter(list[DailyUsage])
_MONTHLY = TypeAdapter(list[MonthlyUsage])


class UsageRepository(UsageRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def daily(self, code: str, first: date, last: date) -> list[DailyUsage]:
        """kWh per local day; a manual meter raises ValidationError code `manual_meter`."""
        data = await self._api.get(
            f"accounts/{code}/usage/daily",
            params={"from": first.isoformat(), "to": last.isoformat()},
        )
        return _DAILY.validate_python(data)

    async def monthly(self, code: str, first: date, last: date) -> list[MonthlyUsage]:
        """Months first..last (at most 24), each with the same month a year earlier."""
        data = await self._api.get(
            f"accounts/{code}/usage/monthly",
            params={"from": f"{first:%Y-%m}", "to": f"{last:%Y-%m}"},
        )
        months = _MONTHLY.validate_python(data)
        return await self._mark_estimated(code, months)

    async def _mark_estimated(self, code: str, months: list[MonthlyUsage]) -> list[MonthlyUsage]:
        """Issue 18: months billed on estimated days are marked; the chart still draws
        without the marks when this extra call fails."""
        try:
            data = await self._api.get(f"accounts/{code}/usage/estimated-months")
            estimated = set(data.get("months", [])) if isinstance(data, dict) else set()
        except AppError:
            return months
        return [m.model_copy(update={"estimated": m.month in estimated}) for m in months]

    async def forecast(self, code: str) -> Forecast | None:
        """This period's projection; None when there is no history to project from yet."""
        try:
            return Forecast.model_validate(await self._api.get(f"accounts/{code}/forecast"))
        except AppError as e:
            if e.code == "no_usage_history":
                return None
            raise

    async def alerts(self, code: str) -> AlertSettings:
        return AlertSettings.model_validate(await self._api.get(f"accounts/{code}/alerts"))

    async def save_alerts(self, code: str, settings: AlertSettings) -> AlertSettings:
        response = await self._api.send(
            "PUT", f"accounts/{code}/alerts", json=settings.model_dump(mode="json")
        )
        return AlertSettings.model_validate(response.json())
