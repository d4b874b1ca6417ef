"""Issue 20.3 end to end on the web: the owner opens one of their service requests and
attaches a photo with "Chọn tệp" (the browser's file chooser); no camera button on the web."""

from __future__ import annotations

import io

import httpx
from PIL import Image

from tests.e2e.flet_page import PHONE, by_id, shot, tap_to, unnamed_controls, wait_id
from tests.e2e.test_links_e2e import CODE, OWNER, api_token, sign_in, wait_text


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def test_the_owner_attaches_a_photo_to_a_request_from_the_web(app_url, backend, new_page):
    token = api_token(backend, OWNER)
    filed = httpx.post(
        f"{backend}/service-requests",
        json={"type": "meter_check", "customer_code": CODE, "fields": {"reason": "Quay nhanh"}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()
    page = new_page(PHONE)
    sign_in(page, app_url, OWNER)
    tap_to(page, "home-services", "my-requests")
    tap_to(page, "my-requests", f"request-{filed['tracking_no']}")
    tap_to(page, f"request-{filed['tracking_no']}", "attach-file")
    assert by_id(page, "attach-photo").count() == 0  # no camera on the web: files only
    with page.expect_file_chooser(timeout=30_000) as chooser:
        wait_id(page, "attach-file").click()
    chooser.value.set_files(
        files=[{"name": "cong-to.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
    )
    wait_id(page, "attach-done", timeout=30_000)
    wait_text(page, "request-timeline", "")
    assert not unnamed_controls(page)
    shot(page, "services-attached-phone")
    r = httpx.get(
        f"{backend}/service-requests/{filed['id']}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()
    assert [a["filename"] for a in r["attachments"]] == ["cong-to.jpg"]
