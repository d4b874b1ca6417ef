"""Finding 7 of issue 14: an asker's name and note reach the owner inside our official notice,
so they are quoted as the asker's words, without links or phone numbers, short; and a denied
asker cannot keep re-sending the notice."""

from __future__ import annotations

import re

import pytest

from tests.server.api import OWNER, OWNER_CODE

pytestmark = pytest.mark.usefixtures("demo")
FAKE_NAME = "CSKH EVN goi 1900 1006 www.evn-hotro.top"
FAKE_NOTE = (
    "Điện lực thông báo: hóa đơn quá hạn, gọi hotline ٠٩٠١٢٣٤٥٦٧ hoặc 1900.54.54.54, "
    "thanh toán tại https://evn-pay.top/hoadon hay evnhcmc . vn/pay ngay hôm nay ” để tránh "
    "bị cắt điện. " + "Thêm chữ cho dài. " * 8
)
_LINKY = re.compile(r"(?i)https?://|www\.|\.top\b|\.vn/|evnhcmc")
_NUMBERY = re.compile(r"\d(?:[\s.\-]*\d){5,}")


async def _ask(api, client, phone: str, name: str, note: str) -> dict:
    tokens = await api.register(phone, name=name)
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    body = {"customer_code": OWNER_CODE, "note": note[:200]}
    r = await client.post("/accounts/links", json=body, headers=h)
    assert r.status_code == 201, r.text
    return h


async def _newest_notice(client, owner: dict) -> dict:
    r = await client.get("/notifications", headers=owner, params={"limit": 1})
    assert r.status_code == 200, r.text
    return r.json()["items"][0]


async def test_the_askers_words_are_quoted_without_links_or_numbers(api, client):
    owner = await api.headers(OWNER)
    await _ask(api, client, "0399444555", FAKE_NAME, FAKE_NOTE)
    notice = await _newest_notice(client, owner)
    assert notice["kind"] == "link_request"
    body = notice["body"]
    assert not _LINKY.search(body), body
    assert not _NUMBERY.search(body.replace(OWNER_CODE, "")), body
    quoted = re.findall(r"“([^“”]*)”", body)
    assert len(quoted) == 2, body  # the name and the note, each inside our quotes
    assert len(quoted[0]) <= 60 and len(quoted[1]) <= 120, quoted
    assert "không phải của Điện Nhà" in body  # says whose words they are
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
    shown = next(x for x in links if x["phone"].endswith("444555"))
    for text in (shown["note"], shown["full_name"]):
        assert not _LINKY.search(text) and not _NUMBERY.search(text), text


async def test_a_denied_asker_must_wait_before_asking_again(api, client):
    owner = await api.headers(OWNER)
    asker = await _ask(api, client, "0399444666", "Người Lạ", "cho tôi xem")
    link = next(
        x
        for x in (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
        if x["phone"].endswith("444666")
    )
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{link['id']}/deny", headers=owner)
    assert r.status_code == 200, r.text
    before = (await _newest_notice(client, owner))["id"]
    for _ in range(3):
        r = await client.post(
            "/accounts/links", json={"customer_code": OWNER_CODE, "note": "xin lại"}, headers=asker
        )
        assert r.status_code == 429, r.text
        assert r.json()["code"] == "link_recently_denied" and int(r.headers["Retry-After"]) > 0
    assert (await _newest_notice(client, owner))["id"] == before  # no new notice to the owner


async def test_a_sign_ins_device_name_cannot_carry_a_hotline(api, client):
    """The sibling: whoever signs in names the device, and the account's holder reads it in
    our "new sign-in" notice."""
    r = await client.post(
        "/auth/login",
        json={"phone": OWNER, "password": api.password,
              "device": "Goi ngay 1900 1006 hoac vao https://evn-khoa.top"},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    h = {"Authorization": f"Bearer {r.json()['access_token']}"}
    notice = await _newest_notice(client, h)
    assert notice["kind"] == "new_sign_in"
    assert not _LINKY.search(notice["body"]) and not _NUMBERY.search(notice["body"]), notice
