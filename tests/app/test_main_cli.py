"""main.py: flags, and clear refusals before any window or server starts."""

from __future__ import annotations

import importlib.util
import os

import flet as ft
import pytest
from starlette.testclient import TestClient

import main


@pytest.fixture(autouse=True)
def restore_environment(monkeypatch):
    """run() sets these for the Flet server; put them back after each test."""
    for name in ("DIENNHA_PROFILE", "FLET_FORCE_WEB_SERVER", "FLET_WEB_NO_CDN"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_flags():
    args = main.parse_args(["--web", "--port", "8600", "--host", "0.0.0.0"])
    assert (args.web, args.port, args.host) == (True, 8600, "0.0.0.0")
    assert main.parse_args([]).web is False


def test_broken_config_exits_2_and_names_the_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DIENNHA_CONFIG", str(tmp_path / "missing.toml"))
    monkeypatch.setattr(ft, "run", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    assert main.run(["--web"]) == 2
    assert "missing.toml: file not found" in capsys.readouterr().err


def test_web_mode_serves_our_name_icon_and_manifest_without_cdn(monkeypatch):
    calls = []
    monkeypatch.setattr(main, "serve", lambda app, host, port: calls.append((app, host, port)))
    assert main.run(["--web", "--port", "8601"]) == 0
    [(app, host, port)] = calls
    assert (host, port) == ("127.0.0.1", 8601)
    assert os.environ["FLET_WEB_NO_CDN"] == "1"
    assert os.environ["DIENNHA_PROFILE"] == "web"  # memory token store
    with TestClient(app) as client:
        index = client.get("/").text
        assert "<title>Điện Nhà</title>" in index and "flet.noCdn=true" in index
        assert '"apple-mobile-web-app-title" content="Điện Nhà"' in index
        manifest = client.get("/manifest.json").json()
        assert manifest["name"] == manifest["short_name"] == "Điện Nhà"
        assert manifest["theme_color"] == "#0B5CAD"
        for icon in manifest["icons"]:
            served = client.get(f"/{icon['src']}")
            assert served.status_code == 200
            assert served.content == (main.ASSETS / icon["src"]).read_bytes()
        assert client.get("/favicon.png").content == (main.ASSETS / "favicon.png").read_bytes()


def test_desktop_without_runtime_explains(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "flet_desktop" else real(name)
    )
    monkeypatch.setattr(ft, "run", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    assert main.run([]) == 2
    assert "--web" in capsys.readouterr().err
