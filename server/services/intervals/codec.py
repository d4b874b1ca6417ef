"""The 48 half-hourly values of a meter-day as 192 bytes (little-endian int32 Wh) and back,
and kWh text with at most three decimals to Wh without Decimal (the import's hot loop)."""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence

from domain.digits import is_ascii_digits

SLOTS = 48
_PACK = struct.Struct("<48i")
MAX_SLOT_KWH = 100_000  # 100 MWh in half an hour: far above any distribution customer
_KWH = re.compile(r"([0-9]{1,6})(?:\.([0-9]{1,3}))?")


def pack(values: Sequence[int]) -> bytes:
    return _PACK.pack(*values)


def unpack(blob: bytes) -> tuple[int, ...]:
    return _PACK.unpack(blob)


def slot_label(slot: int) -> str:
    """'05:30' for slot 11: the half-hour that STARTS then (local time)."""
    return f"{slot // 2:02d}:{30 * (slot % 2):02d}"


HEADER_SLOTS = tuple(slot_label(s) for s in range(SLOTS))


_LIMIT_WH = MAX_SLOT_KWH * 1000


def kwh_to_wh(text: str) -> int:
    """'1.25' -> 1250; ValueError naming what is wrong (negative, too many decimals…). The
    usual shape is checked with str methods (a regex per value was half of an import)."""
    whole, dot, frac = text.partition(".")
    if (
        is_ascii_digits(whole)
        and len(whole) <= 6
        and (not dot or (is_ascii_digits(frac) and len(frac) <= 3))
    ):
        wh = int(whole) * 1000 + (int(frac) * 10 ** (3 - len(frac)) if frac else 0)
        if wh <= _LIMIT_WH:
            return wh
    return _kwh_to_wh_checked(text)


def _kwh_to_wh_checked(text: str) -> int:
    text = text.strip()
    m = _KWH.fullmatch(text)
    if m is None:
        if text.startswith("-"):
            raise ValueError(f"{text!r} is negative")
        if re.fullmatch(r"[0-9]+\.[0-9]{4,}", text):
            raise ValueError(f"{text!r} has more than 3 decimals")
        raise ValueError(f"{text!r} is not a number of kWh")
    whole, frac = m.group(1), m.group(2) or ""
    wh = int(whole) * 1000 + (int(frac.ljust(3, "0")) if frac else 0)
    if wh > _LIMIT_WH:
        raise ValueError(f"{text!r} is more than {MAX_SLOT_KWH} kWh in half an hour")
    return wh


def wh_text(wh: int) -> str:
    """Wh as a kWh decimal string with three decimals ('1.250')."""
    return f"{wh // 1000}.{wh % 1000:03d}"
