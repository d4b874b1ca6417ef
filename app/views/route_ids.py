"""Ids read from a route's path (`/bills/97`, `/incidents/4`): ASCII digits only (issue 14.5).
`str.isdigit` says yes to '²' and '١٢', and int('²') raises, so a crafted link would have
crashed the screen; anything not an id is 0, which the screens treat as "not found"."""

from __future__ import annotations

from domain.digits import ascii_int


def route_id(raw: str) -> int:
    return ascii_int(raw) or 0
