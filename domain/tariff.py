"""Household electricity bill: tiers, proration across price changes, VAT (pure, no I/O).

Rules (DOMAIN.md "Tariff for households"):
- The period is inclusive of both ends: 2025-06-01..2025-06-30 is 30 days.
- A meter shared by N households has every tier width × N.
- A period spanning a price change is split by days. The old part gets
  total × old_days / period_days kWh rounded half up to whole kWh, the last part the
  remainder, so the parts sum exactly; a fraction of a kWh (daily readings have decimals)
  goes to the part the next whole kWh would go to, which keeps the total monotone in kWh.
  Each tier width of each part is width × households × part_days / period_days, rounded
  half up once (for the 200 kWh May 2025 example: 58 kWh old, widths 15/15/29).
  Several changes in one period: see tariff_lines.prorate.
- Amount per tier = kWh × price rounded half up to whole VND; the subtotal is their sum;
  VAT is computed once on the subtotal, rounded half up; total = subtotal + VAT.
- VAT rate: the one in force on the period END, for the whole bill, even when the period
  spans a VAT change. The end is the meter-reading date, and Vietnamese VAT rules fix the
  tax point of electricity at the date the meter index is recorded for the invoice.
- Only tiers that carry kWh appear in a part (as on EVN bills); 0 kWh gives empty tiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from domain.models.billing import (
    Breakdown,
    TariffsPublic,
    TariffTablePublic,
    TariffTierPublic,
    VatRatePublic,
)
from domain.tariff_data import (
    HOUSEHOLD_TARIFFS,
    MAX_HOUSEHOLDS,
    MAX_PERIOD_DAYS,
    VAT_RATES,
    TariffTable,
    VatRate,
)
from domain.tariff_engine import TariffSchedule
from domain.tariff_lines import TariffError, to_units

__all__ = ["TariffError", "compute_bill", "public_tariffs", "table_on", "vat_rate_on"]

_DEFAULT = TariffSchedule(HOUSEHOLD_TARIFFS, VAT_RATES)


@lru_cache(maxsize=32)
def _compiled(tables: tuple[TariffTable, ...], vat_rates: tuple[VatRate, ...]) -> TariffSchedule:
    return TariffSchedule(tables, vat_rates)


def _schedule(tables: Sequence[TariffTable], vat_rates: Sequence[VatRate]) -> TariffSchedule:
    if tables is HOUSEHOLD_TARIFFS and vat_rates is VAT_RATES:
        return _DEFAULT
    return _compiled(tuple(tables), tuple(vat_rates))


def compute_bill(
    kwh: Decimal | int,
    period_start: date,
    period_end: date,
    households: int = 1,
    tables: Sequence[TariffTable] = HOUSEHOLD_TARIFFS,
    vat_rates: Sequence[VatRate] = VAT_RATES,
    norm_days: int | None = None,
) -> Breakdown:
    """The tier breakdown, subtotal, VAT and total of `kwh` used over the inclusive period.

    `norm_days` (a final bill, whose period ends early on the last day of supply): the days
    of the regular period the full tier widths belong to; each width is then × period
    days / norm_days, rounded half up, as for the parts of a split period.

    `kwh` is whole or has at most three decimals. Raises TariffError (a ValueError) with
    `code`: invalid_kwh, kwh_too_precise, negative_kwh, period_reversed, period_too_long,
    invalid_households, period_before_tariffs, no_vat_rate, invalid_norm_days.
    """
    units, decimals = to_units(kwh)
    if period_end < period_start:
        raise TariffError("period_reversed", "the period ends before it starts")
    days = (period_end - period_start).days + 1
    if days > MAX_PERIOD_DAYS:
        raise TariffError(
            "period_too_long", f"a billing period is at most {MAX_PERIOD_DAYS} days, not {days}"
        )
    if type(households) is not int or not 1 <= households <= MAX_HOUSEHOLDS:
        raise TariffError(
            "invalid_households", f"households must be a whole number from 1 to {MAX_HOUSEHOLDS}"
        )
    schedule = _schedule(tables, vat_rates)
    if norm_days is not None and not days <= norm_days <= MAX_PERIOD_DAYS:
        raise TariffError("invalid_norm_days", "norm_days must cover the period")
    return schedule.bill(units, decimals, period_start, period_end, households, norm_days)


def table_on(day: date, tables: Sequence[TariffTable] = HOUSEHOLD_TARIFFS) -> TariffTable:
    """The tariff table in force on `day`; TariffError period_before_tariffs before the first."""
    schedule = _schedule(tables, VAT_RATES)
    return schedule.tables[schedule.table_index(day)]


def vat_rate_on(day: date, vat_rates: Sequence[VatRate] = VAT_RATES) -> Decimal:
    schedule = _schedule(HOUSEHOLD_TARIFFS, vat_rates)
    return schedule.vat_rates[schedule.vat_index(day)].rate


def _table_public(table: TariffTable, valid_to: date | None) -> TariffTablePublic:
    # Published tables number kWh "0–50, 51–100, …": a tier starts one above the last bound.
    tiers, upper = [], 0
    for number, (width, price) in enumerate(table.tiers, start=1):
        start = 0 if number == 1 else upper + 1
        upper = upper + width if width is not None else upper
        to_kwh = upper if width is not None else None
        tiers.append(TariffTierPublic(tier=number, from_kwh=start, to_kwh=to_kwh, price=price))
    return TariffTablePublic(
        valid_from=table.valid_from, valid_to=valid_to, decision=table.decision, tiers=tiers
    )


def public_tariffs(
    tables: Sequence[TariffTable] = HOUSEHOLD_TARIFFS, vat_rates: Sequence[VatRate] = VAT_RATES
) -> TariffsPublic:
    """GET /public/tariffs body: every table and VAT rate, oldest first, with valid_to."""
    schedule = _schedule(tables, vat_rates)
    day_before = timedelta(days=1)
    ends = [t.valid_from - day_before for t in schedule.tables[1:]] + [None]
    vat_ends = [v.valid_from - day_before for v in schedule.vat_rates[1:]] + [None]
    return TariffsPublic(
        tables=[_table_public(t, end) for t, end in zip(schedule.tables, ends, strict=True)],
        vat_rates=[
            VatRatePublic(valid_from=v.valid_from, valid_to=end, rate=v.rate, basis=v.basis)
            for v, end in zip(schedule.vat_rates, vat_ends, strict=True)
        ],
    )
