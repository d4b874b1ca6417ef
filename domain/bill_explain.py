"""Why a bill differs from another: the difference in đồng split into effects that add up to it
exactly (issue 18). Pure: no I/O, no clock.

Method: fixed-order substitution (a telescoping chain). A bill is a function of five factors

    days       the period length D;
    usage      the daily average kWh / D (not the total: a longer period uses more kWh at the
               same daily habit, and that part is the `days` effect);
    households the norm (households on the meter) over the period, as a day profile;
    price      the tariff tables over the period, as a day profile;
    vat        the VAT rate on the bill.

Starting from the earlier bill, the factors are replaced by the later bill's one at a time in
the order days → usage → households → price → vat, and each bill is recomputed by the real
engine (domain/tariff_households.py, so every rounding rule of DOMAIN.md holds). Each effect
is the change of the recomputed total at its step. Because consecutive steps share every
other factor, the effects telescope: their sum is exactly recomputed(later) − recomputed
(earlier), and an effect whose factor did not change is exactly 0 (both steps compute the
same bill).

Why this order: volumes first (days, then daily use) are valued at the earlier prices — "what
the extra use would have cost before anything else changed" — and the price change is then
valued on the kWh actually used now, like the price variance of standard-cost accounting;
VAT is last because the engine applies it last, on the subtotal. An order averaged over all
orders (Shapley) would be symmetric but 120 recomputations per pair and harder to read; a
fixed order is what a person can follow step by step.

A day profile is applied to a period of another length by scaling its cut points
(cumulative days × D / D_profile, rounded half up), so "the earlier prices" on a 31-day
period that had a price change on its 10th day of 31 means the same share of days.
`other` holds what the stored totals differ from the recomputation (0 for every bill the
engine issued; non-zero only for a bill issued by hand), so the sum is exact in any case.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from domain.tariff import vat_rate_on
from domain.tariff_data import HOUSEHOLD_TARIFFS, VAT_RATES, TariffTable, VatRate
from domain.tariff_households import Norms, compute_bill_with_norms, households_on
from domain.tariff_lines import half_up, to_kwh

EffectKind = Literal["days", "usage", "households", "price", "vat", "other"]
ORDER: tuple[EffectKind, ...] = ("days", "usage", "households", "price", "vat")
# (days, value) runs of one bill's period, in order; the days add up to the period's days.
Profile = tuple[tuple[int, object], ...]
_ORIGIN = date(2001, 1, 1)  # synthetic dates: the engine only needs an order of days


@dataclass(frozen=True, slots=True)
class BillFacts:
    """What a bill was computed from. `prices` runs carry TariffTable, `households` ints."""

    wh: int
    days: int
    prices: tuple[tuple[int, TariffTable], ...]
    households: tuple[tuple[int, int], ...]
    vat_rate: Decimal
    total: int  # as issued


@dataclass(frozen=True, slots=True)
class Effect:
    kind: EffectKind
    amount: int  # signed đồng
    detail: dict[str, object]


@dataclass(frozen=True, slots=True)
class Explanation:
    difference: int
    effects: tuple[Effect, ...]  # in ORDER, then `other`; zeros included


def _runs(values: Sequence[tuple[int, object]]) -> Profile:
    """Drop empty runs and join neighbours with equal values."""
    out: list[tuple[int, object]] = []
    for days, value in values:
        if days <= 0:
            continue
        if out and out[-1][1] == value:
            out[-1] = (out[-1][0] + days, value)
        else:
            out.append((days, value))
    return tuple(out)


def scaled(profile: Profile, days: int) -> Profile:
    """The profile stretched or shrunk to `days` by its cut points, rounded half up."""
    source = sum(d for d, _ in profile)
    if source == days:
        return _runs(list(profile))
    out, cum, before = [], 0, 0
    for d, value in profile:
        cum += d
        cut = half_up(days * cum, source)
        out.append((cut - before, value))
        before = cut
    return _runs(out)


def total_of(wh: int, days: int, prices: Profile, households: Profile, vat: Decimal) -> int:
    """The engine's total for `wh` Wh over `days` days with these profiles and VAT rate."""
    prices, households = scaled(prices, days), scaled(households, days)
    tables, offset = [], 0
    for d, table in prices:
        assert isinstance(table, TariffTable)
        tables.append(TariffTable(_ORIGIN + timedelta(days=offset), table.decision, table.tiers))
        offset += d
    norms, offset = [], 0
    for d, homes in households:
        assert isinstance(homes, int)
        norms.append((_ORIGIN + timedelta(days=offset), homes))
        offset += d
    end = _ORIGIN + timedelta(days=days - 1)
    kwh = to_kwh(wh, 3)
    rates = (VatRate(_ORIGIN, vat, "explain"),)
    before = norms[0][1]
    return compute_bill_with_norms(kwh, _ORIGIN, end, before, norms[1:], tables, rates).total


def recomputed(facts: BillFacts) -> int:
    return total_of(facts.wh, facts.days, facts.prices, facts.households, facts.vat_rate)


def explain(later: BillFacts, earlier: BillFacts) -> Explanation:
    """The effects turning `earlier`'s total into `later`'s, by fixed-order substitution."""
    a, b = earlier, later
    steps = [
        (a.wh, a.days, a.prices, a.households, a.vat_rate),
        (half_up(a.wh * b.days, a.days), b.days, a.prices, a.households, a.vat_rate),
        (b.wh, b.days, a.prices, a.households, a.vat_rate),
        (b.wh, b.days, a.prices, b.households, a.vat_rate),
        (b.wh, b.days, b.prices, b.households, a.vat_rate),
        (b.wh, b.days, b.prices, b.households, b.vat_rate),
    ]
    totals = [total_of(*step) for step in steps]
    amounts = [after - before for before, after in itertools.pairwise(totals)]
    days_wh = steps[1][0] - a.wh
    details: list[dict[str, object]] = [
        {"days_before": a.days, "days_after": b.days, "kwh": str(_kwh(days_wh))},
        {
            "kwh": str(_kwh(b.wh - steps[1][0])),
            "kwh_per_day_before": str(_per_day(a.wh, a.days)),
            "kwh_per_day_after": str(_per_day(b.wh, b.days)),
        },
        {"before": _last(a.households), "after": _last(b.households)},
        {
            "before": [t.decision for _, t in _tables(a)],
            "after": [t.decision for _, t in _tables(b)],
            "since": _newest(b).isoformat(),
        },
        {"before": str(a.vat_rate), "after": str(b.vat_rate)},
    ]
    effects = [Effect(k, m, d) for k, m, d in zip(ORDER, amounts, details, strict=True)]
    other = (b.total - totals[-1]) - (a.total - totals[0])
    effects.append(Effect("other", other, {}))
    return Explanation(difference=b.total - a.total, effects=tuple(effects))


def facts_of(
    wh: int,
    start: date,
    end: date,
    households_before: int,
    norms: Norms,
    total: int,
    vat_rate: Decimal | None = None,
    tables: Sequence[TariffTable] = HOUSEHOLD_TARIFFS,
    vat_rates: Sequence[VatRate] = VAT_RATES,
) -> BillFacts:
    """The facts of a bill over start..end (inclusive) from the dated tables and norms; the
    VAT rate is the one in force on the end unless the bill says otherwise."""
    days = (end - start).days + 1
    ordered = sorted(tables, key=lambda t: t.valid_from)
    price_runs, homes_runs = [], []
    for offset in range(days):
        day = start + timedelta(days=offset)
        table = [t for t in ordered if t.valid_from <= day][-1]
        price_runs.append((1, table))
        homes_runs.append((1, households_on(day, norms, households_before)))
    rate = vat_rate if vat_rate is not None else vat_rate_on(end, vat_rates)
    prices = _runs(price_runs)
    homes = _runs(homes_runs)
    return BillFacts(wh, days, prices, homes, rate, total)  # type: ignore[arg-type]


def _kwh(wh: int) -> Decimal:
    return -to_kwh(-wh, 3) if wh < 0 else to_kwh(wh, 3)


def _per_day(wh: int, days: int) -> Decimal:
    return (Decimal(wh) / 1000 / days).quantize(Decimal("0.1"))


def _last(profile: tuple[tuple[int, int], ...]) -> str:
    """`2`, or `1–2` when the norm changed inside the period."""
    values = [h for _, h in profile]
    return str(values[0]) if len(set(values)) == 1 else f"{min(values)}–{max(values)}"


def _tables(facts: BillFacts) -> tuple[tuple[int, TariffTable], ...]:
    return facts.prices


def _newest(facts: BillFacts) -> date:
    return max(t.valid_from for _, t in facts.prices)
