"""server/route_index.py: an included router answers "no" from the literal heads of its paths
without FastAPI trying its routes, and routing answers stay what FastAPI gives (404, 405,
path parameters, slash redirects)."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from server.route_index import filter_router, literal_heads

pytestmark = pytest.mark.anyio


def _app(counting: list[str]) -> tuple[FastAPI, APIRouter, APIRouter]:
    first = APIRouter(prefix="/accounts/{code}")
    second = APIRouter(prefix="/public")

    @first.get("/usage")
    async def usage(code: str) -> dict:
        return {"code": code}

    @second.get("/incidents/")
    async def incidents() -> list:
        return []

    @second.post("/reports")
    async def report() -> dict:
        return {"ok": True}

    for router, name in ((first, "first"), (second, "second")):
        for route in router.routes:
            assert isinstance(route, APIRoute)
            original = route.matches

            def counted(scope, original=original, name=name):
                counting.append(name)
                return original(scope)

            route.matches = counted  # type: ignore[method-assign]
    app = FastAPI()
    for router in (first, second):
        app.include_router(router, prefix="/api/v1")
        filter_router(router, "/api/v1")
        filter_router(router, "/api/v1")  # a second app: wrapped once, not twice
    return app, first, second


def test_heads_are_the_fixed_beginnings():
    router = APIRouter(prefix="/accounts/{code}")
    router.add_api_route("/bills", lambda: None)
    assert literal_heads(router, "/api/v1") == ("/api/v1/accounts",)
    assert literal_heads(APIRouter(), "/api/v1") is None


async def test_a_router_that_cannot_match_is_not_tried():
    tried: list[str] = []
    app, _, _ = _app(tried)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as c:
        r = await c.post("/api/v1/public/reports")
        assert r.status_code == 200 and r.json() == {"ok": True}
        assert "first" not in tried  # before the filter, its route was asked first
        tried.clear()
        assert (await c.get("/api/v1/accounts/PE1/usage")).json() == {"code": "PE1"}
        assert tried == ["first"] * len(tried) and tried  # the public router was skipped

        # FastAPI's answers are unchanged
        assert (await c.get("/api/v1/public/reports")).status_code == 405
        assert (await c.get("/api/v1/nowhere")).status_code == 404
        slash = await c.get("/api/v1/public/incidents")
        assert slash.status_code == 307 and slash.headers["location"].endswith("/incidents/")
