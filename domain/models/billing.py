"""Wire shapes of a bill's tier breakdown, the public estimate and the public tariff tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from domain.models.common import JSON_NUMBER, WireModel
from domain.tariff_data import MAX_HOUSEHOLDS, MAX_PERIOD_DAYS


class _Value(BaseModel):
    # Frozen so the tariff engine can share identical tier lines between bills safely.
    model_config = ConfigDict(frozen=True)


class TierLine(_Value):
    """kWh charged in one tier of one part; width_kwh is None for the open-ended last tier."""

    tier: int = Field(ge=1)
    width_kwh: int | None
    kwh: Decimal
    price: int
    amount: int


class BillPart(_Value):
    """The kWh of a period charged under one tariff table (several when prices changed)."""

    valid_from: date
    decision: str
    days: int
    kwh: Decimal
    tiers: tuple[TierLine, ...]


class Breakdown(_Value):
    """Estimate or bill breakdown: money in int VND, VAT once on the subtotal."""

    kwh: Decimal
    subtotal: int
    vat_rate: Decimal
    vat: int
    total: int
    parts: tuple[BillPart, ...]


# Published as exactly what is accepted: a number, or a decimal string with ≤ 3 decimals.
KwhInput = Annotated[
    Decimal,
    Field(ge=0, le=100000, decimal_places=3),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100000},
                {"type": "string", "pattern": r"^[0-9]{1,6}(\.[0-9]{1,3})?$"},
            ],
            "title": "kWh",
        }
    ),
]


class EstimateRequest(WireModel):
    """POST /public/estimate: what a period's kWh would cost."""

    kwh: KwhInput
    period_start: date
    period_end: date
    households: Annotated[int, Field(ge=1, le=MAX_HOUSEHOLDS), JSON_NUMBER] = 1

    @model_validator(mode="after")
    def _period_is_sane(self) -> EstimateRequest:
        if self.period_end < self.period_start:
            raise ValueError("period_end must not be before period_start")
        if (self.period_end - self.period_start).days + 1 > MAX_PERIOD_DAYS:
            raise ValueError(f"a billing period is at most {MAX_PERIOD_DAYS} days")
        return self


class TariffTierPublic(BaseModel):
    """One tier as published: kWh from..to (to is None for the last), price before VAT."""

    tier: int
    from_kwh: int
    to_kwh: int | None
    price: int


class TariffTablePublic(BaseModel):
    valid_from: date
    valid_to: date | None = None
    decision: str
    tiers: list[TariffTierPublic]


class VatRatePublic(BaseModel):
    valid_from: date
    valid_to: date | None = None
    rate: Decimal
    basis: str | None = None


class TariffsPublic(BaseModel):
    """GET /public/tariffs: household tables and VAT rates, oldest first."""

    tables: list[TariffTablePublic]
    vat_rates: list[VatRatePublic]
