"""The areas' prepared boundary shapes, cached per server context for a few seconds (a storm
places thousands of points a minute); filled by server/services/incidents/geo.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class AreaShapes:
    at: float = -1e9  # time.monotonic() of the last read; -1e9: read at the next use
    shapes: tuple[Any, ...] = ()  # (area code, prepared shapely geometry)
