"""What this device offers a screen: file picking, the camera and location, each behind a
small interface. Built once per session in app/app.py (`device_kit`); tests pass fakes."""

from __future__ import annotations

from dataclasses import dataclass

from app.config import Settings
from app.device.location import FletLocator, Locator
from app.device.media import FileSource, FletFiles
from app.device.permissions import FletPermissions, Permissions

PHONES = ("android", "ios")


@dataclass(frozen=True)
class DeviceKit:
    files: FileSource | None  # None on kiosks: nobody's own files on a shared screen
    permissions: Permissions | None  # None where nothing is asked (web, desktop)
    camera: bool = False  # phones: photos taken in the app
    locator: Locator | None = None  # phones: "use my location" in outage reports


def device_kit(settings: Settings, platform: str, is_web: bool) -> DeviceKit:
    if settings.is_kiosk:
        return DeviceKit(files=None, permissions=None)
    if is_web or platform not in PHONES:
        return DeviceKit(files=FletFiles(), permissions=None)
    permissions = FletPermissions()
    return DeviceKit(
        files=FletFiles(),
        permissions=permissions,
        camera=True,
        locator=FletLocator(permissions),
    )
