"""Issue 20.3 end to end on the web: the owner opens one of their service requests and
attaches a photo with "Chọn tệp" (the browser's file chooser); no camera button on the web.
A guest adds the photo of a hazard to their report the same way."""

from __future__ import annotations

import io
import re

import httpx
from PIL import Image

from tests.e2e.flet_page import (
    PHONE,
    by_id,
    open_app,
    shot,
    tap_to,
    text_of,
    type_into,
    unnamed_controls,
    wait_id,
)
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


def test_a_guest_adds_a_photo_to_a_hazard_report_from_the_web(app_url, backend, new_page):
    """Issue 17/20: the status page of a hazard report offers one photo ("Chọn tệp" on the
    web); once it is received the page says so and offers no more."""
    page = new_page(PHONE)
    open_app(page, app_url)
    tap_to(page, "welcome-guest", "guest-report-outage")
    tap_to(page, "guest-report-outage", "report-submit")
    by_id(page, "report-kind-hazard").click()
    type_into(page, "Mã khách hàng", CODE)
    tap_to(page, "report-submit", "hazard-photo")
    tracking_no = re.search(r"BC[0-9A-Z]+", text_of(page, "report-tracking")).group(0)
    assert "Ảnh nơi nguy hiểm" in text_of(page, "hazard-photo")
    assert by_id(page, "attach-photo").count() == 0  # no camera on the web: files only
    shot(page, "incidents-hazard-photo-offer-phone")
    with page.expect_file_chooser(timeout=30_000) as chooser:
        wait_id(page, "attach-file").click()
    chooser.value.set_files(
        files=[{"name": "day-dien.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
    )
    wait_id(page, "hazard-photo-sent", timeout=30_000)
    assert by_id(page, "attach-file").count() == 0
    assert not unnamed_controls(page)
    shot(page, "incidents-hazard-photo-sent-phone")
    status = httpx.get(f"{backend}/public/outage-reports/{tracking_no}", timeout=10).json()
    assert status["kind"] == "hazard" and status["has_photo"] is True
