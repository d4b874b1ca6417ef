"""Integer rounding, kWh units and shared tier lines used by the tariff engine."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from domain.models.billing import TierLine


class TariffError(ValueError):
    """A bill cannot be computed; `code` is stable for clients, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, for numerator >= 0 and denominator > 0."""
    return (2 * numerator + denominator) // (2 * denominator)


# Fractional kWh are counted in Wh: every fractional reading shares one precision, so the
# proration of two readings rounds alike; whole readings keep whole-kWh rounding (DOMAIN.md).
FRACTION_DECIMALS = 3


def to_units(kwh: Decimal | int) -> tuple[int, int]:
    """kWh as (integer units, decimal places): (kWh, 0) when whole, else (Wh, 3).

    150.00 counts as the whole 150. More than three decimals is refused, not rounded away:
    the caller decides how to round a reading.
    """
    if type(kwh) is int:
        units, decimals = kwh, 0
    elif isinstance(kwh, Decimal) and kwh.is_finite():
        units, decimals = int(kwh), 0
        if units != kwh:
            decimals = FRACTION_DECIMALS
            scaled = kwh.scaleb(decimals)
            units = int(scaled)
            if units != scaled:
                raise TariffError(
                    "kwh_too_precise", f"kWh may have at most {FRACTION_DECIMALS} decimals"
                )
    else:
        raise TariffError("invalid_kwh", "kWh must be a finite Decimal or an int")
    if units < 0:
        raise TariffError("negative_kwh", "kWh must not be negative")
    return units, decimals


def to_kwh(units: int, decimals: int) -> Decimal:
    """Decimal kWh without trailing zeros (50.500 -> 50.5, 15.000 -> 15), never exponent form."""
    if decimals == 0:
        return Decimal(units)
    whole, rest = divmod(units, 10**decimals)
    return Decimal(whole) if rest == 0 else Decimal(units).scaleb(-decimals).normalize()


# The same tier lines recur in bill after bill (every full tier, every common kWh), so they
# are built once and shared; TierLine is frozen, which makes sharing safe.
@lru_cache(maxsize=1 << 16)
def tier_line(tier: int, width: int | None, units: int, decimals: int, price: int) -> TierLine:
    """One tier's line: `units` kWh units at `price`, amount rounded half up to whole VND."""
    amount = units * price if decimals == 0 else half_up(units * price, 10**decimals)
    return TierLine(
        tier=tier, width_kwh=width, kwh=to_kwh(units, decimals), price=price, amount=amount
    )
