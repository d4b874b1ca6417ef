"""GET /accounts/{code}/bills/{id}/explain over every demo bill (issue 18): against the
previous bill and the same month last year, in Vietnamese and English; effects add up to the
difference of the issued totals; the first bill says so; the access rule is the bills'."""

from __future__ import annotations

import re

import pytest

from tests.server.api import MEMBER, OTHER_OWNER, OWNER, OWNER_CODE, OWNER_MANUAL_CODE, PENDING
from tests.server.billing_support import all_bills, billing_demo  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("billing_demo")
KINDS = ["days", "usage", "households", "price", "vat", "other"]


@pytest.mark.parametrize("code", [OWNER_CODE, OWNER_MANUAL_CODE])
async def test_every_demo_bill_is_explained_in_both_languages(client, api, code) -> None:
    h = await api.headers(OWNER)
    bills = sorted(await all_bills(client, h, code), key=lambda b: b["period_end"])
    assert len(bills) >= 20
    by_id = {b["id"]: b for b in bills}
    for position, bill in enumerate(bills):
        for against in ("previous", "last_year"):
            for lang in ("vi", "en"):
                r = await client.get(
                    f"/accounts/{code}/bills/{bill['id']}/explain",
                    params={"against": against, "lang": lang},
                    headers=h,
                )
                assert r.status_code == 200, r.text
                body = r.json()
                expected = _expected_against(bills, position, against)
                if expected is None:
                    assert body["against_bill"] is None and body["effects"] == []
                    assert body["difference"] is None
                    first = "Đây là hóa đơn đầu tiên" if lang == "vi" else "This is the first"
                    if against == "previous":
                        assert body["sentence"].startswith(first)
                    continue
                assert body["against_bill"]["id"] == expected["id"]
                difference = bill["total"] - by_id[expected["id"]]["total"]
                assert body["difference"] == difference
                assert [e["kind"] for e in body["effects"]] == KINDS
                assert sum(e["amount"] for e in body["effects"]) == difference
                amounts = {e["kind"]: e["amount"] for e in body["effects"]}
                assert amounts["other"] == 0  # every demo bill is the engine's own
                _check_sentence(body["sentence"], lang, difference, amounts)


def _expected_against(bills: list[dict], position: int, against: str) -> dict | None:
    if against == "previous":
        return bills[position - 1] if position else None
    end = bills[position]["period_end"]
    month = f"{int(end[:4]) - 1}{end[4:7]}"
    return next((b for b in bills if b["period_end"][:7] == month), None)


def _check_sentence(text: str, lang: str, difference: int, amounts: dict) -> None:
    sep = "." if lang == "vi" else ","
    figure = f"{abs(difference):,}".replace(",", sep)
    if lang == "vi":
        word = "tăng" if difference > 0 else "giảm"
        assert text.startswith(
            f"Hóa đơn {word} {figure} đ so với" if difference else "Hóa đơn bằng"
        )
    else:
        word = "higher" if difference > 0 else "lower"
        assert text.startswith(f"The bill is ₫{figure} {word}" if difference else "The bill is")
    signed = re.findall(r"\(([+−])₫?([\d.,]+)", text)
    shown = sum((1 if s == "+" else -1) * int(re.sub(r"[.,]", "", n)) for s, n in signed)
    assert shown == difference  # the parts in the sentence add up to its head figure
    assert len(signed) == sum(1 for a in amounts.values() if a)


async def test_the_member_reads_it_and_others_do_not(client, api) -> None:
    owner = await api.headers(OWNER)
    bill = (await all_bills(client, owner, OWNER_CODE))[0]
    path = f"/accounts/{OWNER_CODE}/bills/{bill['id']}/explain"
    assert (await client.get(path, headers=await api.headers(MEMBER))).status_code == 200
    assert (await client.get(path, headers=await api.headers(PENDING))).status_code == 403
    assert (await client.get(path, headers=await api.headers(OTHER_OWNER))).status_code == 404
    assert (await client.get(path)).status_code == 401
    r = await client.get(path, params={"against": "lastyear"}, headers=owner)
    assert r.status_code == 422


async def test_default_language_is_the_profiles(client, api) -> None:
    owner = await api.headers(OWNER)
    bill = (await all_bills(client, owner, OWNER_CODE))[0]
    r = await client.get(f"/accounts/{OWNER_CODE}/bills/{bill['id']}/explain", headers=owner)
    assert r.json()["sentence"].startswith("Hóa đơn")
