"""Client hardening (issue 10): tokens never in logs or files outside the TokenStore, https
for any backend but this machine, only allow-listed links opened, the browser's address
forwarded in web mode. (The fraud warning's two taps from either home: tests/e2e.)"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import httpx
import pytest

from app.app_state import AppState
from app.config import ConfigError, load_settings
from app.services.api_client import ApiClient, forwarding_headers
from app.services.credentials import Credentials
from app.services.links_policy import LinksPolicy, open_link
from app.services.preferences import FilePreferences, MemoryPreferences, app_data_dir
from app.services.token_store import MemoryTokenStore
from app.session import build_session
from app.views.auth.view_model import SignInViewModel
from tests.app.fake_backend import BASE, FakeBackend, problem

ACCESS_1 = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLW9uZQ"
ACCESS_2 = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJlLXR3bw"
REFRESH_1, REFRESH_2 = "rt-first-4f3e2d1c0b9a", "rt-second-8a7b6c5d4e3f"
PASSWORD, OTP = "DienNha@2025", "481516"
SECRETS = (ACCESS_1, ACCESS_2, REFRESH_1, REFRESH_2, PASSWORD, OTP)


def flow_backend() -> FakeBackend:
    """Sign in, a 401 that forces one refresh, a retried call, sign-out."""
    backend = FakeBackend()
    pair = {"token_type": "bearer", "expires_in": 900}
    backend.on("POST", "auth/login", pair | {"access_token": ACCESS_1, "refresh_token": REFRESH_1})
    backend.on(
        "POST", "auth/login/otp", pair | {"access_token": ACCESS_1, "refresh_token": REFRESH_1}
    )
    backend.on(
        "POST", "auth/refresh", pair | {"access_token": ACCESS_2, "refresh_token": REFRESH_2}
    )
    backend.on("POST", "auth/logout", 204)

    def accounts(request: httpx.Request) -> httpx.Response:
        if request.headers.get("authorization") == f"Bearer {ACCESS_2}":
            return httpx.Response(200, json=[])
        return problem(401, "token_expired")

    backend.on("GET", "accounts", accounts)
    return backend


async def full_flow(api: ApiClient, prefs=None) -> None:
    auth_state = build_auth(api, prefs)
    form = SignInViewModel(auth=auth_state.auth, phone="0901234567", password=PASSWORD)
    assert await form.submit(), form.error
    otp_form = SignInViewModel(auth=auth_state.auth, phone="0901234567", mode="otp", otp=OTP)
    assert await otp_form.submit(), otp_form.error
    auth_state.signed_in()
    auth_state.set_locale("en")
    assert await api.get("accounts") == []  # 401 -> refresh -> retry
    await auth_state.sign_out()


def build_auth(api: ApiClient, prefs) -> AppState:
    from app.services.auth_repository import AuthRepository

    return AppState(auth=AuthRepository(api, device="pytest"), prefs=prefs or MemoryPreferences())


async def test_no_token_password_or_code_reaches_any_log(caplog, capsys):
    backend = flow_backend()
    store = MemoryTokenStore()
    api = ApiClient(BASE, Credentials(store), transport=httpx.MockTransport(backend))
    with caplog.at_level(logging.DEBUG):  # every logger, httpx's own included
        await full_flow(api)
    await api.aclose()
    assert "POST auth/refresh" in backend.paths()  # the refresh really happened
    printed = capsys.readouterr()
    logged = caplog.text + printed.out + printed.err + repr(api.credentials)
    assert caplog.records, "nothing was logged at DEBUG: the test would prove nothing"
    for secret in SECRETS:
        assert secret not in logged, secret


async def test_no_token_lands_in_home_temp_or_data_dirs(tmp_path, monkeypatch):
    home, temp, data = tmp_path / "home", tmp_path / "tmp", tmp_path / "data"
    for d in (home, temp, data):
        d.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(data))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    store = MemoryTokenStore()
    api = ApiClient(BASE, Credentials(store), transport=httpx.MockTransport(flow_backend()))
    await full_flow(api, FilePreferences(app_data_dir()))
    await api.aclose()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files, "the preferences file should exist (or this proves nothing)"
    for path in files:
        content = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in content, (path, secret)
        assert not re.search(rb"eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}", content), path


@pytest.mark.parametrize(
    "url",
    ["http://api.diennha.vn/api/v1", "http://10.0.0.5:8000/api/v1", "ws://127.0.0.1/api"],
)
def test_a_plain_http_backend_elsewhere_is_refused_at_start(url, tmp_path):
    with pytest.raises(ConfigError, match=r"https|http\(s\)"):
        load_settings(environ={"DIENNHA_API_URL": url})


def test_https_backend_and_this_machine_are_accepted():
    for url in ("https://api.diennha.vn/api/v1", "http://127.0.0.1:8000/api/v1"):
        assert load_settings(environ={"DIENNHA_API_URL": url}).api_url == url


POLICY = LinksPolicy(["diennha.vn", "play.google.com"])


@pytest.mark.parametrize(
    "url",
    [
        "https://diennha.vn/",
        "https://www.diennha.vn/ho-tro?x=1",
        "https://play.google.com/store/apps/details?id=vn.diennha.app",
        "HTTPS://DIENNHA.VN/path",
    ],
)
def test_official_https_links_pass(url):
    assert POLICY.allowed(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://diennha.vn/",  # not https
        "https://diennha.vn.evil.example/",  # lookalike suffix
        "https://evildiennha.vn/",  # not a subdomain
        "https://diennha.vn@evil.example/",  # user-info trick
        "https://user:pw@diennha.vn/",
        "https://diennha.vn:8443/",  # another port
        "https://203.0.113.5/",  # a bare address
        "javascript:alert(1)",
        "file:///etc/passwd",
        "intent://scan/#Intent;scheme=zxing;end",
        "https://xn--dinnh-xqa3a.vn/",  # punycode lookalike
        "",
        "https://[::1",
    ],
)
def test_everything_else_is_refused(url):
    assert not POLICY.allowed(url)


async def test_open_link_launches_only_what_passes(caplog):
    opened: list[str] = []

    async def launch(url: str) -> None:
        opened.append(url)

    assert await open_link(POLICY, "https://diennha.vn/lien-he", launch)
    with caplog.at_level(logging.WARNING):
        assert not await open_link(POLICY, "https://diennha-thanhtoan.top/pay?bill=1", launch)
    assert opened == ["https://diennha.vn/lien-he"]
    assert "diennha-thanhtoan.top" in caplog.text and "bill=1" not in caplog.text


def test_every_launch_url_in_the_app_goes_through_the_policy():
    app = Path(__file__).resolve().parents[2] / "app"
    offenders = [
        f"{p.relative_to(app.parent)}:{n}"
        for p in app.rglob("*.py")
        if p.name != "links_policy.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "launch_url" in line and "open_link" not in line
    ]
    assert offenders == []


def test_the_kiosk_opens_no_outside_link_at_all():
    kiosk = build_session(
        load_settings(environ={"DIENNHA_PROFILE": "kiosk"}), MemoryTokenStore(), MemoryPreferences()
    )
    assert not kiosk.services.link_policy.allowed("https://diennha.vn/")
    mobile = build_session(load_settings(environ={}), MemoryTokenStore(), MemoryPreferences())
    assert mobile.services.link_policy.allowed("https://diennha.vn/")


async def test_web_calls_name_the_browser_address(store):
    backend = FakeBackend()
    backend.on("GET", "public/tariffs", {"tables": [], "vat": []})
    api = ApiClient(
        BASE,
        Credentials(store),
        transport=httpx.MockTransport(backend),
        forwarded_for="203.0.113.9",
    )
    await api.get("public/tariffs", auth=False)
    await api.aclose()
    assert backend.calls[0].headers["x-forwarded-for"] == "203.0.113.9"


def test_no_forwarded_header_without_a_valid_address():
    assert forwarding_headers(None) == {}
    assert forwarding_headers("") == {}
    assert forwarding_headers("1.2.3.4, 5.6.7.8") == {}  # never pass a chain through
    assert forwarding_headers("2001:db8::1") == {"X-Forwarded-For": "2001:db8::1"}


@pytest.fixture
def store() -> MemoryTokenStore:
    return MemoryTokenStore()
