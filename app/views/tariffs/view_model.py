"""Loads the dated household tariff tables and picks the one in force today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import flet as ft

from app.services.protocols import PublicRepo
from app.views.form_state import FormState
from domain import clock
from domain.models.billing import TariffsPublic, TariffTablePublic, VatRatePublic


def in_force(items: list, today: date):
    """The latest item with valid_from <= today (items are oldest first)."""
    current = None
    for item in items:
        if item.valid_from <= today:
            current = item
    return current


@ft.observable
@dataclass(kw_only=True)
class TariffsViewModel(FormState):
    public: PublicRepo
    today: date = field(default_factory=clock.today)
    tariffs: TariffsPublic | None = None

    async def load(self) -> None:
        async def call() -> None:
            self.tariffs = await self.public.tariffs()

        await self.run(call)

    @property
    def current(self) -> TariffTablePublic | None:
        return in_force(self.tariffs.tables, self.today) if self.tariffs else None

    @property
    def vat(self) -> VatRatePublic | None:
        return in_force(self.tariffs.vat_rates, self.today) if self.tariffs else None

    @property
    def older(self) -> list[TariffTablePublic]:
        if not self.tariffs:
            return []
        return [t for t in reversed(self.tariffs.tables) if t is not self.current]
