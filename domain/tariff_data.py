"""Dated household tariff tables and VAT rates, as data: rates change by decision, not by code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# A billing period longer than this is refused: the normal period is a month, and two
# months covers a missed reading; anything longer is a data error, not a bill.
MAX_PERIOD_DAYS = 62
MAX_HOUSEHOLDS = 20


@dataclass(frozen=True, slots=True)
class TariffTable:
    """One tariff decision: prices per tier (VND/kWh before VAT) in force from `valid_from`.

    `tiers` is ((width_kwh, price), ...) from the lowest tier up; the last tier is open-ended
    and has width None. Any number of tiers is allowed.
    """

    valid_from: date
    decision: str
    tiers: tuple[tuple[int | None, int], ...]

    def __post_init__(self) -> None:
        if not self.tiers:
            raise ValueError(f"tariff {self.decision}: a table needs at least one tier")
        *bounded, last = self.tiers
        if last[0] is not None:
            raise ValueError(f"tariff {self.decision}: the last tier must be open-ended (None)")
        for width, _ in bounded:
            if not isinstance(width, int) or width <= 0:
                raise ValueError(f"tariff {self.decision}: tier widths must be positive ints")
        for _, price in self.tiers:
            if not isinstance(price, int) or price <= 0:
                raise ValueError(f"tariff {self.decision}: prices must be positive int VND")


@dataclass(frozen=True, slots=True)
class VatRate:
    """VAT rate on electricity in force from `valid_from` until the next entry."""

    valid_from: date
    rate: Decimal
    basis: str

    def __post_init__(self) -> None:
        if not (Decimal(0) <= self.rate < Decimal(1)):
            raise ValueError(f"VAT rate {self.rate} must be a fraction in [0, 1)")


def _household(valid_from: date, decision: str, prices: tuple[int, ...]) -> TariffTable:
    """The six-tier household structure of 2023–2025: 0–50, 51–100, 101–200, …, 401+."""
    widths = (50, 50, 100, 100, 100, None)
    return TariffTable(valid_from, decision, tuple(zip(widths, prices, strict=True)))


# Household (sinh hoạt) tables, oldest first. Source: the decisions of the Ministry of
# Industry and Trade (Bộ Công Thương) named in each row.
HOUSEHOLD_TARIFFS: tuple[TariffTable, ...] = (
    _household(date(2023, 5, 4), "1062/QĐ-BCT", (1728, 1786, 2074, 2612, 2919, 3015)),
    _household(date(2023, 11, 9), "2941/QĐ-BCT", (1806, 1866, 2167, 2729, 3050, 3151)),
    _household(date(2024, 10, 11), "2699/QĐ-BCT", (1893, 1956, 2271, 2860, 3197, 3302)),
    _household(date(2025, 5, 10), "1279/QĐ-BCT", (1984, 2050, 2380, 2998, 3350, 3460)),
)

# VAT on electricity, oldest first; each rate holds until the next row's valid_from.
VAT_RATES: tuple[VatRate, ...] = (
    VatRate(date(2009, 1, 1), Decimal("0.10"), "Law on VAT 13/2008/QH12"),
    VatRate(
        date(2023, 7, 1),
        Decimal("0.08"),
        "VAT-reduction decrees 44/2023, 94/2023, 72/2024, 180/2024, 174/2025/NĐ-CP",
    ),
    VatRate(date(2027, 1, 1), Decimal("0.10"), "standard rate after the reduction ends"),
)
