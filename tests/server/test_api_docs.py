"""The API documents in docs/ are the ones the app serves (issue 15: the project documents its
own API inside the repository). Regenerate with `python -m scripts.openapi`."""

from __future__ import annotations

import json
import os
import secrets

import httpx
import pytest

from scripts import openapi
from server.config import Settings
from server.main import create_app


def test_the_documents_in_docs_are_current():
    stale = [str(p.relative_to(openapi.DOCS.parent)) for p in openapi.stale()]
    assert stale == [], f"stale: {stale}; run `{openapi.REGENERATE}` and commit docs/"


@pytest.mark.parametrize("env", ["prod", "dev"])
async def test_the_app_serves_exactly_the_committed_document(env, monkeypatch):
    """Built the way `serve` builds it (settings from the environment, real secrets in
    production), not the way the generator does: a setting that changed the document would
    show up here."""
    for name in [n for n in os.environ if n.startswith("DIENNHA_")]:
        monkeypatch.delenv(name)
    keys = {k: secrets.token_urlsafe(32) for k in ("secret_key", "webhook_secret", "staff_key")}
    app = create_app(Settings(env=env, **keys))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        served = (await client.get("/api/v1/openapi.json")).json()
    committed = json.loads(openapi.FILES[env].read_text(encoding="utf-8"))
    assert served == committed


def test_production_leaves_out_staff_and_development_routes():
    prod = json.loads(openapi.FILES["prod"].read_text(encoding="utf-8"))
    dev = json.loads(openapi.FILES["dev"].read_text(encoding="utf-8"))
    assert not [p for p in prod["paths"] if p.startswith(("/api/v1/admin", "/api/v1/dev"))]
    assert any(p.startswith("/api/v1/admin") for p in dev["paths"])
    assert set(prod["paths"]) < set(dev["paths"])


def test_the_human_page_indexes_every_route():
    page = openapi.API_MD.read_text(encoding="utf-8")
    dev = json.loads(openapi.FILES["dev"].read_text(encoding="utf-8"))
    missing = [p for p in dev["paths"] if f"`{p.removeprefix('/api/v1')}`" not in page]
    assert missing == []


def _integers(schema: object, where: str):
    """Every integer of a schema (nested properties, arrays, anyOf), with where it sits."""
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "integer":
        yield where, schema
    for key, sub in schema.get("properties", {}).items():
        yield from _integers(sub, f"{where}.{key}")
    yield from _integers(schema.get("items"), f"{where}[]")
    for option in schema.get("anyOf", []):
        yield from _integers(option, where)


def test_every_integer_a_caller_sends_has_a_maximum():
    """An unbounded integer in a URL or body overflows BIGINT and fails as a 500, not a 422
    (the fuzzer found `DELETE /me/api-tokens/10870096502765991886906720256`)."""
    spec = json.loads((openapi.DOCS / "openapi.dev.json").read_text())
    schemas = spec["components"]["schemas"]
    unbounded = []
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            found = [
                (f"{p['in']} {p['name']}", s)
                for p in op.get("parameters", [])
                for _, s in _integers(p.get("schema"), p["name"])
            ]
            for content in op.get("requestBody", {}).get("content", {}).values():
                ref = content.get("schema", {}).get("$ref", "")
                body = schemas.get(ref.rsplit("/", 1)[-1], content.get("schema"))
                found += list(_integers(body, "body"))
            unbounded += [f"{method.upper()} {path}: {w}" for w, s in found if "maximum" not in s]
    assert unbounded == []
