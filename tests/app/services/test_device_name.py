"""Signed-in devices are told apart by browser and system, not all "Điện Nhà web" (21.12)."""

from __future__ import annotations

from app.services.device_name import device_name

CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
SAMSUNG_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36"
)


def test_web_sign_ins_name_the_browser_and_system():
    assert device_name("web", "linux", CHROME_LINUX) == "Chrome, Linux (web)"
    assert device_name("web", "ios", SAFARI_IPHONE) == "Safari, iPhone (web)"
    assert device_name("web", "windows", EDGE_WINDOWS) == "Edge, Windows (web)"
    assert device_name("web", "android", SAMSUNG_ANDROID) == "Samsung Internet, Android (web)"
    assert device_name("web", "", None) == "Điện Nhà web"


def test_apps_name_the_platform():
    assert device_name("mobile", "android", None) == "Điện Nhà Android"
    assert device_name("mobile", "ios", None) == "Điện Nhà iOS"
    assert device_name("kiosk", "windows", None) == "Điện Nhà kiosk"
