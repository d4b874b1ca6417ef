"""Broken object-level authorisation (OWASP API1): every account route × every kind of caller."""

from __future__ import annotations

import re

import pytest

from server.seed.demo import CONTRACTS
from tests.server.api import MEMBER, OWNER, OWNER_CODE, PENDING, UNKNOWN_CODE
from tests.server.bola_matrix import MATRIX, RESOLVERS
from tests.server.tenant_support import make_tenant

pytestmark = pytest.mark.usefixtures("demo")
CALLERS = ["stranger", "pending", "denied", "revoked", "member", "tenant", "owner"]
PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}
CONTRACT = next(c for c in CONTRACTS if c[0] == OWNER_CODE)
SECRETS = [CONTRACT[2], CONTRACT[3], CONTRACT[1], CONTRACT[1].replace("+84", "0")]


async def _callers(api, client) -> dict[str, dict]:
    """Headers of one person in each relation to OWNER_CODE."""
    owner = await api.headers(OWNER)
    people = {
        "owner": owner,
        "member": await api.headers(MEMBER),
        "pending": await api.headers(PENDING),
    }
    for role, phone in (
        ("denied", "0361111111"),
        ("revoked", "0362222222"),
        ("stranger", "0363333333"),
    ):
        tokens = await api.register(phone)
        people[role] = {"Authorization": f"Bearer {tokens['access_token']}"}
        if role == "stranger":
            continue
        r = await client.post(
            "/accounts/links", json={"customer_code": OWNER_CODE}, headers=people[role]
        )
        link_id = r.json()["link_id"]
        if role == "denied":
            await client.post(f"/accounts/{OWNER_CODE}/links/{link_id}/deny", headers=owner)
        else:
            await client.post(f"/accounts/{OWNER_CODE}/links/{link_id}/approve", headers=owner)
            await client.post(f"/accounts/{OWNER_CODE}/links/{link_id}/revoke", headers=owner)
    tenant = await make_tenant(api, client, owner, OWNER_CODE, "0364444444")
    people["tenant"] = tenant.headers
    return people


def _expected(kind: str, caller: str, ok: frozenset[int]) -> set[int]:
    if caller == "stranger":
        return {404}
    if kind == "waiting":  # only a request still waiting: reminded now or told to wait
        return set(ok) if caller == "pending" else {404}
    if kind == "self":
        return set(ok) if caller != "owner" else {409}
    if caller in ("pending", "denied", "revoked"):
        return {403}
    if kind == "tenant":  # a tenant's own room: tenants only
        return set(ok) if caller == "tenant" else {403}
    if caller == "tenant":  # the household's data and the owner's routes: never a tenant
        return {403}
    if kind == "owner" and caller == "member":
        return {403}
    return set(ok)


# The problem code each refusal must carry (beyond link_not_approved for waiting callers).
def _refusal_code(kind: str, caller: str) -> str | None:
    if kind == "tenant" and caller in ("member", "owner"):
        return "tenant_only"
    if kind in ("data", "owner") and caller == "tenant":
        return "tenant_room_only"
    return None


async def _call(client, method, path, rule, headers):
    return await client.request(method, path, headers=headers, params=rule.query, json=rule.body)


async def _fill(api, client, owner_headers, template: str, code: str) -> str:
    path = template.replace("{code}", code)
    for name in re.findall(r"{(\w+)}", path):
        path = path.replace(
            "{" + name + "}", await RESOLVERS[name](api, client, owner_headers, code)
        )
    return path


async def test_bola_matrix(api, client):
    people = await _callers(api, client)
    failures = []
    for (method, template), rule in MATRIX.items():
        for caller in CALLERS:
            path = await _fill(api, client, people["owner"], template, OWNER_CODE)
            r = await _call(client, method, path, rule, people[caller])
            want = _expected(rule.kind, caller, rule.ok)
            if r.status_code not in want:
                failures.append(
                    f"{method} {template} as {caller}: {r.status_code}, want {sorted(want)}"
                )
            if r.status_code in (403, 404):
                body = r.json()
                if set(body) - PROBLEM_KEYS or any(s in r.text for s in SECRETS):
                    failures.append(f"{method} {template} as {caller}: leaks {r.text[:120]}")
                if caller in ("pending", "denied", "revoked") and r.status_code == 403:
                    if rule.kind != "self" and body["code"] != "link_not_approved":
                        failures.append(f"{method} {template} as {caller}: code {body['code']}")
                want_code = _refusal_code(rule.kind, caller)
                if want_code and body.get("code") != want_code:
                    failures.append(f"{method} {template} as {caller}: code {body.get('code')}")
            elif caller == "tenant" and any(s in r.text for s in SECRETS):
                failures.append(f"{method} {template} as tenant: leaks {r.text[:120]}")
    assert not failures, "\n".join(failures)


async def test_unknown_code_and_someone_elses_code_answer_the_same(api, client):
    people = await _callers(api, client)
    for (method, template), rule in MATRIX.items():
        if "{link_id}" in template:
            continue
        unknown = await _call(
            client, method, template.replace("{code}", UNKNOWN_CODE), rule, people["stranger"]
        )
        foreign = await _call(
            client, method, template.replace("{code}", OWNER_CODE), rule, people["stranger"]
        )
        assert unknown.status_code == foreign.status_code == 404, template
        assert unknown.json() == foreign.json(), template


def test_every_account_route_is_in_the_matrix(app):
    routes = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, ops in app.openapi()["paths"].items()
        if path.startswith("/api/v1/accounts/{code}")
        for method in ops
    }
    missing = routes - set(MATRIX)
    assert not missing, f"routes without a BOLA matrix entry: {sorted(missing)}"
    stale = set(MATRIX) - routes
    assert not stale, f"matrix entries for routes that no longer exist: {sorted(stale)}"
