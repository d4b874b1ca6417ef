"""Personal API tokens: shown once and stored hashed, read-only on every route the OpenAPI
document lists, scoped, bound to codes, revoked or expired at once, dying with a member's link,
and visible in the code's audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from server.models import ApiToken, utcnow
from server.security import token_digest
from tests.security.routes import concrete, operations
from tests.server.api import MEMBER, OTHER_CODE, OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.api_token_support import bearer, make_token

pytestmark = pytest.mark.usefixtures("demo")
DAILY = f"/accounts/{OWNER_CODE}/usage/daily"


async def test_shown_once_stored_hashed_listed_with_last_use_and_audited(api, client, ctx):
    made = await make_token(api, OWNER, scopes=["read:usage", "read:bills"])
    assert made["token"].startswith("dnp_") and made["hint"] == made["token"][:8]
    owner = await api.headers(OWNER)
    listed = (await client.get("/me/api-tokens", headers=owner)).json()
    assert [t["id"] for t in listed] == [made["id"]] and "token" not in listed[0]
    assert listed[0]["last_used_at"] is None
    async with ctx.sessions() as session:
        row = await session.get(ApiToken, made["id"])
        assert row.token_hash == token_digest(made["token"]) != made["token"]
    r = await client.get(DAILY, headers=bearer(made))
    assert r.status_code == 200, r.text
    assert (
        await client.get(f"/accounts/{OWNER_CODE}/bills", headers=bearer(made))
    ).status_code == 200
    assert (await client.get("/me/api-tokens", headers=owner)).json()[0]["last_used_at"]
    audit = (await client.get(f"/accounts/{OWNER_CODE}/audit", headers=owner)).json()
    reads = [a for a in audit if a["action"] == "api_token_read"]
    assert len(reads) == 1  # the first read of the day, not every call
    assert f"token #{made['id']} 'Home Assistant'" in reads[0]["detail"]


async def test_every_write_route_and_every_other_route_refuses_a_token(api, client, app):
    token = bearer(
        await make_token(api, OWNER, scopes=["read:usage", "read:bills", "read:outages"])
    )
    writes, others, tried = [], [], 0
    for method, path, op in operations(app):
        if not op.get("security"):
            continue
        r = await client.request(method, concrete(path), headers=token, json={"x": 1})
        tried += 1
        refused = r.status_code == 403 and r.json().get("code") == "insufficient_scope"
        if method != "GET" and not refused:
            writes.append((method, path, r.status_code))
        if method == "GET" and not path.startswith("/accounts/{code}") and not refused:
            others.append((method, path, r.status_code))
    assert tried > 30
    assert writes == [], "write routes a personal token reached"
    assert others == [], "routes outside the token scopes a personal token reached"


async def test_scopes_and_bound_codes(api, client):
    bills_only = bearer(await make_token(api, OWNER, scopes=["read:bills"]))
    r = await client.get(DAILY, headers=bills_only)
    assert (r.status_code, r.json()["code"]) == (403, "insufficient_scope")
    bound = bearer(await make_token(api, OWNER, customer_codes=[OWNER_CODE]))
    assert (await client.get(DAILY, headers=bound)).status_code == 200
    other = await client.get(f"/accounts/{OWNER_MANUAL_CODE}/usage/monthly", headers=bound)
    assert (other.status_code, other.json()["code"]) == (404, "account_not_found")
    foreign = await client.get(f"/accounts/{OTHER_CODE}/usage/monthly", headers=bound)
    assert foreign.status_code == 404
    r = await client.post(
        "/me/api-tokens",
        json={"name": "x", "scopes": ["read:usage"], "customer_codes": [OTHER_CODE]},
        headers=await api.headers(OWNER),
    )
    assert (r.status_code, r.json()["code"]) == (404, "account_not_found")
    r = await client.post(
        "/me/api-tokens",
        json={"name": "x", "scopes": ["write:bills"]},
        headers=await api.headers(OWNER),
    )
    assert r.status_code == 422


async def test_revoked_and_expired_tokens_are_refused_at_once(api, client, ctx):
    made = await make_token(api, OWNER)
    assert (await client.get(DAILY, headers=bearer(made))).status_code == 200
    owner = await api.headers(OWNER)
    assert (await client.delete(f"/me/api-tokens/{made['id']}", headers=owner)).status_code == 204
    r = await client.get(DAILY, headers=bearer(made))
    assert (r.status_code, r.json()["code"]) == (401, "unauthorized")
    assert (await client.get("/me/api-tokens", headers=owner)).json() == []
    assert (await client.delete(f"/me/api-tokens/{made['id']}", headers=owner)).status_code == 404
    later = await make_token(api, OWNER)
    assert (await client.get(DAILY, headers=bearer(later))).status_code == 200
    async with ctx.sessions() as session:
        await session.execute(
            update(ApiToken)
            .where(ApiToken.id == later["id"])
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()
    assert (await client.get(DAILY, headers=bearer(later))).status_code == 401
    assert (await client.get(DAILY, headers=bearer("dnp_" + "x" * 43))).status_code == 401


async def test_a_members_token_dies_with_the_link(api, client, ctx):
    bound = await make_token(api, MEMBER, customer_codes=[OWNER_CODE])
    loose = await make_token(api, MEMBER)
    assert (await client.get(DAILY, headers=bearer(bound))).status_code == 200
    owner = await api.headers(OWNER)
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
    [member] = [lk for lk in links if lk["role"] == "member" and lk["status"] == "approved"]
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{member['id']}/revoke", headers=owner)
    assert r.status_code == 200, r.text
    r = await client.get(DAILY, headers=bearer(bound))
    assert (r.status_code, r.json()["code"]) == (401, "unauthorized")
    async with ctx.sessions() as session:
        row = await session.scalar(select(ApiToken).where(ApiToken.id == bound["id"]))
        assert row.revoked_at is not None  # dead for good, not just refused this once
    r = await client.get(DAILY, headers=bearer(loose))  # never reaches the code it lost
    assert r.status_code == 403 and r.json()["code"] == "link_not_approved"
