"""Guest tools: estimate a bill from kWh, look up planned outages by customer code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

import flet as ft

from app.services.protocols import PublicRepo
from app.views.form_state import FormState
from domain import clock
from domain.customer_code import is_customer_code, normalize_customer_code
from domain.digits import ascii_int
from domain.models.billing import Breakdown
from domain.models.outages import OutagePublic
from domain.tariff_data import MAX_HOUSEHOLDS, MAX_PERIOD_DAYS

MAX_KWH = Decimal(100000)
# More than this per household in one bill is rare enough to ask "is the number right?"
# (a Vietnamese household uses some 100-500 kWh a month); the estimate is still shown.
UNUSUAL_KWH_PER_HOUSEHOLD = Decimal(2000)


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def parse_kwh(text: str) -> Decimal | None:
    """`150`, `150,5` or `150.5`; None when not a number in 0..100000 with ≤3 decimals."""
    try:
        value = Decimal(text.strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value > MAX_KWH:
        return None
    exponent = value.as_tuple().exponent
    return value if isinstance(exponent, int) and exponent >= -3 else None


@ft.observable
@dataclass(kw_only=True)
class EstimatorViewModel(FormState):
    public: PublicRepo
    today: date = field(default_factory=clock.today)
    kwh_text: str = ""
    households_text: str = "1"
    period_start: date | None = None
    period_end: date | None = None
    result: Breakdown | None = None
    warning: str | None = None  # a message key shown over a plausible-looking result

    def __post_init__(self) -> None:
        if self.period_start is None or self.period_end is None:
            self.period_start, self.period_end = last_month(self.today)

    def set_period(self, start: date | None = None, end: date | None = None) -> None:
        self.period_start = start or self.period_start
        self.period_end = end or self.period_end
        self.result = None

    def checks(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        # Keyed by the view model's field names: the text fields show their own errors.
        if parse_kwh(self.kwh_text) is None:
            problems["kwh_text"] = "kwh"
        households = self.households_text.strip()
        if not 1 <= (ascii_int(households, 3) or 0) <= MAX_HOUSEHOLDS:
            problems["households_text"] = "households"
        assert self.period_start and self.period_end
        days = (self.period_end - self.period_start).days + 1
        if days < 1 or days > MAX_PERIOD_DAYS:
            problems["period"] = "period"
        return problems

    async def estimate(self) -> bool:
        self.result, self.warning = None, None  # never an old answer under a new question
        if problems := self.checks():
            self.refuse(problems)
            return False
        kwh = parse_kwh(self.kwh_text)
        assert kwh is not None and self.period_start and self.period_end
        start, end = self.period_start, self.period_end
        if kwh > UNUSUAL_KWH_PER_HOUSEHOLD * int(self.households_text):
            self.warning = "estimate.unusual_kwh"

        async def call() -> None:
            self.result = await self.public.estimate(kwh, start, end, int(self.households_text))

        self.result = None
        return await self.run(call)


def accepted_code(form: FormState, text: str) -> str | None:
    """The customer code in normal form, or None with the field marked (guest and kiosk)."""
    if not is_customer_code(text):
        form.refuse({"code": "customer_code"})
        return None
    return normalize_customer_code(text)


@ft.observable
@dataclass(kw_only=True)
class OutageLookupViewModel(FormState):
    public: PublicRepo
    code: str = ""
    looked_up: str | None = None  # the code of the results shown, None before any look-up
    outages: list[OutagePublic] = field(default_factory=list)

    async def look_up(self) -> bool:
        self.outages, self.looked_up = [], None  # never one code's outages under another
        code = accepted_code(self, self.code)
        if code is None:
            return False

        async def call() -> None:
            self.outages = await self.public.outages(code)
            self.looked_up = code

        return await self.run(call)
