"""Issue 16 end to end: the owner files household_norm for 6 residents from Dịch vụ, signs it
with the OTP from the dev outbox on the signing sheet, a staff user schedules and completes it
in the staff screen), the owner sees the timeline reach Hoàn thành and the code has 2 households."""

from __future__ import annotations

import re
import sqlite3

import httpx
from playwright.sync_api import Page

from domain import clock
from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    by_id,
    shot,
    tap_to,
    type_into,
    unnamed_controls,
    wait_id,
)
from tests.e2e.test_links_e2e import CODE, OWNER, api_token, select_code, sign_in, wait_text

STAFF_PHONE = "0938000111"  # Phạm Quốc Dũng, made staff for this test


def sign_code(api_url: str, phone: str) -> tuple[str, str]:
    """(code, tracking number) of the last sign SMS sent to `phone`."""
    entries = httpx.get(f"{api_url}/dev/outbox", params={"to": phone}, timeout=5).json()
    body = next(e["body"] for e in entries if "ky dien tu" in e["body"])
    return re.search(r"\b(\d{6})\b", body).group(1), re.search(r"DV\d+", body).group(0)


def make_staff(tmp_path_factory, phone_e164: str) -> None:
    """The demo has no staff user: the backend fixture's SQLite file gets one (before they
    sign in, so their token says staff)."""
    db_file = sorted(tmp_path_factory.getbasetemp().glob("e2e-data*/diennha.sqlite3"))[-1]
    with sqlite3.connect(db_file) as db:
        db.execute("UPDATE users SET is_staff = 1 WHERE phone = ?", (phone_e164,))


def staff_complete(page: Page, app_url: str, tracking_no: str) -> None:
    sign_in(page, app_url, STAFF_PHONE)
    tap_to(page, "home-services", "staff-queue")
    tap_to(page, "staff-queue", f"staff-request-{tracking_no}")
    shot(page, "services-staff-queue-desktop")
    tap_to(page, f"staff-request-{tracking_no}", "staff-move-received")
    tap_to(page, "staff-move-received", "staff-move-scheduled")
    type_into(page, "Ngày hẹn", clock.today().isoformat())
    shot(page, "services-staff-schedule-desktop")
    tap_to(page, "staff-move-scheduled", "staff-move-in_progress")
    tap_to(page, "staff-move-in_progress", "staff-move-done")
    by_id(page, "staff-move-done").click()
    wait_text(page, "request-timeline", "Hoàn thành")
    shot(page, "services-staff-done-desktop")


def test_owner_files_household_norm_signs_by_otp_and_follows_it(
    app_url, backend, new_page, tmp_path_factory
):
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

    make_staff(tmp_path_factory, "+84938000111")
    staff_complete(new_page(DESKTOP), app_url, tracking_no)
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


def test_a_guest_reads_the_catalogue_in_english_on_a_desktop(app_url, new_page):
    page = new_page(DESKTOP)
    from tests.e2e.flet_page import open_app

    open_app(page, app_url)
    wait_id(page, "language-switch").click()
    tap_to(page, "welcome-guest", "link-services")
    tap_to(page, "link-services", "service-household_norm")
    wait_text(page, "service-household_norm", "Change of household norm")
    wait_text(page, "service-household_norm", "The contract owner only")
    assert not unnamed_controls(page)
    shot(page, "services-guest-catalogue-desktop-en")
    tap_to(page, "file-household_norm", "sign-in-submit")  # filing needs a sign-in
