"""The client services against the real backend in-process (httpx.ASGITransport, SQLite).

register -> sign in -> add a customer code -> pending; plus refresh and sign-out everywhere.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from app.services.accounts_repository import AccountsRepository
from app.services.api_client import ApiClient
from app.services.auth_repository import AuthRepository
from app.services.credentials import Credentials
from app.services.errors import AuthError
from app.services.public_repository import PublicRepository
from app.services.token_store import MemoryTokenStore
from app.views.accounts.view_model import AccountsViewModel, AddAccountViewModel
from app.views.auth.view_model import (
    RegisterViewModel,
    ResetPasswordViewModel,
    SignInViewModel,
)

server_main = pytest.importorskip("server.main", reason="the backend is not importable")
from server import migrate  # noqa: E402
from server.config import Settings  # noqa: E402
from server.context import ServerContext  # noqa: E402
from server.seed.demo import seed_into  # noqa: E402

BASE = "http://diennha.test/api/v1"
NEW_PHONE = "0977000111"
PASSWORD = "MatKhau@2025"


@pytest.fixture
async def transport(tmp_path) -> AsyncIterator[httpx.ASGITransport]:
    settings = Settings(
        env="dev",
        data_dir=tmp_path / "data",
        otp_rate_per_phone="50/minute",
        otp_rate_per_ip="1000/minute",
        login_fail_per_ip="1000/minute",
    )
    migrate.upgrade(settings)
    ctx = ServerContext.build(settings)
    async with ctx.sessions() as session:
        await seed_into(session)
        await session.commit()
    yield httpx.ASGITransport(app=server_main.create_app(ctx=ctx), client=("127.0.0.1", 5000))
    await ctx.close()


async def latest_otp(transport: httpx.ASGITransport, phone: str) -> str:
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as dev:
        entries = (await dev.get("/dev/outbox", params={"to": phone})).json()
    return re.search(r"\b(\d{6})\b", entries[0]["body"]).group(1)


def client(transport, store=None) -> ApiClient:
    return ApiClient(BASE, Credentials(store or MemoryTokenStore()), transport=transport)


async def test_register_sign_in_add_code_pending(transport):
    api = client(transport)
    auth = AuthRepository(api, device="pytest")
    form = RegisterViewModel(
        auth=auth, phone=NEW_PHONE, full_name="Võ Thị Em", password=PASSWORD, consent=True
    )
    assert await form.send_otp(), form.error
    form.otp = await latest_otp(transport, NEW_PHONE)
    assert await form.submit(), form.error
    assert (await auth.me()).full_name == "Võ Thị Em"
    await auth.sign_out()
    await api.aclose()

    api = client(transport)
    auth = AuthRepository(api, device="pytest")
    sign_in = SignInViewModel(auth=auth, phone=NEW_PHONE, password=PASSWORD)
    assert await sign_in.submit(), sign_in.error
    repo = AccountsRepository(api)
    accounts = AccountsViewModel(repo=repo)
    await accounts.load()
    assert accounts.loaded and accounts.accounts == []

    add = AddAccountViewModel(repo=repo, code="pe01000123456", note="Con gái")
    assert await add.submit(), add.error
    assert add.result.status == "pending" and add.result.role == "member"
    assert "Nguyễn Văn An" not in add.result.name  # masked until the owner approves
    accounts.added(add.result)
    await accounts.load()
    assert [(a.customer_code, a.status) for a in accounts.accounts] == [
        ("PE01000123456", "pending")
    ]

    unknown = AddAccountViewModel(repo=repo, code="PE09999999999")
    assert not await unknown.submit()
    assert unknown.error.status == 404
    await api.aclose()


async def test_demo_owner_refresh_and_sign_out_everywhere(transport):
    store = MemoryTokenStore()
    api = client(transport, store)
    auth = AuthRepository(api)
    await auth.sign_in("0901234567", "DienNha@2025")
    first_refresh = await store.load()
    api.credentials._access_token = "expired-or-garbage"  # force the 401 -> refresh path
    codes = {a.customer_code for a in await AccountsRepository(api).list_accounts()}
    assert {"PE01000123456", "PD01000654321"} <= codes
    assert await store.load() != first_refresh  # rotated

    other_device = client(transport)
    await AuthRepository(other_device).sign_in("0901234567", "DienNha@2025")
    await auth.sign_out(everywhere=True)
    other_device.credentials._access_token = None  # next call must refresh, and cannot
    with pytest.raises(AuthError):
        await AccountsRepository(other_device).list_accounts()
    await api.aclose()
    await other_device.aclose()


async def test_wrong_password_maps_to_its_code(transport):
    api = client(transport)
    form = SignInViewModel(auth=AuthRepository(api), phone="0901234567", password="wrong")
    assert not await form.submit()
    assert form.error.code == "invalid_credentials"
    await api.aclose()


async def test_public_articles_from_the_server(transport):
    api = client(transport)
    articles = await PublicRepository(api).articles("fraud", "vi")
    assert articles and all(a.kind == "fraud" and a.language == "vi" for a in articles)
    await api.aclose()


async def test_forgotten_password_reset_then_sign_in(transport):
    api = client(transport)
    auth = AuthRepository(api)
    form = ResetPasswordViewModel(auth=auth, phone="0938000111")
    assert await form.send_otp(), form.error
    form.otp = await latest_otp(transport, "0938000111")
    form.new_password = "MatKhauMoi@2026"
    assert await form.submit(), form.error
    old = SignInViewModel(auth=auth, phone="0938000111", password="DienNha@2025")
    assert not await old.submit() and old.error.code == "invalid_credentials"
    new = SignInViewModel(auth=auth, phone="0938000111", password="MatKhauMoi@2026")
    assert await new.submit(), new.error
    await api.aclose()
