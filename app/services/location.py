"""Where the phone is, for an outage report: a tiny interface so screens never touch the
device plugins. The permission is asked only when the person taps "use my location"; a refusal
or an error is None and the form goes on by code or address. Tests use a fake Locator.
(Issue 20 builds the shared device-feature framework; this stays small until it lands.)"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger(__name__)
TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float


class Locator(Protocol):
    async def locate(self) -> Position | None:
        """The current position, or None when refused, switched off or unavailable."""
        ...


class DeviceLocator:
    """flet-permission-handler asks, flet-geolocator reads; both made on first use (they
    register with the page then, inside the tap's context)."""

    def __init__(self) -> None:
        self._geo: Any = None
        self._permissions: Any = None

    async def locate(self) -> Position | None:
        try:
            return await asyncio.wait_for(self._locate(), TIMEOUT_S)
        except Exception as exc:  # a plugin missing on this platform, a timeout, a refusal
            log.info("no location: %s", exc.__class__.__name__)
            return None

    async def _locate(self) -> Position | None:
        import flet_geolocator as fg
        import flet_permission_handler as fph

        if self._permissions is None:
            self._permissions = fph.PermissionHandler()
            self._geo = fg.Geolocator()
        status = await self._permissions.request(fph.Permission.LOCATION_WHEN_IN_USE)
        if status != fph.PermissionStatus.GRANTED:
            return None
        pos = await self._geo.get_current_position()
        if pos is None or pos.latitude is None or pos.longitude is None:
            return None
        return Position(float(pos.latitude), float(pos.longitude))


def locator_for(settings) -> Locator | None:
    """A kiosk stands in an office (its location says nothing of the outage): none there."""
    if settings.is_kiosk:
        return None
    return DeviceLocator()
