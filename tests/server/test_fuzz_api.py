"""Schemathesis over the OpenAPI document against the in-process app: no 500s, every error is
problem+json, every response matches its documented schema and status codes."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from server import migrate
from server.context import ServerContext
from server.main import create_app
from server.seed.demo import DEMO_PASSWORD, seed_demo
from tests import figures
from tests.server.dbfixtures import make_settings

# Calls that would end the fuzzing user's own session or account halfway through the run.
SELF_DESTRUCTIVE = {
    ("DELETE", "/api/v1/me"),
    ("DELETE", "/api/v1/me/sessions/{session_id}"),
    ("POST", "/api/v1/me/password"),  # wrong current passwords would lock the user's phone
}
# Endless by design (Server-Sent Events); tested on its own in the notices tests.
STREAMS = {("GET", "/api/v1/notifications/stream")}
# Fields checked against the service catalogue (data, issue 16), beyond what the schema says:
# schema-valid fields can still be refused with 422 errors[{field, message}].
CATALOGUE_CHECKED = {("POST", "/api/v1/service-requests")}
# Rules between fields that JSON Schema cannot say of nullable fields, refused with a 422 that
# names them: an outage report's lat and lon go together, and it needs a code, a point or an
# address (tests/server/test_outage_reports.py holds each rule).
CROSS_FIELD_RULES = {("POST", "/api/v1/public/outage-reports")}
EXAMPLES = int(os.environ.get("DIENNHA_FUZZ_EXAMPLES", "25"))

# The schema is read at collection time, which runs the app's lifespan (its notice dispatcher
# polls the outbox): the file is migrated first, so that poll finds its table; the fixture
# below seeds it.
FUZZ_SETTINGS = make_settings(
    Path(tempfile.mkdtemp(prefix="diennha-fuzz-")),
    None,
    otp_rate_per_phone="1000/minute",
    link_requests_per_user="1000/minute",
)
migrate.upgrade(FUZZ_SETTINGS)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(FUZZ_SETTINGS))


@pytest.fixture(scope="module")
def token() -> str:
    asyncio.run(seed_demo(FUZZ_SETTINGS))

    async def sign_in() -> str:
        ctx = ServerContext.build(FUZZ_SETTINGS)
        try:
            transport = httpx.ASGITransport(app=create_app(ctx=ctx))
            async with httpx.AsyncClient(transport=transport, base_url="http://t/api/v1") as c:
                r = await c.post(
                    "/auth/login", json={"phone": "0901234567", "password": DEMO_PASSWORD}
                )
                return r.json()["access_token"]
        finally:
            await ctx.close()

    return asyncio.run(sign_in())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_fuzz(case, token):
    if (case.method.upper(), case.operation.path) in SELF_DESTRUCTIVE:
        pytest.skip("would delete the fuzzing user's own account or session")
    if (case.method.upper(), case.operation.path) in STREAMS:
        pytest.skip("an endless event stream")
    # Where the contract documents 400, schema-valid input can still break a business rule (a
    # wrong one-time code): "valid data must be accepted" does not hold there by design.
    documented = case.operation.definition.raw.get("responses", {})
    excluded = [positive_data_acceptance] if "400" in documented else []
    if (case.method.upper(), case.operation.path) in CATALOGUE_CHECKED | CROSS_FIELD_RULES:
        excluded = [positive_data_acceptance]
    headers = {"Authorization": f"Bearer {token}"}
    response = case.call(headers=headers)
    if response.status_code == 413:
        # An over-large body meets the documented 413 before any validation, whatever else is
        # wrong with it (the size of a JSON body is known only once it is written).
        body = response.request.body or b""
        sent = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
        assert len(sent) > FUZZ_SETTINGS.max_body_bytes, len(sent)
        excluded.append(negative_data_rejection)
    case.validate_response(response, excluded_checks=excluded, headers=headers)
    figures.record("api examples fuzzed", 1)
    assert response.status_code < 500
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/problem+json"), content_type
        assert {"type", "title", "status", "code"} <= set(response.json())
