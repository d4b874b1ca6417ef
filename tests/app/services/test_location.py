"""The outage report's location comes from the device kit's one plugin wrapper (issue 20):
a fix becomes a position; a refusal, a switched-off service or a failing plugin is None and the
form goes on by code or address; kiosks, the web and desktops offer no location."""

from __future__ import annotations

from types import SimpleNamespace

from app.device.location import Fix, Located
from app.services.location import DeviceLocator, Position, locator_for


class Device:
    def __init__(self, answer: Located | Exception) -> None:
        self.answer = answer

    async def locate(self) -> Located:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


async def test_a_fix_becomes_a_position():
    locator = DeviceLocator(Device(Located(Fix(10.7769, 106.7009, 12.0))))
    assert await locator.locate() == Position(10.7769, 106.7009)


async def test_no_fix_or_a_failing_plugin_is_none():
    assert await DeviceLocator(Device(Located(None, "denied"))).locate() is None
    assert await DeviceLocator(Device(RuntimeError("no plugin"))).locate() is None


def test_only_a_kit_with_a_locator_offers_location():
    assert locator_for(SimpleNamespace(locator=None)) is None  # kiosk, web, desktop
    assert locator_for(None) is None
    assert isinstance(locator_for(SimpleNamespace(locator=Device(Located(None)))), DeviceLocator)
