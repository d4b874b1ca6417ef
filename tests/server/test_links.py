"""Link approval: owners approve, deny and revoke; askers see nothing personal until approved."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.server.api import OTHER_CODE, OWNER, OWNER_CODE, PENDING, UNKNOWN_CODE

pytestmark = pytest.mark.usefixtures("demo")


async def test_contract_phone_becomes_owner_at_once(api, client):
    h = await api.headers("0938000111")
    r = await client.post("/accounts/links", json={"customer_code": "pe02 000 777 888"}, headers=h)
    assert r.status_code == 200  # already linked by the seed: nothing new
    assert r.json()["role"] == "owner" and r.json()["status"] == "approved"


async def test_relative_asks_waits_masked_and_owner_is_notified(api, client):
    owner = await api.headers(OWNER)
    tokens = await api.register("0364444444", name="Hoàng Văn Giang")
    me = {"Authorization": f"Bearer {tokens['access_token']}"}
    r = await client.post(
        "/accounts/links", json={"customer_code": OWNER_CODE, "note": "Cháu"}, headers=me
    )
    assert r.status_code == 201, r.text
    acc = r.json()
    assert acc["status"] == "pending" and acc["role"] == "member"
    assert "Nguyễn Huệ" not in acc["address"] and acc["name"] != "Nguyễn Văn An"
    assert acc["name"].startswith("N") and "*" in acc["name"]
    # the data itself is refused until approval
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=me)).json()[
        "code"
    ] == "link_not_approved"
    # the owner sees the request with the asker's note
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
    mine = next(lk for lk in links if lk["phone"] == "+84364444444")
    assert (
        mine["status"] == "pending"
        and mine["note"] == "Cháu"
        and mine["full_name"] == "Hoàng Văn Giang"
    )
    # approve: the relative now sees name and address
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{mine['id']}/approve", headers=owner)
    assert r.status_code == 200 and r.json()["status"] == "approved" and r.json()["decided_at"]
    seen = (await client.get(f"/accounts/{OWNER_CODE}", headers=me)).json()
    assert seen["name"] == "Nguyễn Văn An" and "Nguyễn Huệ" in seen["address"]
    # revoke: back to nothing
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{mine['id']}/revoke", headers=owner)
    assert r.json()["status"] == "revoked"
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=me)).status_code == 403


async def test_unknown_code_is_404_like_someone_elses(api, client):
    h = await api.headers(PENDING)
    unknown = await client.post("/accounts/links", json={"customer_code": UNKNOWN_CODE}, headers=h)
    assert unknown.status_code == 404 and unknown.json()["code"] == "account_not_found"


async def test_bad_code_is_a_clear_422(api, client):
    h = await api.headers(PENDING)
    r = await client.post("/accounts/links", json={"customer_code": "12345"}, headers=h)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "customer_code"


async def test_deny_then_invalid_transitions_are_409(api, client):
    owner = await api.headers(OWNER)
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
    pending = next(lk for lk in links if lk["status"] == "pending")
    assert (
        await client.post(f"/accounts/{OWNER_CODE}/links/{pending['id']}/deny", headers=owner)
    ).status_code == 200
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{pending['id']}/approve", headers=owner)
    assert r.status_code == 409 and r.json()["code"] == "invalid_link_state"
    own = next(lk for lk in links if lk["role"] == "owner")
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{own['id']}/revoke", headers=owner)
    assert r.status_code == 409


async def test_owner_cannot_touch_a_link_of_another_code(api, client):
    owner = await api.headers(OWNER)
    other_owner = await api.headers("0938000111")
    other_links = (await client.get(f"/accounts/{OTHER_CODE}/links", headers=other_owner)).json()
    r = await client.post(
        f"/accounts/{OWNER_CODE}/links/{other_links[0]['id']}/revoke", headers=owner
    )
    assert r.status_code == 404


async def test_member_leaves_and_the_audit_log_records_everything(api, client):
    owner = await api.headers(OWNER)
    pending = await api.headers(PENDING)
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
    req = next(lk for lk in links if lk["status"] == "pending")
    await client.post(f"/accounts/{OWNER_CODE}/links/{req['id']}/approve", headers=owner)
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=pending)).status_code == 200
    assert (
        await client.delete(f"/accounts/{OWNER_CODE}/links/me", headers=pending)
    ).status_code == 204
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=pending)).status_code == 403
    audit = (await client.get(f"/accounts/{OWNER_CODE}/audit", headers=owner)).json()
    actions = [a["action"] for a in audit]
    assert actions[:2] == ["link_left", "link_approved"]
    assert all(a["purpose"] == "household_data_sharing" for a in audit[:2])
    assert audit[0]["actor"] == "091****678"  # masked, never the full phone
    # owners cannot leave their own contract
    r = await client.delete(f"/accounts/{OWNER_CODE}/links/me", headers=owner)
    assert r.status_code == 409


async def test_audit_log_is_append_only_in_the_database(api, client, ctx):
    owner = await api.headers(OWNER)
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
    req = next(lk for lk in links if lk["status"] == "pending")
    await client.post(f"/accounts/{OWNER_CODE}/links/{req['id']}/deny", headers=owner)
    for statement in ("UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"):
        async with ctx.sessions() as session:
            with pytest.raises(DBAPIError, match="append-only"):
                await session.execute(text(statement))
                await session.commit()
    async with ctx.sessions() as session:
        n = (
            await session.execute(
                text("SELECT count(*) FROM audit_log WHERE action = 'link_denied'")
            )
        ).scalar()
    assert n == 1


async def test_member_cannot_see_the_link_list(api, client):
    member = await api.headers("0987654321")
    r = await client.get(f"/accounts/{OWNER_CODE}/links", headers=member)
    assert r.status_code == 403 and r.json()["code"] == "owner_only"
