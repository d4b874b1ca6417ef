"""No token ever lands in a file: the app's data directory, or the OS vault in clear text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.app_state import AppState
from app.services.accounts_repository import AccountsRepository
from app.services.api_client import ApiClient
from app.services.auth_repository import AuthRepository
from app.services.credentials import Credentials
from app.services.preferences import FilePreferences, app_data_dir
from app.services.token_store import KeyringTokenStore
from app.views.accounts.view_model import AccountsViewModel
from app.views.auth.view_model import SignInViewModel
from tests.app.fake_backend import BASE, FakeBackend
from tests.app.services.test_token_store import DictVault

ROOT = Path(__file__).resolve().parents[3]
ACCESS = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dGVzdC1zaWduYXR1cmUtYWJj"
REFRESH = "rt-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
JWT = re.compile(rb"eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}")


async def test_sign_in_writes_nothing_token_like_to_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(tmp_path / "data"))
    backend = FakeBackend()
    backend.on(
        "POST",
        "auth/login",
        {
            "access_token": ACCESS,
            "refresh_token": REFRESH,
            "token_type": "bearer",
            "expires_in": 900,
        },
    )
    backend.on("GET", "accounts", [])
    vault = DictVault()
    api = ApiClient(
        BASE,
        Credentials(KeyringTokenStore("acct", backend=vault)),
        transport=httpx.MockTransport(backend),
    )
    auth = AuthRepository(api)
    state = AppState(auth=auth, prefs=FilePreferences(app_data_dir()))
    form = SignInViewModel(auth=auth, phone="0901234567", password="DienNha@2025")
    assert await form.submit()
    state.signed_in()
    state.set_locale("en")
    state.set_theme("dark")
    await AccountsViewModel(repo=AccountsRepository(api)).load()
    await api.aclose()

    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert files, "preferences should have been written (otherwise this test proves nothing)"
    for path in files:
        data = path.read_bytes()
        assert REFRESH.encode() not in data and ACCESS.encode() not in data, path
        assert not JWT.search(data), path
        assert b"token" not in data.lower(), path
    assert list(vault.items.values()) == [REFRESH]  # the one secret went to the vault


def _secret_service_available() -> str | None:
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if not shutil.which(tool):
            return f"{tool} is not installed (apt-get install dbus gnome-keyring)"
    return None


@pytest.mark.slow
@pytest.mark.skipif(bool(_secret_service_available()), reason=str(_secret_service_available()))
def test_real_keyring_keeps_the_refresh_token_encrypted(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_"))}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "share"))
    script = (
        "echo -n probe-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null "
        f"2>&1; exec {sys.executable} -m tests.app.keyring_probe"
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        pytest.skip(f"no Secret Service could start here: {result.stderr.strip()[-300:]}")
    report = json.loads(lines[-1])
    assert report["backend"] == "keyring.backends.SecretService"
    assert report["loaded"] == "probe-refresh-token-7f3a9c1e5b"
    assert report["leaks"] == []  # not in ~/.local/share/keyrings in clear, nor anywhere else
