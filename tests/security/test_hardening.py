"""Hardening over the whole API: security headers on every route and every kind of error, no
stack trace or SQL in any error body (a forced internal error, a broken database), CORS only
for allow-listed origins, the body size limit on every method that takes a body."""

from __future__ import annotations

import logging
import re

import httpx
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from server.context import ServerContext
from server.db import create_session_factory
from server.main import create_app
from server.services.service_requests.attachments import UPLOAD_BODY_LIMIT
from tests import figures
from tests.security.routes import concrete, operations
from tests.server.api import OWNER
from tests.server.dbfixtures import make_settings

REQUIRED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
}
# What must never reach a caller: traces, SQL, driver and file names, server paths.
LEAKS = re.compile(
    r"Traceback|File \"|\bline \d+|SELECT |INSERT |UPDATE |FROM \w|sqlalchemy|sqlite|psycopg|"
    r"asyncpg|OperationalError|IntegrityError|RuntimeError|/work/|site-packages|password_hash",
    re.IGNORECASE,
)


def hardened(r: httpx.Response) -> list[str]:
    """What is wrong with one response (empty when nothing is)."""
    wrong = [f"{k}={r.headers.get(k)!r}" for k, v in REQUIRED.items() if r.headers.get(k) != v]
    if "frame-ancestors 'none'" not in r.headers.get("content-security-policy", ""):
        wrong.append("content-security-policy")
    if r.status_code >= 400:
        if r.headers.get("content-type") != "application/problem+json":
            wrong.append(f"content-type {r.headers.get('content-type')}")
        if LEAKS.search(r.text):
            wrong.append(f"leaks: {r.text[:160]}")
    return wrong


def _boom_app(ctx) -> object:
    app = create_app(ctx=ctx)

    async def boom():
        raise RuntimeError('SELECT password_hash FROM users -- File "/work/main/server/x.py"')

    app.add_api_route("/api/v1/test-only/boom", boom)
    return app


async def test_headers_and_problem_bodies_on_every_route_and_error(app, client):
    failures, checked = [], 0
    for method, path, _ in operations(app):
        if path == "/notifications/stream":
            continue  # endless when signed in; its 401 is covered by the route-auth test
        for body in (None, {"unexpected": "x" * 10}):
            r = await client.request(method, concrete(path), json=body)
            checked += 1
            failures += [f"{method} {path} {r.status_code}: {w}" for w in hardened(r)]
    extra = [
        await client.get("/no/such/route"),
        await client.delete("/public/tariffs"),  # 405
        await client.post(
            "/auth/login", content=b"{", headers={"content-type": "application/json"}
        ),
        await client.post(
            "/auth/login", content=b"\xff\xfe", headers={"content-type": "application/json"}
        ),
        await client.post("/auth/login", content=b"x" * 70_000),  # 413
        await client.get("/public/articles", params={"kind": "' OR 1=1 --"}),
        await client.get("/public/articles/" + "%00" * 10),
    ]
    for r in extra:
        checked += 1
        failures += [
            f"{r.request.method} {r.request.url.path} {r.status_code}: {w}" for w in hardened(r)
        ]
    figures.record("hardening responses checked", checked)
    assert not failures, "\n".join(failures)


async def test_an_internal_error_answers_the_generic_problem(ctx, caplog):
    app = _boom_app(ctx)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        with caplog.at_level(logging.ERROR, logger="diennha.errors"):
            r = await c.get("/api/v1/test-only/boom")
    assert r.status_code == 500
    assert r.json() == {
        "type": "https://diennha.vn/problems/internal-error",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "Something went wrong on our side.",
        "code": "internal_error",
    }
    assert hardened(r) == []
    assert "RuntimeError" in caplog.text  # the trace is kept, in the log


async def test_a_lost_database_connection_is_a_503_to_retry(ctx):
    from sqlalchemy.exc import OperationalError

    app = create_app(ctx=ctx)

    async def dropped():
        err = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        err.connection_invalidated = True
        raise err

    app.add_api_route("/api/v1/test-only/dropped", dropped)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        r = await c.get("/api/v1/test-only/dropped")
    assert (r.status_code, r.json()["code"]) == (503, "temporarily_unavailable")
    assert r.headers["retry-after"] == "1" and hardened(r) == []


async def test_a_broken_database_answers_the_generic_problem(settings, tmp_path, api, demo):
    """The database goes away under a signed-in user: 500 problems without SQL or driver
    detail, and the security headers still on."""
    headers = await api.headers(OWNER)
    broken = ServerContext.build(settings)
    # Swap in sessions on a database that cannot be opened, as if the disk or server vanished.
    bad = create_async_engine(f"sqlite+aiosqlite:///{tmp_path}/missing/dir/db.sqlite3")
    broken.sessions = create_session_factory(bad)
    app = create_app(ctx=broken)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t/api/v1") as c:
            for path in ("/me", "/accounts", f"/accounts/{'PE01000123456'}/bills"):
                r = await c.get(path, headers=headers)
                assert r.status_code == 500, (path, r.text)
                assert r.json()["code"] == "internal_error" and hardened(r) == [], r.text
            r = await c.post("/auth/login", json={"phone": OWNER, "password": "x" * 8})
            assert r.status_code == 500 and hardened(r) == []
    finally:
        await bad.dispose()
        await broken.close()


@pytest.fixture
def cors_settings(tmp_path, db_url):
    return make_settings(tmp_path / "data", db_url, cors_origins=["https://app.diennha.vn"])


async def test_cors_answers_only_allow_listed_origins_even_on_errors(cors_settings):
    ctx = ServerContext.build(cors_settings)
    app = _boom_app(ctx)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    good, evil = "https://app.diennha.vn", "https://app.diennha.vn.evil.example"
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            for origin in (evil, "null", "http://app.diennha.vn", "https://APP.diennha.vn.", ""):
                r = await c.options(
                    "/api/v1/auth/login",
                    headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
                )
                assert "access-control-allow-origin" not in r.headers, origin
                r = await c.get("/api/v1/health", headers={"Origin": origin})
                assert "access-control-allow-origin" not in r.headers, origin
            for path in ("/api/v1/health", "/api/v1/me", "/api/v1/test-only/boom"):
                r = await c.get(path, headers={"Origin": good})
                assert r.headers.get("access-control-allow-origin") == good, path
                assert "access-control-allow-credentials" not in r.headers  # bearer, no cookies
            pre = await c.options(
                "/api/v1/auth/login",
                headers={
                    "Origin": good,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "X-Staff-Key",
                },
            )
            assert pre.status_code == 400  # the staff key is not a browser header
    finally:
        await ctx.close()


async def test_body_limit_on_every_route_that_takes_a_body(app, client):
    big = b'{"x": "' + b"9" * 70_000 + b'"}'
    failures = []
    for method, path, op in operations(app):
        if "requestBody" not in op:
            continue
        url = concrete(path)
        # upload routes (attachments, hazard photos) have a larger limit of their own (one
        # file and its envelope)
        upload = path.endswith(("/attachments", "/photo"))
        body = b"9" * (UPLOAD_BODY_LIMIT + 1) if upload else big
        r = await client.request(
            method, url, content=body, headers={"content-type": "application/json"}
        )
        if r.status_code != 413 or r.json()["code"] != "payload_too_large":
            failures.append(f"{method} {path}: {r.status_code}")

        chunks = 10 if body is big else UPLOAD_BODY_LIMIT // 8192 + 2

        async def chunked(chunks=chunks):  # no Content-Length: counted as it arrives
            for _ in range(chunks):
                yield b" " * 8192

        r = await client.request(
            method, url, content=chunked(), headers={"content-type": "application/json"}
        )
        # an upload is refused before its body is read when the caller is not signed in (401)
        # or the request is not multipart (422: a hazard photo needs no sign-in); a body read
        # past the limit would have been a 413 from the middleware, which counts every byte
        refused = {413, 401, 422} if upload else {413}
        if r.status_code not in refused:
            failures.append(f"{method} {path} chunked: {r.status_code}")
    assert not failures, failures
