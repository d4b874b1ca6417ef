"""Object-level authorisation of service requests: every route × stranger, pending, member,
owner, other owner and staff, on a request filed by the owner and one filed by a member."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.server.api import MEMBER, OTHER_OWNER, OWNER, OWNER_CODE, PENDING
from tests.server.service_bola_matrix import SR_MATRIX
from tests.server.service_support import STAFF, file_and_sign, norm_body

pytestmark = pytest.mark.usefixtures("demo")
CALLERS = ["stranger", "pending", "member", "owner", "other_owner", "staff"]
CHECK = {"type": "meter_check", "customer_code": OWNER_CODE, "fields": {"reason": "Số nhảy"}}


async def _people(api) -> dict[str, dict]:
    tokens = await api.register("0367777777")
    return {
        "stranger": {"Authorization": f"Bearer {tokens['access_token']}"},
        "pending": await api.headers(PENDING),
        "member": await api.headers(MEMBER),
        "owner": await api.headers(OWNER),
        "other_owner": await api.headers(OTHER_OWNER),
        "staff": STAFF,
    }


async def _fresh(client, people, filer: str) -> int:
    body = norm_body(OWNER_CODE) if filer == "owner" else CHECK
    r = await client.post("/service-requests", json=body, headers=people[filer])
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "JPEG")
    return out.getvalue()


async def _path(client, people, filer: str, template: str) -> str:
    rid = await _fresh(client, people, filer)
    path = template.replace("{request_id}", str(rid))
    if "{attachment_id}" in path:
        r = await client.post(
            f"/service-requests/{rid}/attachments",
            files={"file": ("a.jpg", _jpeg(), "image/jpeg")},
            headers=people[filer],
        )
        path = path.replace("{attachment_id}", str(r.json()["id"]))
    return path


async def _send(client, method, path, rule, headers):
    if path.endswith("/attachments"):
        files = {"file": ("a.jpg", _jpeg(), "image/jpeg")}
        return await client.request(method, path, headers=headers, files=files)
    return await client.request(method, path, headers=headers, json=rule.body)


def _expected(kind: str, caller: str, filer: str, ok: frozenset[int]) -> set[int]:
    if kind == "staff":
        return set(ok) if caller == "staff" else {403}
    if caller == "staff":
        return {401}  # the staff key is no customer's credential
    if caller == filer:
        return set(ok)
    if caller == "owner":  # sees every request on the code, but signs only their own
        return {403} if kind == "filer" else set(ok)
    return {404}


async def test_service_request_matrix(api, client):
    people = await _people(api)
    failures = []
    for filer in ("owner", "member"):
        for (method, template), rule in SR_MATRIX.items():
            for caller in CALLERS:
                path = await _path(client, people, filer, template)
                r = await _send(client, method, path, rule, people[caller])
                want = _expected(rule.kind, caller, filer, rule.ok)
                if r.status_code not in want:
                    failures.append(
                        f"{method} {template} by {caller} on {filer}'s: {r.status_code} {want}"
                    )
                if r.status_code == 404 and r.json()["code"] != "service_request_not_found":
                    failures.append(f"{method} {template} by {caller}: {r.text[:100]}")
    assert not failures, "\n".join(failures)


async def test_a_request_of_another_household_looks_like_one_that_does_not_exist(api, client):
    people = await _people(api)
    rid = await _fresh(client, people, "owner")
    theirs = await client.get(f"/service-requests/{rid}", headers=people["other_owner"])
    missing = await client.get("/service-requests/999999", headers=people["other_owner"])
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()


async def test_lists_show_only_what_each_may_see(api, client):
    people = await _people(api)
    mine = await _fresh(client, people, "owner")
    members = await _fresh(client, people, "member")

    async def ids(who):
        r = await client.get("/service-requests", headers=people[who])
        assert r.status_code == 200
        return {x["id"] for x in r.json()}

    assert {mine, members} <= await ids("owner")
    assert await ids("member") == {members}
    assert await ids("other_owner") == set() == await ids("stranger") == await ids("pending")


async def test_every_service_route_is_in_the_matrix(app):
    routes = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, ops in app.openapi()["paths"].items()
        if path.startswith(("/api/v1/service-requests/", "/api/v1/admin/service-requests"))
        for method in ops
    }
    assert routes == set(SR_MATRIX), sorted(routes ^ set(SR_MATRIX))


async def test_a_member_who_filed_loses_sight_when_the_owner_revokes_them(api, client):
    people = await _people(api)
    sr = await file_and_sign(client, people["member"], MEMBER, CHECK)
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=people["owner"])).json()
    link = next(lk for lk in links if lk["phone"].endswith(MEMBER[1:]))
    await client.post(f"/accounts/{OWNER_CODE}/links/{link['id']}/revoke", headers=people["owner"])
    r = await client.get(f"/service-requests/{sr['id']}", headers=people["member"])
    assert r.status_code == 404
