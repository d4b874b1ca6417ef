"""Masking of a contract's personal data for people whose link is not approved."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """`Nguyễn Văn An` -> `N***** V** A*`: enough to recognise, not to read."""
    return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split() if w)


def mask_address(address: str) -> str:
    """Keeps the last two parts (ward/district, city); the street and number are hidden."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if len(parts) <= 2:
        return "***"
    return ", ".join(["***", *parts[-2:]])
