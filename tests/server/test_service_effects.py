"""What done requests change: households reach billing, a new holder ends the old access."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain import clock
from server.services.billing.periods import add_months, local_today, month_end, month_label
from tests.server.api import MEMBER, OWNER, OWNER_CODE
from tests.server.service_support import STAFF, complete, file_and_sign, norm_body, staff_move

pytestmark = pytest.mark.usefixtures("demo")


async def _bill_last_month(client, code: str, owner) -> dict:
    return await _bill_month(client, code, owner, add_months(local_today().replace(day=1), -1))


async def _bill_month(client, code: str, owner, month) -> dict:
    days = [month + timedelta(days=i) for i in range((month_end(month) - month).days + 1)]
    readings = [{"customer_code": code, "date": d.isoformat(), "kwh": "5.5"} for d in days]
    r = await client.post("/admin/readings", json={"readings": readings}, headers=STAFF)
    assert r.status_code == 200, r.text
    r = await client.post("/admin/bill-run", json={"month": month_label(month)}, headers=STAFF)
    assert r.status_code == 200, r.text
    bills = (
        await client.get(f"/accounts/{code}/bills", params={"year": month.year}, headers=owner)
    ).json()
    bill = next(b for b in bills if b["period_end"] == month_end(month).isoformat())
    return (await client.get(f"/accounts/{code}/bills/{bill['id']}", headers=owner)).json()


async def test_household_norm_done_reaches_the_next_bill_run(api, client):
    owner = await api.headers(OWNER)
    sr = await file_and_sign(client, owner, OWNER, norm_body(OWNER_CODE, residents=6))
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=owner)).json()["households"] == 1
    await complete(client, sr["id"])
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=owner)).json()["households"] == 2
    # last month ended before the norm's date: billed with the household it had then
    bill = await _bill_last_month(client, OWNER_CODE, owner)
    assert bill["households"] == 1


async def test_a_bill_across_the_norm_date_is_split_like_a_price_change(api, client):
    owner = await api.headers(OWNER)
    day = clock.today()
    sr = await file_and_sign(client, owner, OWNER, norm_body(OWNER_CODE, residents=6))
    await complete(client, sr["id"])
    # the first month after this one is over: the bill of this month crosses the norm's date
    with clock.shifted_to(add_months(day.replace(day=1), 1) + timedelta(days=1)):
        bill = await _bill_month(client, OWNER_CODE, owner, day.replace(day=1))
    assert bill["households"] == 2
    parts = bill["breakdown"]["parts"]
    if day.day == 1:
        assert len(parts) == 1  # the norm starts with the period: nothing to split
    else:
        assert [p["days"] for p in parts] == [day.day - 1, (month_end(day) - day).days + 1]
        # tier 1 is 50 kWh a household for a whole month, prorated by each part's days (the
        # width of a 1-day part is small: compare each with its own days, not with each other)
        days = (month_end(day) - day.replace(day=1)).days + 1
        for part, households in zip(parts, (1, 2), strict=True):
            width = float(part["tiers"][0]["width_kwh"])
            assert abs(width - 50 * households * part["days"] / days) <= 0.5, (part, days)


async def test_a_future_household_norm_waits_for_its_date(api, client, ctx):
    from server.services.service_requests.effects import apply_due_norms

    owner = await api.headers(OWNER)
    sr = await file_and_sign(
        client, owner, OWNER, norm_body(OWNER_CODE, residents=12, days_ahead=10)
    )
    await complete(client, sr["id"])
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=owner)).json()["households"] == 1
    with clock.shifted_to(clock.today() + timedelta(days=10)):
        async with ctx.sessions() as s:
            assert await apply_due_norms(s) == 1
            await s.commit()
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=owner)).json()["households"] == 3


async def test_change_holder_ends_old_access_and_the_new_owner_starts_afresh(api, client):
    owner, member = await api.headers(OWNER), await api.headers(MEMBER)
    tokens = await api.register("0368888888", name="Đỗ Văn Mới")
    new = {"Authorization": f"Bearer {tokens['access_token']}"}
    old_request = await file_and_sign(
        client, member, MEMBER,
        {"type": "meter_check", "customer_code": OWNER_CODE, "fields": {"reason": "x"}},
    )  # fmt: skip
    body = {
        "type": "change_holder",
        "customer_code": OWNER_CODE,
        "fields": {
            "new_holder_name": "Đỗ Văn Mới",
            "new_holder_phone": "0368888888",
            "new_holder_id_number": "079000111222",
            "effective_date": clock.today().isoformat(),
        },
    }
    sr = await file_and_sign(client, owner, OWNER, body)
    await complete(client, sr["id"])
    # the old owner and the member no longer read the household's data, nor its requests
    for who in (owner, member):
        r = await client.get(f"/accounts/{OWNER_CODE}", headers=who)
        assert r.status_code in (403, 404)
        r = await client.get(f"/accounts/{OWNER_CODE}/bills", headers=who)
        assert r.status_code in (403, 404)
        assert (
            await client.get(f"/service-requests/{old_request['id']}", headers=who)
        ).status_code == 404
    # the new holder links as owner at once; members must ask and be approved again
    r = await client.post("/accounts/links", json={"customer_code": OWNER_CODE}, headers=new)
    assert r.json()["role"] == "owner" and r.json()["status"] == "approved"
    r = await client.post("/accounts/links", json={"customer_code": OWNER_CODE}, headers=member)
    assert r.json()["status"] == "pending"
    # the new owner does not read the requests filed before them
    assert (
        await client.get(f"/service-requests/{old_request['id']}", headers=new)
    ).status_code == 404
    actions = [
        a["action"] for a in (await client.get(f"/accounts/{OWNER_CODE}/audit", headers=new)).json()
    ]
    assert "contract_holder_changed" in actions and actions.count("link_ended_holder_changed") >= 3


async def test_change_holder_cannot_be_done_before_its_date(api, client):
    owner = await api.headers(OWNER)
    body = {
        "type": "change_holder",
        "customer_code": OWNER_CODE,
        "fields": {
            "new_holder_name": "Đỗ Văn Mới",
            "new_holder_phone": "0368888888",
            "new_holder_id_number": "079000111222",
            "effective_date": (clock.today() + timedelta(days=5)).isoformat(),
        },
    }
    sr = await file_and_sign(client, owner, OWNER, body)
    await staff_move(client, sr["id"], "received")
    await staff_move(client, sr["id"], "in_progress")
    r = await client.post(
        f"/admin/service-requests/{sr['id']}/transition", json={"status": "done"}, headers=STAFF
    )
    assert r.status_code == 409 and r.json()["code"] == "not_yet_effective"


async def test_terminate_stops_billing_after_the_final_month(api, client, ctx):
    from server.models import Contract
    from server.services.billing.bill_sources import unbilled

    owner = await api.headers(OWNER)
    end = clock.today() + timedelta(days=40)  # a month not billed yet
    body = {
        "type": "terminate",
        "customer_code": OWNER_CODE,
        "fields": {"end_date": end.isoformat()},
    }
    sr = await file_and_sign(client, owner, OWNER, body)
    await complete(client, sr["id"])
    reading = {"customer_code": OWNER_CODE, "date": clock.today().isoformat(), "kwh": "5.5"}
    r = await client.post("/admin/readings", json={"readings": [reading]}, headers=STAFF)
    assert r.status_code == 200, r.text  # the meter exists from its first reading on
    async with ctx.sessions() as s:
        assert (await s.get(Contract, OWNER_CODE)).supply_ends_on == end
        final = end.replace(day=1)
        after = add_months(final, 1)
        codes = lambda found: {c.code for c in found}  # noqa: E731
        assert OWNER_CODE in codes(await unbilled(s, final, "", links=False))
        # no final bill yet: the next month's run still owes the days up to the end of
        # supply; two months on it is over (the final bill itself: test_final_bill.py)
        assert OWNER_CODE in codes(await unbilled(s, after, "", links=False))
        assert OWNER_CODE not in codes(await unbilled(s, add_months(after, 1), "", links=False))


async def test_contact_update_changes_where_notices_go(api, client, ctx):
    from server.models import Contract

    owner = await api.headers(OWNER)
    body = {
        "type": "contact_update",
        "customer_code": OWNER_CODE,
        "fields": {"notice_email": "an@example.vn"},
    }
    sr = await file_and_sign(client, owner, OWNER, body)
    await complete(client, sr["id"])
    async with ctx.sessions() as s:
        assert (await s.get(Contract, OWNER_CODE)).notice_email == "an@example.vn"
