"""ASCII digits only. Python's `str.isdigit()`, `int()`, `Decimal()` and the regex `\\d` (also in
pydantic patterns) accept Arabic-Indic, Devanagari, fullwidth… digits too, so each spelling of
one phone, code, amount or bill number was a new key to a limit, a look-up or a gateway."""

from __future__ import annotations

DIGIT = "[0-9]"  # write this in patterns, never \d


def is_ascii_digits(text: object) -> bool:
    """'0912' yes; '', '٠٩١٢', '０９', '²' and non-text no."""
    return isinstance(text, str) and text.isascii() and text.isdigit()


def ascii_int(text: object, max_digits: int = 18) -> int | None:
    """The int written in at most `max_digits` ASCII digits, else None (never an exception:
    int() of a 5,000-digit string raises, of '²' too)."""
    if not isinstance(text, str) or not is_ascii_digits(text) or len(text) > max_digits:
        return None
    return int(text)
