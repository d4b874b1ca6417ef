"""Hazard photos (metadata stripped, wrong type and oversize refused), staff reading reports,
merge and split of incidents, and placing a report left for staff."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.server.api import OWNER_CODE
from tests.server.billing_support import STAFF
from tests.server.incident_support import HANOI, move, report, status_of
from tests.server.test_service_attachments import GPS_IFD, jpeg_with_gps

pytestmark = pytest.mark.usefixtures("demo")


async def _photo(client, tracking_no: str, data: bytes, name="anh.jpg"):
    return await client.post(
        f"/public/outage-reports/{tracking_no}/photo", files={"file": (name, data, "image/jpeg")}
    )


async def test_a_hazard_photo_loses_its_gps_and_staff_read_it(client):
    done = await report(client, kind="hazard", customer_code=OWNER_CODE, phone="0909111222")
    assert (await _photo(client, done["tracking_no"], jpeg_with_gps())).status_code == 204
    again = await _photo(client, done["tracking_no"], jpeg_with_gps())
    assert (again.status_code, again.json()["code"]) == (409, "photo_exists")
    page = await status_of(client, done["tracking_no"])
    assert page["has_photo"] is True
    rows = (
        await client.get(f"/admin/incidents/{page['incident']['id']}/reports", headers=STAFF)
    ).json()
    assert rows[0]["phone"] == "+84909111222" and rows[0]["has_photo"]
    got = await client.get(f"/admin/outage-reports/{rows[0]['id']}/photo", headers=STAFF)
    assert got.status_code == 200 and got.headers["content-type"] == "image/jpeg"
    assert not Image.open(io.BytesIO(got.content)).getexif().get_ifd(GPS_IFD)
    assert (await client.get(f"/admin/outage-reports/{rows[0]['id']}/photo")).status_code == 401


async def test_photos_wrong_type_oversize_or_not_a_hazard_are_refused(client):
    hazard = await report(client, kind="hazard", customer_code=OWNER_CODE)
    exe = await _photo(client, hazard["tracking_no"], b"MZ\x90\x00" + b"\x00" * 100, "anh.jpg")
    assert (exe.status_code, exe.json()["code"]) == (415, "unsupported_media_type")
    pdf = await _photo(client, hazard["tracking_no"], b"%PDF-1.4\n%%EOF", "a.pdf")
    assert pdf.status_code == 415
    big = await _photo(client, hazard["tracking_no"], b"\xff\xd8\xff" + b"\x00" * (6 * 1024 * 1024))
    assert big.status_code == 413
    plain = await report(client, customer_code=OWNER_CODE)
    no = await _photo(client, plain["tracking_no"], jpeg_with_gps())
    assert (no.status_code, no.json()["code"]) == (409, "photo_not_allowed")
    missing = await _photo(client, "BC261203ZZZZZZZZ", jpeg_with_gps())
    assert missing.status_code == 404


async def test_merge_moves_reports_and_closes_the_source(client):
    sg = await status_of(client, (await report(client, customer_code=OWNER_CODE))["tracking_no"])
    hn = await status_of(client, (await report(client, kind="hazard", **HANOI))["tracking_no"])
    r = await client.post(
        f"/admin/incidents/{hn['incident']['id']}/merge",
        json={"into": sg["incident"]["id"]},
        headers=STAFF,
    )
    assert r.status_code == 200, r.text
    assert r.json()["reports"] == 2 and r.json()["hazard"] is True
    # the merged report's page follows the merge
    assert (await status_of(client, hn["tracking_no"]))["incident"]["id"] == sg["incident"]["id"]
    listed = (await client.get("/admin/incidents", headers=STAFF)).json()
    assert [x["id"] for x in listed] == [sg["incident"]["id"]]
    again = await client.post(
        f"/admin/incidents/{hn['incident']['id']}/merge",
        json={"into": sg["incident"]["id"]},
        headers=STAFF,
    )
    assert (again.status_code, again.json()["code"]) == (409, "incident_closed")


async def test_split_moves_misplaced_reports_to_the_right_area(client):
    first = await report(client, customer_code=OWNER_CODE)
    await report(client, customer_code=OWNER_CODE)
    incident_id = (await status_of(client, first["tracking_no"]))["incident"]["id"]
    rows = (await client.get(f"/admin/incidents/{incident_id}/reports", headers=STAFF)).json()
    wrong = [x["id"] for x in rows if x["tracking_no"] == first["tracking_no"]]
    r = await client.post(
        f"/admin/incidents/{incident_id}/split",
        json={"report_ids": wrong, "area": "HCM-SG-02"},
        headers=STAFF,
    )
    assert r.status_code == 200, r.text
    assert r.json()["area"] == "HCM-SG-02" and r.json()["reports"] == 1
    assert (await status_of(client, first["tracking_no"]))["incident"]["area"] == "HCM-SG-02"
    bad = await client.post(
        f"/admin/incidents/{incident_id}/split",
        json={"report_ids": [999999], "area": "HN-HK-02"},
        headers=STAFF,
    )
    assert bad.status_code == 422


async def test_staff_place_an_address_only_report(client):
    done = await report(client, address="Hẻm 42 Lê Lợi, Quận 1")
    unplaced = (await client.get("/admin/outage-reports/unplaced", headers=STAFF)).json()
    assert [x["tracking_no"] for x in unplaced] == [done["tracking_no"]]
    r = await client.post(
        f"/admin/outage-reports/{unplaced[0]['id']}/place",
        json={"area": "HCM-SG-01"},
        headers=STAFF,
    )
    assert r.status_code == 200 and r.json()["area"] == "HCM-SG-01"
    page = await status_of(client, done["tracking_no"])
    assert page["placed"] and page["incident"]["id"] == r.json()["id"]
    await move(client, r.json()["id"], "restored")


async def test_after_a_merge_both_areas_hear_of_the_restoration(client, ctx):
    """Saigon's incident merged into Hanoi's (one fault behind both): restoring it tells the
    approved links of Saigon's codes too — the member linked only to a Saigon code."""
    from tests.server.api import MEMBER
    from tests.server.billing_support import notices, user_ids

    sg = await status_of(client, (await report(client, customer_code=OWNER_CODE))["tracking_no"])
    hn = await status_of(client, (await report(client, **HANOI))["tracking_no"])
    r = await client.post(
        f"/admin/incidents/{sg['incident']['id']}/merge",
        json={"into": hn["incident"]["id"]},
        headers=STAFF,
    )
    assert r.status_code == 200, r.text
    await move(client, hn["incident"]["id"], "restored")
    [member] = await user_ids(ctx, MEMBER)
    assert member in {user for user, *_ in await notices(ctx, "incident_restored")}
