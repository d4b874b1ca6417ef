"""Issue 17 end to end: a guest reports a power cut by customer code (phone), a staff user
confirms it with an estimate and restores it in the staff screen (desktop), the guest's status
page shows the timeline, and the code's owner finds the restoration in Thông báo, which leads
to the incident."""

from __future__ import annotations

import re

import httpx

from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    SCREEN_TEXT_JS,
    by_id,
    open_app,
    screen_text,
    shot,
    tap_to,
    text_of,
    type_into,
    unnamed_controls,
    wait_id,
    wait_text,
)
from tests.e2e.test_calendar_notices_e2e import nav, select_code
from tests.e2e.test_links_e2e import CODE, OWNER, api_token, sign_in
from tests.e2e.test_services_e2e import STAFF_PHONE, make_staff


def staff_confirm_and_restore(page, app_url: str, incident_id: int) -> None:
    sign_in(page, app_url, STAFF_PHONE)
    tap_to(page, "staff-incidents", f"incident-{incident_id}")
    type_into(page, "Dự kiến có điện sau (giờ)", "3")
    shot(page, "incidents-staff-desktop")
    by_id(page, f"incident-{incident_id}-move-confirmed").click()
    wait_text(page, f"incident-{incident_id}", "Dự kiến có điện lại")
    assert by_id(page, f"incident-{incident_id}-move-confirmed").count() == 0
    shot(page, "incidents-staff-confirmed-desktop")
    by_id(page, f"incident-{incident_id}-move-restored").click()
    wait_id(page, "incidents-refresh")
    page.wait_for_function(
        f"() => !document.querySelector('[flt-semantics-identifier=\"incident-{incident_id}\"]')",
        timeout=20_000,
    )


def test_guest_reports_staff_restore_owner_is_told(app_url, backend, new_page, tmp_path_factory):
    page = new_page(PHONE)
    open_app(page, app_url)
    tap_to(page, "welcome-guest", "guest-report-outage")
    tap_to(page, "guest-report-outage", "report-submit")
    by_id(page, "report-kind-hazard").click()
    wait_id(page, "safety-advice")  # the advice shows at once, with the hotline
    assert "1900545454" in text_of(page, "safety-advice")
    shot(page, "incidents-report-hazard-phone")
    by_id(page, "report-kind-no_power").click()
    type_into(page, "Mã khách hàng", CODE)
    type_into(page, "Số điện thoại", "0909111222")
    assert not unnamed_controls(page)
    shot(page, "incidents-report-phone")
    tap_to(page, "report-submit", "report-tracking")
    tracking_no = re.search(r"BC[0-9A-Z]+", text_of(page, "report-tracking")).group(0)
    wait_text(page, "incident-timeline", "Đã ghi nhận")
    shot(page, "incidents-status-reported-phone")
    status = httpx.get(f"{backend}/public/outage-reports/{tracking_no}", timeout=10).json()
    incident_id = status["incident"]["id"]

    make_staff(tmp_path_factory, "+84938000111")
    staff_confirm_and_restore(new_page(DESKTOP), app_url, incident_id)

    by_id(page, "report-refresh").click()
    wait_text(page, "incident-timeline", "Đã có điện")
    text = text_of(page, "incident-timeline")
    assert "Đã xác nhận" in text and "Dự kiến có điện lại" in text
    shot(page, "incidents-status-restored-phone")

    owner = new_page(PHONE)
    sign_in(owner, app_url, OWNER)
    nav(owner, "Thông báo", wide=False)
    owner.wait_for_function(
        f"() => ({SCREEN_TEXT_JS})().includes('Đã có điện trở lại')", timeout=30_000
    )
    shot(owner, "incidents-owner-inbox-phone")

    # Lịch: the cut beside the planned ones, and its day marked on the grid (closed today,
    # so it is still listed: the area's cuts of the last 24 hours).
    select_code(owner, CODE)
    nav(owner, "Lịch", wide=False)
    wait_id(owner, f"calendar-incident-{incident_id}", timeout=30_000)
    marked = owner.evaluate(
        """() => Array.from(document.querySelectorAll('[flt-semantics-identifier^="day-"]'))
            .filter(e => (e.getAttribute('aria-label') || e.textContent)
            .includes('Mất điện đột xuất')).length"""
    )
    assert marked >= 1
    shot(owner, "incidents-calendar-phone")
    nav(owner, "Thông báo", wide=False)
    token = api_token(backend, OWNER)
    items = httpx.get(
        f"{backend}/notifications", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()["items"]
    restored = [n for n in items if n["kind"] == "incident_restored"]
    assert len(restored) == 1 and restored[0]["ref_id"] == str(incident_id)
    notice = owner.locator(f'[flt-semantics-identifier="notice-{restored[0]["id"]}"]').last
    notice.click()
    wait_id(owner, "incident-timeline", timeout=30_000)
    assert "Đã có điện" in screen_text(owner)
    shot(owner, "incidents-from-notice-phone")


def test_kiosk_reports_a_hazard_by_address_in_english(calm_kiosk_url, backend, new_page):
    """The kiosk start screen's tile; no location offered on a kiosk; the address is left for
    staff and the status page says so; the advice and hotline stay on the status page."""
    page = new_page(DESKTOP)
    open_app(page, calm_kiosk_url)
    wait_id(page, "language-switch").click()
    tap_to(page, "kiosk-report-outage", "report-submit")
    assert by_id(page, "report-locate").count() == 0
    by_id(page, "report-kind-hazard").click()
    wait_text(page, "safety-advice", "Keep at least 10 metres away")
    type_into(page, "Address (house number, street, ward)", "42 Le Loi, Ben Thanh")
    assert not unnamed_controls(page)
    shot(page, "incidents-kiosk-hazard-desktop-en")
    tap_to(page, "report-submit", "report-unplaced")
    wait_text(page, "report-unplaced", "Our staff will find the area")
    wait_id(page, "safety-advice")
    shot(page, "incidents-kiosk-status-desktop-en")
