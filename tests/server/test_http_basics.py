"""Problem details for every error, security headers, body limit, CORS, OpenAPI, prod vs dev."""

from __future__ import annotations

import httpx
import pytest

from server.context import ServerContext
from server.main import create_app
from tests.server.dbfixtures import make_settings

PROBLEM = "application/problem+json"


async def test_framework_errors_are_problem_details(client):
    cases = [
        (await client.get("/no/such/route"), 404, "not_found"),
        (await client.put("/accounts"), 405, "method_not_allowed"),
        (
            await client.post(
                "/auth/login", content=b"{not json", headers={"content-type": "application/json"}
            ),
            422,
            "validation_failed",
        ),
        (await client.post("/auth/login", json={"phone": "0901234567"}), 422, "validation_failed"),
        (await client.get("/me"), 401, "unauthorized"),
        (
            await client.get("/me", headers={"Authorization": "Bearer abc.def.ghi"}),
            401,
            "unauthorized",
        ),
    ]
    for r, status, code in cases:
        assert r.status_code == status, r.text
        assert r.headers["content-type"] == PROBLEM
        body = r.json()
        assert body["status"] == status and body["code"] == code and body["title"] and body["type"]


async def test_validation_lists_each_field(client):
    r = await client.post(
        "/auth/register", json={"phone": "12", "otp": "abc", "password": "x", "full_name": ""}
    )
    fields = {e["field"] for e in r.json()["errors"]}
    assert {"phone", "otp", "password", "full_name"} <= fields


async def test_unknown_fields_are_refused(client):
    r = await client.post(
        "/auth/otp", json={"phone": "0901234567", "purpose": "login", "admin": True}
    )
    assert r.status_code == 422


async def test_security_headers_on_every_response(client):
    for r in (await client.get("/health"), await client.get("/nope")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


async def test_body_larger_than_the_limit_is_413(client):
    big = b'{"phone": "' + b"9" * 70_000 + b'"}'
    r = await client.post("/auth/login", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "payload_too_large"

    async def chunks():
        for _ in range(20):
            yield b" " * 8192

    r = await client.post(
        "/auth/login", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413


async def test_openapi_documents_problem_details(client):
    spec = (await client.get("/openapi.json")).json()
    assert "/api/v1/accounts/{code}/links/{link_id}/approve" in spec["paths"]
    op = spec["paths"]["/api/v1/auth/login"]["post"]
    assert PROBLEM in op["responses"]["401"]["content"]
    assert PROBLEM in op["responses"]["422"]["content"]


async def test_ready_and_health(client):
    assert (await client.get("/health")).json() == {"status": "ok"}
    assert (await client.get("/ready")).json() == {"status": "ready"}


@pytest.fixture
def prod_settings(tmp_path, db_url):
    return make_settings(
        tmp_path / "data",
        db_url,
        env="prod",
        secret_key="Sk3v-9ZrT_x81mWb2LpQe7HsYc0NdUaF4jGk",  # prod refuses guessable keys
        webhook_secret="Wh7q-2MnB_v40xLc9KpRe3TsZd8FuYaG1jHo",
        staff_key="St5w-8PyD_n63kQf1JrVa9XsMc2GbLeU0hTi",
        cors_origins=["https://app.diennha.vn"],
    )


async def test_production_has_no_dev_routes_and_a_cors_allow_list(prod_settings):
    ctx = ServerContext.build(prod_settings)
    app = create_app(ctx=ctx)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t/api/v1"
        ) as c:
            assert (await c.get("/dev/outbox")).status_code == 404
            assert (await c.get("/docs")).status_code == 404
            assert "/api/v1/dev/outbox" not in (await c.get("/openapi.json")).json()["paths"]
            ok = await c.options(
                "/auth/login",
                headers={
                    "Origin": "https://app.diennha.vn",
                    "Access-Control-Request-Method": "POST",
                },
            )
            assert ok.headers.get("access-control-allow-origin") == "https://app.diennha.vn"
            bad = await c.options(
                "/auth/login",
                headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
            )
            assert "access-control-allow-origin" not in bad.headers
            assert "strict-transport-security" in (await c.get("/health")).headers
    finally:
        await ctx.close()


async def test_unknown_query_parameters_are_refused(client):
    r = await client.get("/public/articles", params={"kind": "fraud", "lnag": "en"})
    assert r.status_code == 422 and "lnag" in r.json()["detail"]
    assert (
        await client.get("/public/articles", params={"kind": "fraud", "lang": "en"})
    ).status_code == 200


async def test_staff_routes_need_credentials_and_refuse_customers(api, client, demo):
    assert (await client.post("/admin/bill-run", json={"month": "2025-06"})).status_code == 401
    r = await client.post(
        "/admin/bill-run", json={"month": "2025-06"}, headers={"X-Staff-Key": "wrong"}
    )
    assert r.status_code == 403 and r.json()["code"] == "staff_only"
    customer = await api.headers("0901234567")
    r = await client.post("/admin/bill-run", json={"month": "2025-06"}, headers=customer)
    assert r.status_code == 403


async def test_ready_reports_a_dead_redis(tmp_path):
    s = make_settings(tmp_path / "data", None, redis_url="redis://127.0.0.1:1/0")
    from server import migrate

    migrate.upgrade(s)
    ctx = ServerContext.build(s)
    app = create_app(ctx=ctx)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t/api/v1"
        ) as c:
            r = await c.get("/ready")
            assert r.status_code == 503 and r.json()["detail"] == "The Redis is not reachable."
            assert (await c.get("/health")).status_code == 200
    finally:
        await ctx.close()


async def test_limits_fail_closed_when_redis_is_down(tmp_path):
    s = make_settings(tmp_path / "data", None, redis_url="redis://127.0.0.1:1/0")
    from server import migrate

    migrate.upgrade(s)
    ctx = ServerContext.build(s)
    app = create_app(ctx=ctx)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t/api/v1"
        ) as c:
            r = await c.post("/auth/otp", json={"phone": "0901234567", "purpose": "login"})
            assert r.status_code == 503 and r.json()["code"] == "temporarily_unavailable"
            assert r.headers["Retry-After"] == "5"
    finally:
        await ctx.close()
