"""Repositories over httpx.MockTransport: request shapes and typed answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
import pytest
from pydantic import ValidationError as SchemaError

from app.services.accounts_repository import AccountsRepository
from app.services.auth_repository import AuthRepository
from app.services.errors import AuthError, NotFoundError, ServerError
from app.services.public_repository import PublicRepository
from domain.models import Tokens
from tests.app.fake_backend import FakeBackend, problem, tokens

ACCOUNT = {
    "customer_code": "PE01000123456",
    "role": "owner",
    "status": "approved",
    "name": "Nguyễn Văn An",
    "address": "12 Lê Lợi",
    "meter_type": "ami",
    "link_id": 1,
}
BREAKDOWN = {
    "kwh": "150",
    "subtotal": 300000,
    "vat_rate": "0.08",
    "vat": 24000,
    "total": 324000,
    "parts": [
        {
            "valid_from": "2025-05-10",
            "decision": "1279/QĐ-BCT",
            "days": 31,
            "kwh": "150",
            "tiers": [{"tier": 1, "width_kwh": 50, "kwh": "50", "price": 1984, "amount": 99200}],
        }
    ],
}


async def test_sign_in_keeps_tokens_where_they_belong(api, backend: FakeBackend, store):
    backend.on("POST", "auth/login", lambda r: httpx.Response(200, json=tokens(1)))
    auth = AuthRepository(api, device="test")
    await auth.sign_in("0901 234 567", "DienNha@2025")
    sent = FakeBackend.body(backend.calls[0])
    assert sent == {"phone": "+84901234567", "password": "DienNha@2025", "device": "test"}
    assert auth.signed_in and api.credentials.access_token == "access-1"
    assert await store.load() == "refresh-1-0123456789"


async def test_wrong_password_is_an_auth_error_and_keeps_nothing(api, backend, store):
    backend.on("POST", "auth/login", lambda r: problem(401, "invalid_credentials"))
    with pytest.raises(AuthError) as e:
        await AuthRepository(api).sign_in("0901234567", "nope")
    assert e.value.code == "invalid_credentials"
    assert await store.load() is None
    assert [r.url.path for r in backend.calls] == ["/api/v1/auth/login"]  # no refresh dance


async def test_register_and_otp_flows(api, backend: FakeBackend):
    backend.on("POST", "auth/otp", lambda r: httpx.Response(202, json={"detail": "sent"}))
    backend.on("POST", "auth/register", lambda r: httpx.Response(201, json=tokens(1)))
    backend.on("POST", "auth/login/otp", lambda r: httpx.Response(200, json=tokens(2)))
    backend.on("POST", "auth/password/reset", lambda r: httpx.Response(204))
    auth = AuthRepository(api)
    await auth.request_otp("0912345678", "register")
    await auth.register("0912345678", "123456", "MatKhau@1", "Trần Bình", "vi")
    await auth.sign_in_with_otp("0912345678", "654321")
    await auth.reset_password("0912345678", "111111", "MatKhauMoi@2")
    bodies = [FakeBackend.body(c) for c in backend.calls]
    assert bodies[0] == {"phone": "+84912345678", "purpose": "register"}
    assert bodies[1]["consents"] == {"service": True} and bodies[1]["full_name"] == "Trần Bình"
    assert bodies[3] == {"phone": "+84912345678", "otp": "111111", "new_password": "MatKhauMoi@2"}
    assert api.credentials.access_token == "access-2"


async def test_sign_out_everywhere_revokes_then_forgets(api, backend: FakeBackend, store):
    backend.on("POST", "auth/login", lambda r: httpx.Response(200, json=tokens(1)))
    backend.on("POST", "auth/logout", lambda r: httpx.Response(204))
    auth = AuthRepository(api)
    await auth.sign_in("0901234567", "DienNha@2025")
    await auth.sign_out(everywhere=True)
    assert FakeBackend.body(backend.calls[-1]) == {
        "refresh_token": "refresh-1-0123456789",
        "everywhere": True,
    }
    assert await store.load() is None and not auth.signed_in


async def test_sign_out_forgets_locally_even_if_server_fails(api, backend, store):
    backend.on("POST", "auth/login", lambda r: httpx.Response(200, json=tokens(1)))
    backend.on("POST", "auth/logout", lambda r: httpx.Response(503))
    auth = AuthRepository(api)
    await auth.sign_in("0901234567", "DienNha@2025")
    with pytest.raises(ServerError):
        await auth.sign_out()
    assert await store.load() is None and not auth.signed_in


async def test_accounts_list_and_link_request(api, backend: FakeBackend):
    await api.credentials.accept(Tokens(**tokens(1)))
    pending = {
        **ACCOUNT,
        "customer_code": "PD01000654321",
        "role": "member",
        "status": "pending",
        "name": "N*** V** A*",
        "address": "***",
        "link_id": 2,
    }
    backend.on("GET", "accounts", [ACCOUNT])
    backend.on("POST", "accounts/links", lambda r: httpx.Response(201, json=pending))
    repo = AccountsRepository(api)
    [account] = await repo.list_accounts()
    assert account.customer_code == "PE01000123456" and account.status == "approved"
    created = await repo.request_link("pd01000654321", "Con gái")
    assert created.status == "pending"
    assert FakeBackend.body(backend.calls[-1]) == {
        "customer_code": "PD01000654321",
        "note": "Con gái",
    }


async def test_unknown_code_is_not_found(api, backend: FakeBackend):
    await api.credentials.accept(Tokens(**tokens(1)))
    backend.on("POST", "accounts/links", lambda r: problem(404, "account_not_found"))
    with pytest.raises(NotFoundError):
        await AccountsRepository(api).request_link("PE09999999999")


async def test_public_calls(api, backend: FakeBackend):
    backend.on(
        "GET",
        "public/articles",
        lambda r: httpx.Response(
            200,
            json=[
                {
                    "id": 1,
                    "kind": r.url.params["kind"],
                    "slug": "a",
                    "language": r.url.params["lang"],
                    "title": "T",
                    "summary": "S",
                    "body": "B",
                    "published_at": "2025-06-01T00:00:00Z",
                }
            ],
        ),
    )
    backend.on("POST", "public/estimate", lambda r: httpx.Response(200, json=BREAKDOWN))
    backend.on(
        "GET",
        "public/outages",
        lambda r: httpx.Response(
            200,
            json=[
                {
                    "id": 7,
                    "area": r.url.params["customer_code"],
                    "starts_at": "2025-06-10T01:00:00Z",
                    "ends_at": "2025-06-10T09:00:00Z",
                    "reason": "Bảo trì",
                    "status": "planned",
                }
            ],
        ),
    )
    backend.on(
        "GET",
        "public/tariffs",
        {
            "tables": [
                {
                    "valid_from": "2025-05-10",
                    "decision": "1279/QĐ-BCT",
                    "tiers": [{"tier": 1, "from_kwh": 0, "to_kwh": 50, "price": 1984}],
                }
            ],
            "vat_rates": [],
        },
    )
    public = PublicRepository(api)
    [article] = await public.articles("fraud", "en")
    assert (article.kind, article.language) == ("fraud", "en")
    breakdown = await public.estimate(Decimal("150"), date(2025, 5, 1), date(2025, 5, 31), 2)
    assert breakdown.total == 324000 and breakdown.parts[0].tiers[0].price == 1984
    assert FakeBackend.body(backend.calls[1]) == {
        "kwh": "150",
        "period_start": "2025-05-01",
        "period_end": "2025-05-31",
        "households": 2,
    }
    [outage] = await public.outages("PE01000123456")
    assert outage.area == "PE01000123456" and outage.starts_at.tzinfo is not None
    tariffs = await public.tariffs()
    assert tariffs.tables[0].tiers[0].to_kwh == 50
    assert all("Authorization" not in c.headers for c in backend.calls)


async def test_bad_input_is_refused_before_sending(api, backend: FakeBackend):
    with pytest.raises(SchemaError):
        await PublicRepository(api).estimate(Decimal(10), date(2025, 5, 31), date(2025, 5, 1))
    with pytest.raises(SchemaError):
        await AuthRepository(api).request_otp("12345", "login")
    assert backend.calls == []
