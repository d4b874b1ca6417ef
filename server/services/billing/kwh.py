"""kWh as text: the one spelling bills, usage, notices and the API share."""

from __future__ import annotations


def kwh_text(wh: int) -> str:
    """Whole Wh as the kWh decimal string notices and the API use: str(to_kwh(wh, 3)) (no
    trailing zeros, never exponent form) without the Decimal arithmetic, which cost ~1.5 µs
    a value on the hot routes (tests/server/test_read_path.py checks the two agree)."""
    whole, rest = divmod(-wh if wh < 0 else wh, 1000)
    sign = "-" if wh < 0 else ""
    return f"{sign}{whole}" if rest == 0 else f"{sign}{whole}.{rest:03d}".rstrip("0")
