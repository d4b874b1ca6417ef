"""The person's alert thresholds for one code: kWh in a day and the forecast bill in VND."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import flet as ft

from app.services.protocols import UsageRepo
from app.views.form_state import FormState
from domain.models.alerts import AlertSettings

MAX_KWH_PER_DAY = Decimal(10000)
MAX_FORECAST_VND = 10_000_000_000
_MONEY_NOISE = re.compile(r"[\s.,_đ₫]|vnd", re.IGNORECASE)


def parse_kwh_per_day(text: str) -> Decimal | None:
    """`12`, `12,5` or `12.5` -> Decimal in (0, 10000] with ≤3 decimals; None if not that."""
    try:
        value = Decimal(text.strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or value > MAX_KWH_PER_DAY:
        return None
    exponent = value.as_tuple().exponent
    return value if isinstance(exponent, int) and exponent >= -3 else None


def parse_vnd(text: str) -> int | None:
    """`600000`, `600.000`, `600,000 đ` -> 600000; None unless a whole amount in (0, 10^10]."""
    digits = _MONEY_NOISE.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        return None
    value = int(digits)
    return value if 0 < value <= MAX_FORECAST_VND else None


def kwh_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


@ft.observable
@dataclass(kw_only=True)
class AlertsViewModel(FormState):
    repo: UsageRepo
    code: str | None = None
    kwh_text: str = ""  # empty: the alert is off
    vnd_text: str = ""
    saved: AlertSettings | None = None
    loaded: bool = False

    async def load(self, code: str | None) -> None:
        if code is None:
            return
        if code != self.code:
            self.code, self.loaded, self.notice = code, False, None

        async def call() -> None:
            self._show(await self.repo.alerts(code))
            self.loaded = True

        await self.run(call)

    def _show(self, settings: AlertSettings) -> None:
        self.saved = settings
        self.kwh_text = kwh_text(settings.kwh_per_day)
        self.vnd_text = str(settings.bill_forecast_vnd) if settings.bill_forecast_vnd else ""

    def checks(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.kwh_text.strip() and parse_kwh_per_day(self.kwh_text) is None:
            problems["kwh_text"] = "alert_kwh"
        if self.vnd_text.strip() and parse_vnd(self.vnd_text) is None:
            problems["vnd_text"] = "alert_vnd"
        return problems

    async def save(self) -> bool:
        if problems := self.checks():
            self.refuse(problems)
            return False
        code = self.code
        if code is None:
            return False
        wanted = AlertSettings(
            kwh_per_day=parse_kwh_per_day(self.kwh_text) if self.kwh_text.strip() else None,
            bill_forecast_vnd=parse_vnd(self.vnd_text) if self.vnd_text.strip() else None,
        )

        async def call() -> None:
            self._show(await self.repo.save_alerts(code, wanted))

        done = await self.run(call)
        if not done and self.field_errors:  # the server names its own fields
            self.field_errors = {
                ("kwh_text" if "kwh" in name else "vnd_text"): "invalid"
                for name in self.field_errors
            }
        if done:
            self.notice = "usage.alerts_saved"
        return done
