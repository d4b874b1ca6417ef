"""Finding 10 of issue 14: an invoice is not kept by kiosks and shared devices, the web client
cannot be framed and its files are not shared with other origins, and production's OpenAPI
document does not list the staff routes."""

from __future__ import annotations

import httpx
import pytest

from app.config import load_settings
from app.web_host import build_web_app
from server.main import create_app
from tests.server.api import OWNER, OWNER_CODE
from tests.server.dbfixtures import make_settings

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
STRONG = {
    "secret_key": "Sk3v-9ZrT_x81mWb2LpQe7HsYc0NdUaF4jGk",
    "webhook_secret": "Wh7q-2MnB_v40xLc9KpRe3TsZd8FuYaG1jHo",
    "staff_key": "St5w-8PyD_n63kQf1JrVa9XsMc2GbLeU0hTi",
}


@pytest.mark.usefixtures("billing_demo")
async def test_an_invoice_pdf_is_not_stored_anywhere(api, client):
    h = await api.headers(OWNER)
    bills = (await client.get(f"/accounts/{OWNER_CODE}/bills", headers=h)).json()
    r = await client.get(f"/accounts/{OWNER_CODE}/bills/{bills[0]['id']}/invoice.pdf", headers=h)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert r.headers["cache-control"] == "no-store"


def test_every_cache_control_the_api_sets_is_no_store():
    """The class: a route that sets its own Cache-Control wins over the middleware's no-store."""
    found = []
    for path in (ROOT / "server").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if '"Cache-Control"' in line and "no-store" not in line:
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, found


async def test_the_web_client_cannot_be_framed_nor_read_by_other_origins(tmp_path):
    async def main(page) -> None:  # never runs: only files are asked for
        raise AssertionError

    web = build_web_app(main, load_settings(environ={"DIENNHA_PROFILE": "web"}), ROOT / "assets")
    transport = httpx.ASGITransport(app=web)
    async with httpx.AsyncClient(transport=transport, base_url="http://web") as c:
        for path in ("/", "/manifest.json", "/flutter_bootstrap.js", "/no-such-file"):
            r = await c.get(path, headers={"Origin": "https://evil.example"})
            assert r.headers.get("x-frame-options") == "DENY", path
            assert "frame-ancestors 'none'" in r.headers.get("content-security-policy", ""), path
            assert "access-control-allow-origin" not in r.headers, path


def test_the_proxy_forbids_framing_and_drops_the_cors_wildcard():
    caddy = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    for line in ("X-Frame-Options DENY", "Content-Security-Policy \"frame-ancestors 'none'\"",
                 "-Access-Control-Allow-Origin"):  # fmt: skip
        assert line in caddy, line


async def test_production_openapi_has_no_staff_routes(tmp_path):
    settings = make_settings(tmp_path / "data", None, env="prod", **STRONG)
    prod = create_app(settings=settings)
    transport = httpx.ASGITransport(app=prod)
    async with httpx.AsyncClient(transport=transport, base_url="http://test/api/v1") as c:
        r = await c.get("/openapi.json")
    assert r.status_code == 200, r.text
    doc = r.json()
    assert not [p for p in doc["paths"] if "/admin" in p], list(doc["paths"])
    assert "/api/v1/payments/webhook" in doc["paths"] and "/api/v1/auth/login" in doc["paths"]
    assert "OutageIn" not in doc["components"]["schemas"]
    assert all("staff" not in op.get("tags", []) for ops in doc["paths"].values()
               for op in ops.values())  # fmt: skip
