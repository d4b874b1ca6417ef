"""A bill whose period crosses a change of the household norm (issue 16): the period is split
at each change exactly as at a price change — kWh by days, each part's tier widths × its
part of the days × that part's households (DOMAIN.md's rule, households per part)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from domain.models.billing import Breakdown
from domain.tariff import _schedule, compute_bill
from domain.tariff_data import HOUSEHOLD_TARIFFS, VAT_RATES, TariffTable, VatRate
from domain.tariff_lines import half_up, prorate, to_kwh, to_units

# (valid_from, households): the norm from that day on, oldest first.
Norms = Sequence[tuple[date, int]]


def households_on(day: date, norms: Norms, default: int) -> int:
    current = default
    for valid_from, households in norms:
        if valid_from <= day:
            current = households
    return current


def compute_bill_with_norms(
    kwh: Decimal | int,
    period_start: date,
    period_end: date,
    households_before: int,
    norms: Norms,
    tables: Sequence[TariffTable] = HOUSEHOLD_TARIFFS,
    vat_rates: Sequence[VatRate] = VAT_RATES,
    norm_days: int | None = None,
) -> Breakdown:
    """compute_bill with households changing on the norms' dates inside the period; with no
    change inside it this is compute_bill (same breakdown). `norm_days` (a final bill cut short
    on the last day of supply): the days of the regular period the tier widths belong to, as in
    compute_bill; each part's widths are then × its days / norm_days."""
    start_households = households_on(period_start, norms, households_before)
    # Only real changes cut the period: a "change" to the same number is no change (a cut
    # would cost a few đồng of rounding in the split tier widths).
    inside, current = [], start_households
    for d, h in sorted((d, h) for d, h in norms if period_start < d <= period_end):
        if h != current:
            inside.append((d, h))
            current = h
    if not inside:
        return compute_bill(
            kwh, period_start, period_end, start_households, tables, vat_rates, norm_days
        )
    compute_bill(kwh, period_start, period_end, start_households, tables, vat_rates, norm_days)
    schedule = _schedule(tables, vat_rates)
    units, decimals = to_units(kwh)
    # Segments cut at every table change and every norm change inside the period.
    cuts = {d for d, _ in inside}
    cuts |= {t.valid_from for t in schedule.tables if period_start < t.valid_from <= period_end}
    bounds = [period_start, *sorted(cuts), period_end + timedelta(days=1)]
    segments = [
        (
            schedule.table_index(a),
            (b - a).days,
            households_on(a, [(period_start, start_households), *inside], start_households),
        )
        for a, b in pairwise(bounds)
    ]
    period_days = (period_end - period_start).days + 1
    widths_days = period_days if norm_days is None else norm_days
    shares = prorate(units, 10**decimals, [days for _, days, _ in segments])
    parts = tuple(
        schedule._part(index, days, widths_days, share, decimals, households)
        for (index, days, households), share in zip(segments, shares, strict=True)
    )
    subtotal = sum(line.amount for part in parts for line in part.tiers)
    rate = schedule.vat_rates[schedule.vat_index(period_end)].rate
    numerator, denominator = rate.as_integer_ratio()
    vat = half_up(subtotal * numerator, denominator)
    return Breakdown(
        kwh=to_kwh(units, decimals),
        subtotal=subtotal,
        vat_rate=rate,
        vat=vat,
        total=subtotal + vat,
        parts=parts,
    )
