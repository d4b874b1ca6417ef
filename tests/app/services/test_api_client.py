"""ApiClient: bearer header, one shared refresh on 401, problem details -> AppError."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from app.services.api_client import ApiClient
from app.services.credentials import Credentials
from app.services.errors import (
    AuthError,
    ForbiddenError,
    NotFoundError,
    OfflineError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from app.services.token_store import MemoryTokenStore
from tests.app.fake_backend import BASE, FakeBackend, problem, tokens


async def test_sends_bearer_and_reads_json(api: ApiClient, backend: FakeBackend, store):
    await api.credentials.accept(httpx_tokens(1))
    backend.on("GET", "accounts", lambda r: httpx.Response(200, json=[r.headers["Authorization"]]))
    assert await api.get("accounts") == ["Bearer access-1"]


async def test_public_calls_carry_no_token(api: ApiClient, backend: FakeBackend):
    await api.credentials.accept(httpx_tokens(1))
    backend.on(
        "GET", "public/tariffs", lambda r: httpx.Response(200, json=r.headers.get("Authorization"))
    )
    assert await api.get("public/tariffs", auth=False) is None


async def test_401_refreshes_once_then_retries(api: ApiClient, backend: FakeBackend, store):
    await api.credentials.accept(httpx_tokens(1))
    backend.on("POST", "auth/refresh", lambda r: httpx.Response(200, json=tokens(2)))
    backend.on(
        "GET",
        "me",
        lambda r: (
            httpx.Response(200, json={"ok": True})
            if r.headers["Authorization"] == "Bearer access-2"
            else problem(401, "unauthorized")
        ),
    )
    assert await api.get("me") == {"ok": True}
    assert backend.paths() == ["GET me", "POST auth/refresh", "GET me"]
    assert FakeBackend.body(backend.calls[1]) == {"refresh_token": "refresh-1-0123456789"}
    assert await store.load() == "refresh-2-0123456789"  # rotated token kept


async def test_concurrent_401s_share_one_refresh(backend: FakeBackend, store):
    refreshes = 0

    async def refresh(_r):
        nonlocal refreshes
        refreshes += 1
        await asyncio.sleep(0.05)  # let the other requests pile up behind the lock
        return httpx.Response(200, json=tokens(2))

    async def me(r):
        await asyncio.sleep(0.01)
        if r.headers.get("Authorization") == "Bearer access-2":
            return httpx.Response(200, json={"ok": True})
        return problem(401, "unauthorized")

    backend.on("POST", "auth/refresh", refresh)
    backend.on("GET", "me", me)
    api = ApiClient(BASE, Credentials(store), transport=httpx.MockTransport(backend))
    await api.credentials.accept(httpx_tokens(1))
    results = await asyncio.gather(*(api.get("me") for _ in range(5)))
    await api.aclose()
    assert results == [{"ok": True}] * 5
    assert refreshes == 1


async def test_dead_refresh_token_signs_out(backend: FakeBackend, store):
    lost = []
    api = ApiClient(
        BASE,
        Credentials(store),
        transport=httpx.MockTransport(backend),
        on_session_lost=lambda: lost.append(True),
    )
    await api.credentials.accept(httpx_tokens(1))
    backend.on("GET", "me", lambda r: problem(401, "unauthorized"))
    backend.on("POST", "auth/refresh", lambda r: problem(401, "refresh_reused"))
    with pytest.raises(AuthError) as e:
        await api.get("me")
    await api.aclose()
    assert e.value.code == "session_expired"
    assert lost == [True]
    assert await store.load() is None and api.credentials.access_token is None


async def test_no_tokens_at_all_fails_without_calling(api: ApiClient, backend: FakeBackend):
    with pytest.raises(AuthError):
        await api.get("accounts")
    assert backend.calls == []


async def test_resume_session_uses_stored_refresh_token(api: ApiClient, backend, store):
    await store.save("refresh-1-0123456789")
    backend.on("POST", "auth/refresh", lambda r: httpx.Response(200, json=tokens(2)))
    assert await api.resume_session() is True
    assert api.credentials.access_token == "access-2"


@pytest.mark.parametrize(
    ("response", "kind", "code"),
    [
        (
            problem(422, "validation", errors=[{"field": "phone", "message": "bad"}]),
            ValidationError,
            "validation",
        ),
        (problem(404, "account_not_found"), NotFoundError, "account_not_found"),
        (problem(403, "link_not_approved"), ForbiddenError, "link_not_approved"),
        (problem(401, "invalid_credentials"), AuthError, "invalid_credentials"),
        (httpx.Response(500, text="boom"), ServerError, "server"),
        (httpx.Response(418, text="teapot"), ValidationError, "bad_request"),
    ],
)
async def test_problem_details_map_to_app_errors(api, backend, response, kind, code):
    backend.on("POST", "auth/login", lambda r: response)
    with pytest.raises(kind) as e:
        await api.post("auth/login", {"x": 1}, auth=False)
    assert e.value.code == code
    assert e.value.status == response.status_code


async def test_validation_fields_and_retry_after(api, backend):
    backend.on(
        "POST",
        "a",
        lambda r: problem(422, "validation", errors=[{"field": "phone", "message": "bad"}]),
    )
    backend.on(
        "POST",
        "b",
        lambda r: httpx.Response(
            429,
            json={"code": "rate_limited", "status": 429, "title": "t"},
            headers={"Retry-After": "42"},
        ),
    )
    with pytest.raises(ValidationError) as e:
        await api.post("a", {}, auth=False)
    assert e.value.fields == {"phone": "bad"}
    with pytest.raises(RateLimitedError) as r:
        await api.post("b", {}, auth=False)
    assert r.value.retry_after_s == 42


async def test_network_errors_are_offline_and_reported(store):
    seen: list[str] = []

    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    api = ApiClient(
        BASE, Credentials(store), transport=httpx.MockTransport(refuse), on_connectivity=seen.append
    )
    with pytest.raises(OfflineError) as e:
        await api.get("public/tariffs", auth=False)
    assert e.value.code == "offline" and seen == ["offline"]

    def slow(request):
        raise httpx.ReadTimeout("slow", request=request)

    api2 = ApiClient(BASE, Credentials(MemoryTokenStore()), transport=httpx.MockTransport(slow))
    with pytest.raises(OfflineError) as t:
        await api2.get("public/tariffs", auth=False)
    assert t.value.code == "timeout"
    await api.aclose()
    await api2.aclose()


async def test_a_dead_backend_is_unavailable_not_offline(store):
    """Issue 21.2: in web mode the browser reached us, so a refused API call is our service
    being down, not the person's network; a 502/503/504 says the same on any device."""
    seen: list[str] = []

    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    api = ApiClient(
        BASE,
        Credentials(store),
        transport=httpx.MockTransport(refuse),
        on_connectivity=seen.append,
        server_side=True,
    )
    with pytest.raises(OfflineError) as e:
        await api.get("public/tariffs", auth=False)
    assert e.value.code == "unavailable" and seen == ["unavailable"]

    def gateway(request):
        return httpx.Response(503, json={"code": "not_ready", "status": 503})

    seen2: list[str] = []
    api2 = ApiClient(
        BASE,
        Credentials(store),
        transport=httpx.MockTransport(gateway),
        on_connectivity=seen2.append,
    )
    with pytest.raises(ServerError) as e2:
        await api2.get("public/tariffs", auth=False)
    assert e2.value.code == "unavailable" and seen2 == ["unavailable"]
    await api.aclose()
    await api2.aclose()


def test_credentials_repr_hides_tokens(store):
    creds = Credentials(store)
    creds._access_token = "secret-access"
    assert "secret" not in repr(creds)


def httpx_tokens(n: int):
    from domain.models import Tokens

    return Tokens.model_validate(tokens(n))
