"""Lịch with the demo outage marked; the notices badge going up live when a link request
arrives, the inbox deep link to the links page, and the privacy settings."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Page

from domain import clock
from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    TEXT_JS,
    by_id,
    open_app,
    shot,
    text_of,
    type_into,
    unnamed_controls,
    wait_id,
)

PASSWORD = "DienNha@2025"
OWNER, CODE = "0901234567", "PE01000123456"
NEIGHBOUR = "0938000111"  # owns another code; asks to link the owner's
VN = ZoneInfo("Asia/Ho_Chi_Minh")
DISABLED_JS = """e => [e, ...e.querySelectorAll('*')].some(n => n.getAttribute &&
  n.getAttribute('aria-disabled') === 'true') ? 'disabled' : 'enabled'"""


def token(api_url: str, phone: str) -> str:
    r = httpx.post(f"{api_url}/auth/login", json={"phone": phone, "password": PASSWORD}, timeout=10)
    r.raise_for_status()
    return r.json()["access_token"]


def sign_in(page: Page, app_url: str, phone: str) -> None:
    open_app(page, app_url)
    wait_id(page, "welcome-sign-in").click()
    type_into(page, "Số điện thoại", phone)
    type_into(page, "Mật khẩu", PASSWORD)
    by_id(page, "sign-in-submit").click()
    wait_id(page, "account-card", timeout=30_000)


def select_code(page: Page, code: str) -> None:
    if code not in text_of(page, "account-switcher"):
        by_id(page, "account-switcher").click()
        page.get_by_role("menuitemcheckbox", name=code).click()
        page.wait_for_timeout(1000)


def unread(page: Page) -> int:
    """The number on Thông báo (0 when there is no badge)."""
    node = page.locator('[flt-semantics-identifier="nav-notices-badge"]')
    label = (node.last.get_attribute("aria-label") or "") if node.count() else ""
    found = re.search(r"(\d+) chưa đọc", label)
    return int(found.group(1)) if found else 0


def nav(page: Page, name: str, wide: bool) -> None:
    page.get_by_role("button" if wide else "tab", name=re.compile(f"^{name}")).first.click()


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_owner_opens_the_outage_calendar(app_url, backend, new_page, size, viewport):
    headers = {"Authorization": f"Bearer {token(backend, OWNER)}"}
    outages = httpx.get(f"{backend}/accounts/{CODE}/outages", headers=headers, timeout=10).json()
    first = datetime.fromisoformat(outages[0]["starts_at"].replace("Z", "+00:00")).astimezone(VN)
    page = new_page(viewport)
    sign_in(page, app_url, OWNER)
    select_code(page, CODE)
    nav(page, "Lịch", size == "desktop")
    wait_id(page, "calendar-month-grid", timeout=20_000)
    upcoming = text_of(page, "upcoming-outages")
    assert first.strftime("%d/%m/%Y %H:%M") in upcoming and "Theo kế hoạch" in upcoming
    today = clock.today()
    if (first.year, first.month) != (today.year, today.month):
        by_id(page, "calendar-next").click()
        page.wait_for_function(
            "m => document.querySelector('[flt-semantics-identifier=\"calendar-month\"]')"
            "?.innerText.includes(m)",
            arg=f"Tháng {first.month} ",
        )
    day = f"day-{first.date().isoformat()}"
    page.wait_for_function(  # the month's outages arrive after its grid
        f'id => ({TEXT_JS})(document.querySelector(`[flt-semantics-identifier="${{id}}"]`))'
        ".includes('Ngày cắt điện')",
        arg=day,
        timeout=15_000,
    )
    by_id(page, day).click()
    wait_id(page, "calendar-day")
    day_text = text_of(page, "calendar-day")
    assert "Sửa chữa" in day_text and "Khu vực: Sài Gòn – Bến Thành" in day_text, day_text
    shot(page, f"{size}-50-calendar")
    assert unnamed_controls(page) == []


def test_badge_goes_up_when_a_link_request_arrives(app_url, backend, new_page):
    asker = {"Authorization": f"Bearer {token(backend, NEIGHBOUR)}"}
    # A rerun meets the request of the first try, and asking again while it is pending tells
    # the owner nothing new: withdraw it first, so each try starts from no request.
    left = httpx.delete(f"{backend}/accounts/{CODE}/links/me", headers=asker, timeout=10)
    assert left.status_code in (200, 204, 404), left.text
    page = new_page(PHONE)
    sign_in(page, app_url, OWNER)
    page.wait_for_function(
        "() => (document.querySelector('[flt-semantics-identifier=\"nav-notices-badge\"]')"
        "?.getAttribute('aria-label') || '').includes('chưa đọc')",
        timeout=20_000,
    )
    before = unread(page)
    assert before > 0
    shot(page, "phone-51-badge-before")

    # Someone asks to link the owner's code: the owner's badge counts it without a reload.
    httpx.post(
        f"{backend}/accounts/links",
        json={"customer_code": CODE, "note": "Thuê nhà tầng 2"},
        headers=asker,
        timeout=10,
    ).raise_for_status()
    page.wait_for_function(
        "n => { const e = document.querySelector('[flt-semantics-identifier=\"nav-notices-badge\"]');"
        " const m = e && (e.getAttribute('aria-label') || '').match(/(\\d+) chưa đọc/);"
        " return m && Number(m[1]) > n; }",
        arg=before,
        timeout=30_000,
    )
    assert unread(page) == before + 1
    shot(page, "phone-52-badge-after")

    nav(page, "Thông báo", wide=False)
    wait_id(page, "inbox", timeout=20_000)
    notices = page.locator('[flt-semantics-identifier^="notice-"]')
    first_id = notices.first.get_attribute("flt-semantics-identifier")
    assert "Yêu cầu liên kết" in text_of(page, first_id)
    shot(page, "phone-53-notices")
    assert unnamed_controls(page) == []

    by_id(page, first_id).click()  # opens the links page of that code and marks it read
    wait_id(page, f"owned-{CODE}", timeout=20_000)
    assert "Thuê nhà tầng 2" in text_of(page, f"owned-{CODE}")
    page.wait_for_function(
        "n => { const e = document.querySelector('[flt-semantics-identifier=\"nav-notices-badge\"]');"
        " const m = e && (e.getAttribute('aria-label') || '').match(/(\\d+) chưa đọc/);"
        " return !m || Number(m[1]) < n; }",
        arg=before + 1,
        timeout=15_000,
    )
    shot(page, "phone-54-links-from-notice")

    nav(page, "Thông báo", wide=False)
    wait_id(page, "inbox", timeout=20_000)  # loaded: the button is enabled
    by_id(page, "notices-read-all").click()
    page.wait_for_function(
        "() => !(document.querySelector('[flt-semantics-identifier=\"nav-notices-badge\"]')"
        "?.getAttribute('aria-label') || '').includes('chưa đọc')",
        timeout=15_000,
    )
    assert unread(page) == 0
    shot(page, "phone-55-all-read")

    # A bill notice leads to that bill. The seeded "bill issued" notices are older than
    # every sign-in of these tests: scroll down (and page on with "Xem thêm") to reach one.
    find_bill = f"""() => [...document.querySelectorAll('[flt-semantics-identifier^="notice-"]')]
      .filter(e => ({TEXT_JS})(e).includes('Hóa đơn tiền điện tháng'))
      .map(e => e.getAttribute('flt-semantics-identifier'))[0] || null"""
    bill_id = None
    for _ in range(30):
        if bill_id := page.evaluate(find_bill):
            break
        more = page.locator('[flt-semantics-identifier="notices-more"]')
        if more.count():
            more.last.click()
            page.wait_for_timeout(1000)
            continue
        page.mouse.move(195, 500)
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(400)
    assert bill_id, "no bill notice in the inbox"
    by_id(page, bill_id).click()
    page.wait_for_url(re.compile(r".*/bills/\d+$"), timeout=15_000)
    shot(page, "phone-59-bill-from-notice")


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_privacy_settings_explain_and_ask_before_withdrawing(app_url, new_page, size, viewport):
    page = new_page(viewport)
    sign_in(page, app_url, OWNER)
    by_id(page, "open-settings").click()
    wait_id(page, "account-settings", timeout=20_000)
    shot(page, f"{size}-56-settings")
    by_id(page, "consent-marketing").click()  # give: recorded at once
    page.wait_for_timeout(1500)
    by_id(page, "consent-marketing").click()  # withdraw: asks first, says what changes
    wait_id(page, "withdraw-confirm")
    shot(page, f"{size}-57-withdraw-consent")
    by_id(page, "withdraw-confirm").click()
    page.wait_for_timeout(1000)
    by_id(page, "delete-account").click()
    wait_id(page, "delete-confirm")
    assert "disabled" in by_id(page, "delete-confirm").evaluate(DISABLED_JS)
    type_into(page, "Nhập số điện thoại của bạn để xác nhận", "0912345678")  # not theirs
    assert "disabled" in by_id(page, "delete-confirm").evaluate(DISABLED_JS)
    shot(page, f"{size}-58-delete-confirm")
    by_id(page, "delete-cancel").click()
    assert unnamed_controls(page) == []
