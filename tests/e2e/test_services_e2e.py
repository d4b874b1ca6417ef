"""Issue 16 end to end: the owner files household_norm for 6 residents from Dịch vụ, signs it
with the OTP from the dev outbox on the signing sheet, staff complete it (API; the staff screen
does not exist yet), the owner sees the timeline reach Hoàn thành and the code has 2 households."""

from __future__ import annotations

import re

import httpx

from domain import clock
from server.config import DEV_STAFF_KEY
from tests.e2e.flet_page import PHONE, by_id, shot, tap_to, type_into, unnamed_controls, wait_id
from tests.e2e.test_links_e2e import CODE, OWNER, api_token, select_code, sign_in, wait_text

STAFF = {"X-Staff-Key": DEV_STAFF_KEY}


def sign_code(api_url: str, phone: str) -> tuple[str, str]:
    """(code, tracking number) of the last sign SMS sent to `phone`."""
    entries = httpx.get(f"{api_url}/dev/outbox", params={"to": phone}, timeout=5).json()
    body = next(e["body"] for e in entries if "ky dien tu" in e["body"])
    return re.search(r"\b(\d{6})\b", body).group(1), re.search(r"DV\d+", body).group(0)


def staff_complete(api_url: str, tracking_no: str) -> None:
    token = api_token(api_url, OWNER)
    mine = httpx.get(
        f"{api_url}/service-requests", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    rid = next(r["id"] for r in mine if r["tracking_no"] == tracking_no)
    day = clock.today().isoformat()
    for step in (
        {"status": "received"},
        {"status": "scheduled", "appointment": {"date": day, "window": "08-12"}},
        {"status": "in_progress"},
        {"status": "done", "note": "Đã cập nhật định mức"},
    ):
        r = httpx.post(
            f"{api_url}/admin/service-requests/{rid}/transition",
            json=step,
            headers=STAFF,
            timeout=10,
        )
        r.raise_for_status()


def test_owner_files_household_norm_signs_by_otp_and_follows_it(app_url, backend, new_page):
    page = new_page(PHONE)
    sign_in(page, app_url, OWNER)
    select_code(page, CODE)
    tap_to(page, "home-services", "service-household_norm")
    shot(page, "services-catalogue-phone")
    tap_to(page, "file-household_norm", "service-submit")
    type_into(page, "Tổng số người đang ở (kể cả người thuê)", "6")
    type_into(page, "Ngày hiệu lực", clock.today().isoformat())
    shot(page, "services-form-phone")
    tap_to(page, "service-submit", "signed-content")
    wait_text(page, "signed-content", "6")
    tap_to(page, "send-sign-code", "sign-otp")
    shot(page, "services-signing-sheet-phone")
    assert not unnamed_controls(page)
    code, tracking_no = sign_code(backend, OWNER)
    type_into(page, "Mã OTP", code)
    tap_to(page, "sign-submit", "request-timeline")
    wait_text(page, "request-timeline", "Đã gửi")
    shot(page, "services-request-submitted-phone")

    staff_complete(backend, tracking_no)
    tap_to(page, "back", f"request-{tracking_no}")
    wait_text(page, f"request-{tracking_no}", "Hoàn thành")
    tap_to(page, f"request-{tracking_no}", "request-timeline")
    wait_text(page, "request-timeline", "Hoàn thành")
    wait_id(page, "request-appointment")
    shot(page, "services-request-done-phone")
    assert by_id(page, "cancel-request").count() == 0

    token = api_token(backend, OWNER)
    account = httpx.get(
        f"{backend}/accounts/{CODE}", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    assert account["households"] == 2
    notices = httpx.get(
        f"{backend}/notifications", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()["items"]
    assert any(n["kind"] == "service_request_done" for n in notices)
