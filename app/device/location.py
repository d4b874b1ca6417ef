"""Where the person is, for outage reports: one call, asked only when used.

`Locator.locate()` never raises: it returns a `Fix` or says why there is none, and the screen
keeps its typed-address path in every case. `FletLocator` wraps Flet's official
`flet-geolocator` (after `flet-permission-handler` asked); `FakeLocator`-style test doubles
only need the same method."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from app.device.permissions import Permissions

log = logging.getLogger(__name__)

NoFix = Literal["denied", "blocked", "service_off", "unsupported", "failed"]


@dataclass(frozen=True)
class Fix:
    latitude: float
    longitude: float
    accuracy_m: float | None = None


@dataclass(frozen=True)
class Located:
    fix: Fix | None
    reason: NoFix | None = None  # why there is no fix: the screen says "type the address"


class Locator(Protocol):
    async def locate(self) -> Located: ...


class FletLocator:
    def __init__(self, permissions: Permissions, timeout_s: float = 15.0) -> None:
        self._permissions = permissions
        self._timeout_s = timeout_s
        self._geo: Any = None

    def _service(self) -> Any:
        if self._geo is None:
            from flet_geolocator import Geolocator

            self._geo = Geolocator()
        return self._geo

    async def locate(self) -> Located:
        access = await self._permissions.ask("location")
        if access != "granted":
            return Located(None, access)  # denied / blocked / unsupported
        try:
            import flet as ft
            from flet_geolocator import GeolocatorConfiguration, GeolocatorPositionAccuracy

            geo = self._service()
            if not await geo.is_location_service_enabled():
                return Located(None, "service_off")
            position = await geo.get_current_position(
                GeolocatorConfiguration(
                    accuracy=GeolocatorPositionAccuracy.HIGH,
                    time_limit=ft.Duration(seconds=int(self._timeout_s)),
                )
            )
        except Exception:
            log.info("no location fix", exc_info=True)
            return Located(None, "failed")
        if position.latitude is None or position.longitude is None:
            return Located(None, "failed")
        return Located(Fix(float(position.latitude), float(position.longitude), position.accuracy))
