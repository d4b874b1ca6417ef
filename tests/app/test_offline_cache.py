"""Last data offline: kept encrypted with a vault-held key, served when the backend cannot be
reached (with its time on the banner), refreshed when it can, wiped on sign-out and link end."""

from __future__ import annotations

import asyncio
from datetime import date

import httpx
import pytest

from app.app_state import AppState
from app.config import load_settings
from app.offline.cache import FILE_NAME, OfflineCache, offline_cache
from app.offline.follow import OfflineFollower
from app.offline.sync import OfflineSync
from app.services.accounts_repository import AccountsRepository
from app.services.api_client import ApiClient
from app.services.auth_repository import AuthRepository
from app.services.bill_repository import BillRepository
from app.services.credentials import Credentials
from app.services.errors import OfflineError
from app.services.outage_repository import OutageRepository
from app.services.preferences import MemoryPreferences
from app.services.token_store import MemoryTokenStore
from app.services.usage_repository import UsageRepository
from domain import clock
from tests.app.fake_backend import BASE, FakeBackend, tokens

CODE, OTHER = "PE09000777123", "PE09000555321"
NAME, ADDRESS, TOTAL = "Trần Thị Bích Ngọc", "45 Hai Bà Trưng, Phường Bến Nghé", 1_734_567


class Vault(MemoryTokenStore):
    """Stands in for the OS vault (keyring/Keystore): a secret that outlives the process."""

    kind = "keyring"


def account(code: str, status: str = "approved") -> dict:
    return {
        "customer_code": code,
        "role": "owner",
        "status": status,
        "name": NAME,
        "address": ADDRESS,
        "meter_type": "ami",
        "link_id": 7,
    }


def bill(code: str) -> dict:
    return {
        "id": 31,
        "customer_code": code,
        "period_start": "2026-10-15",
        "period_end": "2026-11-14",
        "invoice_serial": "1K26TAA",
        "invoice_no": "0098765",
        "kwh": "612",
        "total": TOTAL,
        "due_date": "2026-11-30",
        "status": "unpaid",
    }


def fill(backend: FakeBackend, codes: tuple[str, ...] = (CODE, OTHER)) -> None:
    backend.on("POST", "auth/refresh", tokens(2))
    backend.on("GET", "accounts", [account(c) for c in codes])
    for c in codes:
        backend.on("GET", f"accounts/{c}/bills", [bill(c)])
        backend.on(
            "GET",
            f"accounts/{c}/usage/monthly",
            [{"month": "2026-11", "kwh": "612", "amount": TOTAL}],
        )
        backend.on("GET", f"accounts/{c}/outages", [])


class Down:
    """A transport whose network is gone."""

    def __call__(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("network unreachable", request=request)


def client(handler, vault_dir, vault, refresh: MemoryTokenStore, state: AppState | None = None):
    cache = OfflineCache(vault_dir, vault)
    api = ApiClient(
        BASE,
        Credentials(refresh),
        transport=httpx.MockTransport(handler),
        cache=cache,
        on_cached=state.showing_saved if state else None,
        on_connectivity=state.report_connectivity if state else None,
    )
    sync = OfflineSync(
        api,
        AccountsRepository(api),
        BillRepository(api),
        UsageRepository(api),
        OutageRepository(api),
    )
    return api, cache, sync


@pytest.fixture
def vault() -> Vault:
    return Vault()


@pytest.fixture
async def refresh() -> MemoryTokenStore:
    store = MemoryTokenStore()
    await store.save("refresh-1-0123456789")
    return store


async def test_a_failing_transport_shows_the_kept_data_with_its_time(tmp_path, vault, refresh):
    backend = FakeBackend()
    fill(backend)
    with clock.shifted_to(date(2026, 12, 3)):
        api, _, sync = client(backend, tmp_path, vault, refresh)
        assert await sync.refresh()
        saved = clock.now()
        await api.aclose()

    # The next launch, with no network: still signed in, the last data on screen.
    with clock.shifted_to(date(2026, 12, 4)):
        state = AppState(auth=None, prefs=MemoryPreferences())  # type: ignore[arg-type]
        api, _, sync = client(Down(), tmp_path, vault, refresh, state)
        auth = AuthRepository(api)
        assert await auth.resume()  # a refresh token and kept data: stay signed in offline
        listed = await AccountsRepository(api).list_accounts()
        assert [a.customer_code for a in listed] == [CODE, OTHER]
        assert listed[0].name == NAME
        bills = await BillRepository(api).bills(CODE, 2026)
        assert bills[0].total == TOTAL
        today = clock.today()
        usage = await UsageRepository(api).monthly(OTHER, date(2025, 1, 1), today)
        assert usage[0].amount == TOTAL  # another window than the one kept: the newest serves
        assert state.offline and state.connection == "offline"
        assert state.data_as_of is not None and abs((state.data_as_of - saved).total_seconds()) < 5
        assert not await sync.refresh()  # served from the cache: not counted as refreshed
        with pytest.raises(OfflineError):  # nothing kept for this one: the error stays
            await BillRepository(api).bill(CODE, 99)
        await api.aclose()


async def test_back_online_the_data_is_fetched_again_and_the_time_cleared(tmp_path, vault, refresh):
    backend = FakeBackend()
    fill(backend)
    state = AppState(auth=None, prefs=MemoryPreferences())  # type: ignore[arg-type]
    up = {"on": False}

    def flaky(request: httpx.Request) -> httpx.Response:
        if not up["on"]:
            raise httpx.ConnectError("down", request=request)
        return backend(request)

    api, _c, sync = client(backend, tmp_path, vault, refresh, state)
    assert await sync.refresh()
    await api.aclose()
    api, _cache, sync = client(flaky, tmp_path, vault, refresh, state)
    await AccountsRepository(api).list_accounts()
    assert state.data_as_of is not None
    up["on"] = True
    backend.on("GET", "accounts", [account(CODE)])
    assert [a.customer_code for a in await AccountsRepository(api).list_accounts()] == [CODE]
    assert state.data_as_of is None and not state.offline
    await api.aclose()


async def test_the_file_on_disk_holds_nothing_readable(tmp_path, vault, refresh):
    backend = FakeBackend()
    fill(backend)
    api, _, sync = client(backend, tmp_path, vault, refresh)
    assert await sync.refresh()
    await api.aclose()
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]
    raw = (tmp_path / FILE_NAME).read_bytes()
    for secret in (NAME, ADDRESS, CODE, OTHER, str(TOTAL), "1.734.567", "612", "Bến Nghé"):
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in raw, secret
    for text in (NAME.split()[-1], "PE09", "accounts", "bills"):
        assert text.encode() not in raw
    assert (tmp_path / FILE_NAME).stat().st_mode & 0o077 == 0  # the owner only
    key = await vault.load()
    assert key and key.encode() not in raw


async def test_without_its_key_or_tampered_the_file_is_dropped(tmp_path, vault, refresh):
    backend = FakeBackend()
    fill(backend)
    api, _c, sync = client(backend, tmp_path, vault, refresh)
    assert await sync.refresh()
    await api.aclose()
    path = tmp_path / FILE_NAME
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    assert await OfflineCache(tmp_path, vault).lookup("accounts", None) is None
    assert not path.exists()
    api, _cache, sync = client(backend, tmp_path, vault, refresh)
    assert await sync.refresh()
    await vault.clear()
    assert await OfflineCache(tmp_path, vault).lookup("accounts", None) is None
    assert not path.exists()
    await api.aclose()


async def test_sign_out_leaves_nothing(tmp_path, vault, refresh):
    backend = FakeBackend()
    fill(backend)
    backend.on("POST", "auth/logout", 204)
    api, cache, sync = client(backend, tmp_path, vault, refresh)
    state = AppState(auth=AuthRepository(api), prefs=MemoryPreferences())
    state.signed_in()
    follower = OfflineFollower(cache, sync)
    follower.follow(state)
    await follower._task
    assert (tmp_path / FILE_NAME).exists() and await vault.load()
    await state.sign_out()
    assert list(tmp_path.iterdir()) == []
    assert await vault.load() is None and await refresh.load() is None
    assert await OfflineCache(tmp_path, vault).lookup("accounts", None) is None
    await api.aclose()


async def test_a_lost_session_wipes_too(tmp_path, vault, refresh):
    backend = FakeBackend()
    fill(backend)
    api, cache, sync = client(backend, tmp_path, vault, refresh)
    assert await sync.refresh()
    state = AppState(auth=AuthRepository(api), prefs=MemoryPreferences())
    state.signed_in()
    OfflineFollower(cache, sync).follow(state)
    state.session_lost()  # e.g. signed out everywhere from another device
    for _ in range(100):  # the wipe runs as a task (session_lost is called synchronously)
        if not list(tmp_path.iterdir()) and await vault.load() is None:
            break
        await asyncio.sleep(0.01)
    assert list(tmp_path.iterdir()) == []
    assert await vault.load() is None
    await api.aclose()


async def test_a_link_that_ends_takes_its_codes_data(tmp_path, vault, refresh):
    backend = FakeBackend()
    fill(backend)
    api, cache, sync = client(backend, tmp_path, vault, refresh)
    assert await sync.refresh()
    assert await cache.saved_codes() == {CODE, OTHER}
    backend.on("GET", "accounts", [account(CODE), account(OTHER, status="revoked")])
    await AccountsRepository(api).list_accounts()
    assert await cache.saved_codes() == {CODE}
    assert await OfflineCache(tmp_path, vault).saved_codes() == {CODE}  # on disk too
    await api.aclose()


def test_never_on_kiosks_or_the_web(tmp_path):
    for profile in ("kiosk", "web"):
        settings = load_settings(environ={"DIENNHA_PROFILE": profile})
        assert offline_cache(settings, "linux") is None
    # A desktop with no OS vault keeps nothing either (the key would die with the process).
    mobile = load_settings(environ={"DIENNHA_PROFILE": "mobile", "DIENNHA_TOKEN_STORE": "memory"})
    assert offline_cache(mobile, "linux") is None


async def test_the_session_wires_the_cache_to_the_banner(tmp_path, vault, refresh):
    from app.session import build_session

    backend = FakeBackend()
    fill(backend)
    settings = load_settings(environ={"DIENNHA_PROFILE": "mobile"})
    api, _cache, sync = client(backend, tmp_path, vault, refresh)
    assert await sync.refresh()
    await api.aclose()
    session = build_session(
        settings,
        refresh,
        MemoryPreferences(),
        transport=httpx.MockTransport(Down()),
        offline=OfflineCache(tmp_path, vault),
    )
    assert session.offline is not None
    await session.state.start()
    assert session.state.session == "signed_in"
    await session.accounts.load()
    assert [a.customer_code for a in session.accounts.accounts] == [CODE, OTHER]
    assert session.state.offline and session.state.data_as_of is not None
    await session.api.aclose()
