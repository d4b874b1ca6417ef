"""Issue 21.9: in English the outage reasons stayed Vietnamese. Staff may give the reason in
English too; English readers get it in the list and in the notice, Vietnamese readers the
Vietnamese; without an English reason everyone reads the Vietnamese."""

from __future__ import annotations

import pytest

from domain.models.outages import OutagePublic
from server.notify.render import render_notice
from tests.server.api import OWNER, OWNER_CODE
from tests.server.billing_support import STAFF, notices
from tests.server.test_outages import _outage

pytestmark = pytest.mark.usefixtures("demo")
VI, EN = "Thay máy biến áp T3 trạm Nguyễn Huệ", "Replacing transformer T3 at Nguyễn Huệ"


async def test_the_reason_in_english_reaches_lists_and_notices(client, ctx, api):
    r = await client.post("/admin/outages", json=_outage(reason_en=EN), headers=STAFF)
    assert r.status_code == 201, r.text
    owner = await api.headers(OWNER)
    listed = (await client.get(f"/accounts/{OWNER_CODE}/outages", headers=owner)).json()
    outage = OutagePublic.model_validate(next(o for o in listed if o["id"] == r.json()["id"]))
    assert (outage.reason_in("en"), outage.reason_in("vi")) == (EN, VI)
    ((*_, ref), *_) = await notices(ctx, "outage_planned")
    params = r.json() | {"reason_en": EN, "reason": VI}
    assert EN in render_notice("outage_planned", params, "en").body
    assert VI in render_notice("outage_planned", params, "vi").body
    assert ref == str(outage.id)


async def test_without_an_english_reason_everyone_reads_the_vietnamese(client):
    r = await client.post("/admin/outages", json=_outage(), headers=STAFF)
    outage = OutagePublic.model_validate(r.json())
    assert outage.reason_en is None and outage.reason_in("en") == VI
    assert VI in render_notice("outage_planned", {"reason": VI, "reason_en": ""}, "en").body


async def test_an_english_reason_is_checked_like_the_vietnamese(client):
    r = await client.post("/admin/outages", json=_outage(reason_en="x"), headers=STAFF)
    assert r.status_code == 422
