"""Serving the client to browsers (Flet's server-side web mode) with our name, icon and PWA
manifest: `flet_web.fastapi.app` takes the app name and description that `ft.run` does not
pass on, and reads `manifest.json`, `favicon.png` and `icons/` from assets/ before its own."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from app.config import Settings
from app.web_sessions import RECONNECT_S, env_seconds
from app.web_static import FirstLoad, version_of

DESCRIPTION = "Tra cứu sản lượng điện, hóa đơn, lịch cắt điện và thanh toán bằng mã QR."


def build_web_app(main: Callable, settings: Settings, assets_dir: Path):
    """The ASGI app: the Flet client at `/`, nothing else (the API is a separate service)."""
    import flet_web.fastapi as flet_fastapi
    from flet.controls.types import RouteUrlStrategy, WebRenderer

    app = flet_fastapi.FastAPI()
    app.add_middleware(NotFramedNotShared)
    if os.environ.get("DIENNHA_WEB_PLAIN_STATIC") != "1":  # compressed, versioned, no KaTeX
        from flet_web import get_package_web_dir

        version = version_of(Path(get_package_web_dir()), assets_dir)
        app.add_middleware(FirstLoad, version=version)
    app.mount(
        "/",
        flet_fastapi.app(
            main,
            assets_dir=str(assets_dir),
            app_name=settings.brand,
            app_short_name=settings.brand,
            app_description=DESCRIPTION,
            route_url_strategy=RouteUrlStrategy.PATH,
            no_cdn=True,  # CanvasKit and fonts from the flet-web package: works offline
            web_renderer=WebRenderer(settings.web_renderer),  # flet.toml [web] web_renderer
            # A closed tab is kept this long for a reload or a network blip, then evicted
            # (Flet's default is an hour of memory and a live token per closed tab).
            session_timeout_seconds=env_seconds("DIENNHA_WEB_RECONNECT_S", RECONNECT_S),
        ),
    )
    return app


class NotFramedNotShared:
    """No other site may frame the client (a clickjacking page over the sign-in or pay
    screens), and its files are not for other origins' scripts: Flet's web server sends
    `Access-Control-Allow-Origin: *` on every response, which this takes out again (CanvasKit
    and fonts come from this same origin: no_cdn)."""

    FRAMING = (
        (b"x-frame-options", b"DENY"),
        (b"content-security-policy", b"frame-ancestors 'none'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    )

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"access-control-allow-origin"
                ]
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.FRAMING if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_headers)


def serve(app, host: str, port: int) -> None:
    """uvicorn believes X-Forwarded-For only from FORWARDED_ALLOW_IPS (default this machine,
    where the reverse proxy runs): that is how page.client_ip becomes the browser's address,
    which the API calls then name in their own X-Forwarded-For."""
    import uvicorn

    uvicorn.run(
        app,
        host=host,
        port=port,
        ws="websockets-sansio",
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        log_level="warning",
    )
