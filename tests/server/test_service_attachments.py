"""Attachments: sniffed type, 5 MB and 5 files, metadata stripped, active PDFs refused, and
downloads only for those who may see the request."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.server.api import MEMBER, OTHER_OWNER, OWNER, OWNER_CODE
from tests.server.service_support import STAFF, norm_body

pytestmark = pytest.mark.usefixtures("demo")
GPS_IFD = 0x8825


def jpeg_with_gps(size=(64, 48)) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (10.0, 46.0, 30.0), 3: "E", 4: (106.0, 41.0, 0.0)})
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


async def _request(api, client, phone=OWNER) -> tuple[dict, int]:
    h = await api.headers(phone)
    r = await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)
    return h, r.json()["id"]


async def _upload(client, h, rid, data: bytes, name="anh.jpg"):
    return await client.post(
        f"/service-requests/{rid}/attachments",
        files={"file": (name, data, "image/jpeg")},
        headers=h,
    )


async def test_gps_exif_is_stripped_on_the_way_in(api, client):
    h, rid = await _request(api, client)
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)
    r = await _upload(client, h, rid, data, "nha toi.jpg")
    assert r.status_code == 201, r.text
    meta = r.json()
    assert meta["content_type"] == "image/jpeg" and meta["filename"] == "nha toi.jpg"
    got = await client.get(f"/service-requests/{rid}/attachments/{meta['id']}", headers=h)
    assert got.status_code == 200 and got.headers["content-type"] == "image/jpeg"
    clean = Image.open(io.BytesIO(got.content))
    assert clean.size == (64, 48) and not clean.getexif() and b"PhoneMaker" not in got.content
    detail = (await client.get(f"/service-requests/{rid}", headers=h)).json()
    assert [a["id"] for a in detail["attachments"]] == [meta["id"]]


async def test_png_is_accepted_and_re_encoded(api, client):
    h, rid = await _request(api, client)
    out = io.BytesIO()
    Image.new("RGBA", (10, 10)).save(out, "PNG")
    r = await _upload(client, h, rid, out.getvalue() + b"trailing secrets", "x.png")
    assert r.status_code == 201 and r.json()["content_type"] == "image/png"
    got = await client.get(f"/service-requests/{rid}/attachments/{r.json()['id']}", headers=h)
    assert b"trailing secrets" not in got.content


async def test_an_executable_renamed_jpg_is_refused(api, client):
    h, rid = await _request(api, client)
    r = await _upload(client, h, rid, b"MZ\x90\x00" + b"\x00" * 200, "anh.jpg")
    assert r.status_code == 415 and r.json()["code"] == "unsupported_media_type"


async def test_a_6_mb_image_is_refused(api, client):
    h, rid = await _request(api, client)
    r = await _upload(client, h, rid, b"\xff\xd8\xff" + b"\x00" * (6 * 1024 * 1024))
    assert r.status_code == 413 and r.json()["code"] == "payload_too_large"


async def test_a_pdf_with_a_script_is_refused_a_plain_one_accepted(api, client):
    h, rid = await _request(api, client)
    evil = b"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF"
    r = await _upload(client, h, rid, evil, "giay to.pdf")
    assert r.status_code == 422 and r.json()["code"] == "attachment_active_content"
    plain = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF"
    r = await _upload(client, h, rid, plain, "giay to.jpg")
    assert r.status_code == 201 and r.json()["filename"] == "giay to.pdf"


async def test_at_most_five_files(api, client):
    h, rid = await _request(api, client)
    for _ in range(5):
        assert (await _upload(client, h, rid, jpeg_with_gps((8, 8)))).status_code == 201
    r = await _upload(client, h, rid, jpeg_with_gps((8, 8)))
    assert r.status_code == 409 and r.json()["code"] == "too_many_attachments"


async def test_another_household_never_sees_the_files(api, client):
    h, rid = await _request(api, client)
    aid = (await _upload(client, h, rid, jpeg_with_gps())).json()["id"]
    path = f"/service-requests/{rid}/attachments/{aid}"
    for phone in (OTHER_OWNER, MEMBER):
        r = await client.get(path, headers=await api.headers(phone))
        assert r.status_code == 404
    r = await client.get(f"/admin/service-requests/{rid}/attachments/{aid}", headers=STAFF)
    assert r.status_code == 200 and r.content.startswith(b"\xff\xd8\xff")
    # an attachment id of one request is not reachable through another request
    h2, rid2 = await _request(api, client)
    assert (
        await client.get(f"/service-requests/{rid2}/attachments/{aid}", headers=h2)
    ).status_code == 404
