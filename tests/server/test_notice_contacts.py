"""A done contact_update sends the owner's SMS/Zalo/e-mail notices about that code to the
contract's notice contacts; members and other codes keep their own (both databases)."""

from __future__ import annotations

import pytest

from domain import clock
from server.notify.inbox import commit_and_announce, notify
from tests.server.api import MEMBER, OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.service_support import complete, file_and_sign
from tests.server.test_notices import user_id
from tests.server.test_notices_fanout import (  # noqa: F401 (the fixture)
    ALL_ON,
    CONSENT,
    Channels,
    channels,
)
from tests.server.test_service_effects import _bill_last_month

pytestmark = pytest.mark.usefixtures("demo")
NOTICE_PHONE, NOTICE_EMAIL = "0977000111", "bo.me@example.vn"
OUTSIDE = {**ALL_ON, "push": False}


async def opt_in(api, client, phone: str, email: str) -> dict:
    h = await api.headers(phone)
    me = {"email": email, "channels": OUTSIDE, "consents": CONSENT}
    r = await client.patch("/me", json=me, headers=h)
    assert r.status_code == 200, r.text
    return h


async def contact_update(client, owner: dict, fields: dict) -> None:
    body = {"type": "contact_update", "customer_code": OWNER_CODE, "fields": fields}
    sr = await file_and_sign(client, owner, OWNER, body)
    await complete(client, sr["id"])


def sent(live: Channels) -> dict[str, list[str]]:
    """Who got what since the last settle: SMS and Zalo numbers, e-mail addresses."""
    return {
        "sms": sorted(r["json"]["to"] for r in live.sms_gw.requests),
        "zalo": sorted(r["json"]["phone"] for r in live.zalo_gw.requests),
        "email": sorted(m["To"] for m in live.smtp.messages),
    }


async def test_the_next_bill_notice_goes_to_the_new_contact_for_the_owner_only(
    api,
    client,
    channels,  # noqa: F811
):
    owner = await opt_in(api, client, OWNER, "an.nguyen@example.vn")
    await opt_in(api, client, MEMBER, "binh@example.vn")
    await contact_update(
        client, owner, {"notice_phone": NOTICE_PHONE, "notice_email": NOTICE_EMAIL}
    )
    await channels.settle()  # the request's own notices
    await _bill_last_month(client, OWNER_CODE, owner)
    await channels.dispatcher.run_until_idle()
    assert sent(channels) == {
        "sms": ["+84977000111", "+84987654321"],  # the notice phone; the member's own
        "zalo": ["84977000111", "84987654321"],
        "email": ["binh@example.vn", NOTICE_EMAIL],
    }


async def test_only_the_contact_given_changes(api, client, channels):  # noqa: F811
    owner = await opt_in(api, client, OWNER, "an.nguyen@example.vn")
    await contact_update(client, owner, {"notice_email": NOTICE_EMAIL})
    await channels.settle()
    await _bill_last_month(client, OWNER_CODE, owner)
    await channels.dispatcher.run_until_idle()
    assert sent(channels) == {
        "sms": ["+84901234567"],
        "zalo": ["84901234567"],
        "email": [NOTICE_EMAIL],
    }


async def test_other_codes_and_notices_without_a_code_keep_the_owners_contacts(
    api,
    client,
    ctx,
    channels,  # noqa: F811
):
    owner = await opt_in(api, client, OWNER, "an.nguyen@example.vn")
    await contact_update(
        client, owner, {"notice_phone": NOTICE_PHONE, "notice_email": NOTICE_EMAIL}
    )
    await channels.settle()
    uid = await user_id(ctx, OWNER)
    async with ctx.sessions() as s:
        params = {"code": OWNER_MANUAL_CODE, "month": "2025-07", "read_on": "2025-07-01"}
        notify(s, uid, "reading_date", params, customer_code=OWNER_MANUAL_CODE)
        await commit_and_announce(s, ctx.hub)
    await channels.dispatcher.run_until_idle()
    own = {"sms": ["+84901234567"], "zalo": ["84901234567"], "email": ["an.nguyen@example.vn"]}
    assert sent(channels) == own
    await channels.settle()
    async with ctx.sessions() as s:
        notify(s, uid, "reading_date", params, customer_code=None)
        await commit_and_announce(s, ctx.hub)
    await channels.dispatcher.run_until_idle()
    assert sent(channels) == own


async def test_consent_still_rules_the_notice_contacts(api, client, channels):  # noqa: F811
    owner = await opt_in(api, client, OWNER, "an.nguyen@example.vn")
    await contact_update(
        client, owner, {"notice_phone": NOTICE_PHONE, "notice_email": NOTICE_EMAIL}
    )
    withdraw = {"consents": {"notices_email": False, "notices_sms": False}}
    assert (await client.patch("/me", json=withdraw, headers=owner)).status_code == 200
    await channels.settle()
    await _bill_last_month(client, OWNER_CODE, owner)
    await channels.dispatcher.run_until_idle()
    assert sent(channels) == {"sms": [], "zalo": ["84977000111"], "email": []}


async def test_a_change_of_holder_clears_the_old_holders_notice_contacts(api, client, ctx):
    from server.models import Contract

    owner = await api.headers(OWNER)
    await contact_update(
        client, owner, {"notice_phone": NOTICE_PHONE, "notice_email": NOTICE_EMAIL}
    )
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
    await complete(client, (await file_and_sign(client, owner, OWNER, body))["id"])
    async with ctx.sessions() as s:
        contract = await s.get(Contract, OWNER_CODE)
        assert (contract.notice_phone, contract.notice_email) == (None, None)
