"""Alert thresholds one person sets for one customer code (None turns an alert off)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from domain.models.common import JSON_NUMBER, WireModel


class AlertSettings(WireModel):
    """`kwh_per_day`: notice when one day uses more (AMI meters); `bill_forecast_vnd`: notice
    when the projected bill of the current period goes above it."""

    kwh_per_day: Decimal | None = Field(default=None, gt=0, le=10000, decimal_places=3)
    bill_forecast_vnd: Annotated[int, Field(gt=0, le=10_000_000_000), JSON_NUMBER] | None = None
