"""Household-norm changes inside billing periods (issue 16): the bill is split at the change
like at a price change (domain/tariff_households.py). Contracts without a change inside
their period — nearly all — keep the cached `price()` path."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.tariff_households import compute_bill_with_norms, households_on
from domain.tariff_lines import to_kwh
from server.models.services import HouseholdNorm
from server.services.billing.bill_run_rows import Priced, breakdown_json, copy_text

# code -> (households before the first change after the period's start, the changes inside)
NormChanges = dict[str, tuple[int, list[tuple[date, int]]]]


async def norms_inside(session: AsyncSession, periods: dict[str, tuple[date, date]]) -> NormChanges:
    """For each code with a norm dated after its period's start: the households that held
    at the start (the first such norm's `households_before`: the contract row may already
    show a later norm) and the changes inside the period."""
    found: NormChanges = {}
    if not periods:
        return found
    first = min(start for start, _ in periods.values())
    rows = await session.execute(
        select(HouseholdNorm)
        .where(HouseholdNorm.valid_from > first)
        .order_by(HouseholdNorm.customer_code, HouseholdNorm.valid_from, HouseholdNorm.id)
    )
    by_code: dict[str, list[HouseholdNorm]] = defaultdict(list)
    for norm in rows.scalars():
        period = periods.get(norm.customer_code)
        if period and period[0] < norm.valid_from:
            by_code[norm.customer_code].append(norm)
    for code, norms in by_code.items():
        end = periods[code][1]
        inside = [(n.valid_from, n.households) for n in norms if n.valid_from <= end]
        found[code] = (norms[0].households_before, inside)
    return found


def price_with_norms(
    wh: int,
    start: date,
    end: date,
    before: int,
    norms: list[tuple[date, int]],
    norm_days: int | None = None,
) -> tuple[Priced, int]:
    """The priced bill and the households at the period's end; `norm_days` for a final bill
    (bill_compose.final_period)."""
    kwh = wh // 1000 if wh % 1000 == 0 else to_kwh(wh, 3)
    b = compute_bill_with_norms(kwh, start, end, before, norms, norm_days=norm_days)
    text = breakdown_json(b)
    priced = Priced(b.subtotal, b.vat, b.total, str(b.kwh), text, copy_text(text))
    return priced, households_on(end, norms, before)
