"""Điện Nhà client entry point: a desktop window, or `--web --port PORT` to serve browsers."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

import flet as ft

from app.app import make_main
from app.config import ConfigError, load_settings
from app.web_host import build_web_app, serve

ASSETS = Path(__file__).resolve().parent / "assets"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description=__doc__)
    parser.add_argument(
        "--web", action="store_true", help="serve the web client (no browser is opened)"
    )
    parser.add_argument("--port", type=int, help="web port (default: [web].port in flet.toml)")
    parser.add_argument("--host", help="web host (default: [web].host in flet.toml)")
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.web:
        os.environ.setdefault("DIENNHA_PROFILE", "web")
    try:
        settings = load_settings()
    except ConfigError as e:
        print(f"Điện Nhà: {e}", file=sys.stderr)
        return 2
    if args.web:
        host = args.host or settings.web_host
        port = args.port or settings.web_port
        # Serve only: never a browser on the server. No CDN: CanvasKit and fonts come
        # from the flet-web package, so it works offline and behind firewalls.
        os.environ["FLET_WEB_NO_CDN"] = "1"
        print(f"Điện Nhà web client on http://{host}:{port}/ (API {settings.api_url})", flush=True)
        serve(build_web_app(make_main(settings), settings, ASSETS), host, port)
        return 0
    if importlib.util.find_spec("flet_desktop") is None:
        print(
            "Điện Nhà: Flet's desktop runtime is not installed here "
            "(pip install flet-desktop), or run `python main.py --web`.",
            file=sys.stderr,
        )
        return 2
    ft.run(make_main(settings), assets_dir=str(ASSETS))
    return 0


if __name__ == "__main__":
    sys.exit(run())
