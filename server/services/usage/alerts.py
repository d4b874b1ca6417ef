"""Alert thresholds per person and customer code (kWh per day, forecast bill in VND)."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.alerts import AlertSettings
from domain.tariff_lines import to_kwh
from server.models import AlertSetting, utcnow
from server.reads import Query, Reads

_ONE = Query(
    select(AlertSetting.daily_wh, AlertSetting.forecast_vnd).where(
        AlertSetting.user_id == bindparam("uid"), AlertSetting.customer_code == bindparam("code")
    )
)


async def get_alerts(reads: Reads, user_id: int, code: str) -> AlertSettings:
    row = await reads.first(_ONE, uid=user_id, code=code)
    if row is None:
        return AlertSettings()
    daily_wh = row["daily_wh"]
    return AlertSettings(
        kwh_per_day=to_kwh(daily_wh, 3) if daily_wh is not None else None,
        bill_forecast_vnd=row["forecast_vnd"],
    )


async def put_alerts(
    session: AsyncSession, user_id: int, code: str, settings: AlertSettings
) -> AlertSettings:
    """Replaces both thresholds (None switches one off); commits."""
    daily_wh = int(settings.kwh_per_day * 1000) if settings.kwh_per_day is not None else None
    row = await session.get(AlertSetting, (user_id, code))
    if row is None:
        row = AlertSetting(user_id=user_id, customer_code=code)
        session.add(row)
    row.daily_wh, row.forecast_vnd, row.updated_at = daily_wh, settings.bill_forecast_vnd, utcnow()
    await session.commit()
    return AlertSettings(
        kwh_per_day=to_kwh(daily_wh, 3) if daily_wh is not None else None,
        bill_forecast_vnd=row.forecast_vnd,
    )
