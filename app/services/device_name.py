"""The name a sign-in gives its device, shown in the signed-in devices list and the new-sign-in
notice: the browser and system on the web (not every one "Điện Nhà web"), else the platform."""

from __future__ import annotations

# First match wins: Edge and Samsung Internet also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("OPR/", "Opera"),
    ("coc_coc_browser/", "Cốc Cốc"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("CriOS/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)
_PLATFORMS = {"android": "Android", "ios": "iOS", "windows": "Windows", "macos": "macOS"}


def device_name(profile: str, platform: str, user_agent: str | None) -> str:
    if profile == "web" and user_agent:
        browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
        system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
        if browser or system:
            return f"{', '.join(p for p in (browser, system) if p)} (web)"
    if profile == "mobile" and platform in _PLATFORMS:
        return f"Điện Nhà {_PLATFORMS[platform]}"
    return f"Điện Nhà {profile}"
