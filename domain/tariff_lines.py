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


# Fractional kWh are counted in Wh, so allocation is exact integer arithmetic.
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


def prorate(units: int, scale: int, part_days: list[int]) -> list[int]:
    """Split `units` (kWh × scale) over parts of a period by days; the shares sum to `units`.

    Whole kWh follow DOMAIN.md: the cumulative share up to the end of each part is
    total × days so far / period days rounded half up to whole kWh, and each part gets its
    cumulative share minus the parts before it. With one price change that is exactly "old
    part = total × old_days / period_days rounded half up, the new part the rest"; with
    more changes it still never gives a negative part.

    A fraction of a kWh goes to the part that the next whole kWh would go to. Rounding the
    fraction on its own instead would let a bill fall when kWh rise (0.5 kWh moving from the
    new price to an old, cheaper tier); this way every part, and so the total, is monotone.
    """
    whole, fraction = divmod(units, scale)
    period_days = sum(part_days)
    shares, days_so_far, before = [], 0, 0
    for days in part_days:
        days_so_far += days
        cumulative = half_up(whole * days_so_far, period_days) * scale
        if fraction and half_up((whole + 1) * days_so_far, period_days) * scale > cumulative:
            cumulative += fraction
        shares.append(cumulative - before)
        before = cumulative
    return shares


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
