"""flet.toml + environment -> Settings; broken input names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import DEFAULT_FILE, ConfigError, load_settings

GOOD = """
[app]
brand = "Điện Nhà"
api_url = "https://api.diennha.vn/api/v1/"
default_locale = "vi"
[mobile]
token_store = "auto"
[kiosk]
token_store = "memory"
otp_only = true
idle_sign_out_s = 90
[web]
token_store = "memory"
port = 9000
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "flet.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_repository_flet_toml_loads():
    settings = load_settings(DEFAULT_FILE, environ={})
    assert settings.api_url.endswith("/api/v1")
    assert settings.profile == "mobile" and settings.default_locale == "vi"


def test_profile_and_url_from_environment(tmp_path):
    env = {"DIENNHA_PROFILE": "kiosk", "DIENNHA_API_URL": "http://localhost:8123/api/v1"}
    settings = load_settings(write(tmp_path, GOOD), environ=env)
    assert settings.profile == "kiosk" and settings.is_kiosk
    assert settings.otp_only and settings.idle_sign_out_s == 90
    assert settings.token_store == "memory"
    assert settings.api_url == "http://localhost:8123/api/v1"


def test_defaults_and_trailing_slash(tmp_path):
    settings = load_settings(write(tmp_path, GOOD), environ={})
    assert settings.api_url == "https://api.diennha.vn/api/v1"
    assert settings.otp_only is False and settings.request_timeout_s == 15


def test_settings_are_frozen(tmp_path):
    settings = load_settings(write(tmp_path, GOOD), environ={})
    with pytest.raises(AttributeError):
        settings.api_url = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "env", "names"),
    [
        (GOOD.replace('api_url = "https://api.diennha.vn/api/v1/"', ""), {}, "app.api_url"),
        (GOOD.replace("[kiosk]", "[kioskx]"), {"DIENNHA_PROFILE": "kiosk"}, "[kiosk]"),
        (GOOD, {"DIENNHA_PROFILE": "tv"}, "DIENNHA_PROFILE"),
        (GOOD.replace("port = 9000", 'port = "9000"'), {"DIENNHA_PROFILE": "web"}, "web.port"),
        (
            GOOD.replace("otp_only = true", "otp_only = 1"),
            {"DIENNHA_PROFILE": "kiosk"},
            "kiosk.otp_only",
        ),
        (GOOD.replace('"vi"', '"fr"'), {}, "app.default_locale"),
        (GOOD.replace('token_store = "auto"', 'token_store = "file"'), {}, "mobile.token_store"),
        (GOOD + "\n[oops", {}, "not valid TOML"),
    ],
)
def test_broken_config_names_file_and_key(tmp_path, text, env, names):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        load_settings(path, environ=env)
    assert str(path) in str(e.value) and names in str(e.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"flet\.toml: file not found"):
        load_settings(tmp_path / "flet.toml", environ={})


@pytest.mark.parametrize(
    "url", ["http://api.diennha.vn/api/v1", "http://10.0.0.5:8000/api/v1", "ftp://x/y", "api"]
)
def test_tls_required_for_remote_backends(tmp_path, url):
    with pytest.raises(ConfigError, match="DIENNHA_API_URL"):
        load_settings(write(tmp_path, GOOD), environ={"DIENNHA_API_URL": url})


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_plain_http_allowed_on_this_machine(tmp_path, host):
    url = f"http://{host}:8000/api/v1"
    assert load_settings(write(tmp_path, GOOD), environ={"DIENNHA_API_URL": url}).api_url == url


def test_web_renderer_is_canvaskit_unless_chosen(tmp_path):
    path = write(tmp_path, GOOD)
    assert load_settings(path, environ={"DIENNHA_PROFILE": "web"}).web_renderer == "canvaskit"
    chosen = GOOD.replace("port = 9000", 'port = 9000\nweb_renderer = "auto"')
    assert (
        load_settings(write(tmp_path, chosen), environ={"DIENNHA_PROFILE": "web"}).web_renderer
        == "auto"
    )
    env = {"DIENNHA_PROFILE": "web", "DIENNHA_WEB_RENDERER": "skwasm"}
    assert load_settings(path, environ=env).web_renderer == "skwasm"
    repo = load_settings(DEFAULT_FILE, environ={"DIENNHA_PROFILE": "web"})
    assert repo.web_renderer == "canvaskit"


def test_unknown_web_renderer_names_the_key(tmp_path):
    path = write(tmp_path, GOOD)
    with pytest.raises(ConfigError, match=r"web\.web_renderer.*DIENNHA_WEB_RENDERER.*html"):
        load_settings(path, environ={"DIENNHA_PROFILE": "web", "DIENNHA_WEB_RENDERER": "html"})
