"""main.py: flags, and clear refusals before any window or server starts."""

from __future__ import annotations

import importlib.util
import os

import flet as ft
import pytest

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


def test_web_mode_serves_without_cdn_or_browser(monkeypatch):
    calls = []
    monkeypatch.setattr(ft, "run", lambda target, **kw: calls.append(kw))
    assert main.run(["--web", "--port", "8601"]) == 0
    [kw] = calls
    assert kw["no_cdn"] is True and kw["port"] == 8601 and kw["host"] == "127.0.0.1"
    assert kw["view"] == ft.AppView.WEB_BROWSER
    assert os.environ["FLET_FORCE_WEB_SERVER"] == "true"  # never opens a browser
    assert os.environ["DIENNHA_PROFILE"] == "web"  # memory token store


def test_desktop_without_runtime_explains(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "flet_desktop" else real(name)
    )
    monkeypatch.setattr(ft, "run", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    assert main.run([]) == 2
    assert "--web" in capsys.readouterr().err
