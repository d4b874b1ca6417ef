"""Where the phone is, for an outage report: a tiny interface so screens never touch the
device plugins. The permission is asked only when the person taps "use my location"; a refusal
or an error is None and the form goes on by code or address. Tests use a fake Locator.
The plugins are wrapped once, in app/device/location.py (issue 20)."""

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
    """The outage report's Locator over the device kit's (app/device/location.py: the one
    wrapper of flet-permission-handler and flet-geolocator; it never raises and says why there
    is no fix — here any reason is None and the form goes on by code or address)."""

    def __init__(self, device: DeviceLocatorLike) -> None:
        self._device = device

    async def locate(self) -> Position | None:
        try:
            located = await asyncio.wait_for(self._device.locate(), TIMEOUT_S)
        except Exception as exc:  # a plugin missing on this platform, a timeout
            log.info("no location: %s", exc.__class__.__name__)
            return None
        if located.fix is None:
            return None
        return Position(located.fix.latitude, located.fix.longitude)


class DeviceLocatorLike(Protocol):
    async def locate(self) -> Any: ...


def locator_for(device: Any) -> Locator | None:
    """The device kit's locator where there is one (phones); none on kiosks (a kiosk stands in
    an office: its location says nothing of the outage), the web and desktops."""
    found = getattr(device, "locator", None)
    return DeviceLocator(found) if found is not None else None
