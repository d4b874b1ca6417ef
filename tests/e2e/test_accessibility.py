"""Accessibility over the web semantics tree: every interactive control on every screen has a
name; the keyboard reaches sign-in and the estimator in reading order; at 200 % text the
screens are kept as screenshots to look at (test-artifacts/e2e/a11y-*)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    by_id,
    open_app,
    shot,
    small_targets,
    tap_to,
    type_into,
    unnamed_controls,
    wait_id,
)
from tests.e2e.usage_bills_steps import AMI, OWNER, PASSWORD, select_code

FOCUSED_JS = """() => { const e = document.activeElement; if (!e) return '';
  const node = e.closest('[flt-semantics-identifier]');
  return (node && node.getAttribute('flt-semantics-identifier')) || e.getAttribute('aria-label')
    || e.tagName; }"""


def go(page: Page, label: str, phone: bool) -> None:
    role = "tab" if phone else "button"
    page.get_by_role(role, name=re.compile(f"^{label}")).first.click()


def no_unnamed(page: Page, screen: str) -> None:
    assert unnamed_controls(page) == [], screen


def test_every_guest_screen_names_its_controls(app_url, new_page):
    page = new_page(DESKTOP)
    open_app(page, app_url)
    wait_id(page, "welcome-sign-in")
    no_unnamed(page, "welcome")
    tap_to(page, "welcome-sign-in", "sign-in-submit")
    no_unnamed(page, "sign-in")
    by_id(page, "back").click()
    wait_id(page, "welcome-register")
    tap_to(page, "welcome-register", "register-phone")
    no_unnamed(page, "register")
    by_id(page, "back").click()
    tap_to(page, "welcome-guest", "estimate-submit")
    no_unnamed(page, "guest")
    tap_to(page, "link-tariffs", "tariffs-current")
    no_unnamed(page, "tariffs")


def test_every_signed_in_screen_names_its_controls(app_url, backend, new_page, unpaid_bill):
    bill = unpaid_bill
    page = new_page(DESKTOP)
    open_app(page, f"{app_url}sign-in")
    type_into(page, "Số điện thoại", OWNER)
    type_into(page, "Mật khẩu", PASSWORD)
    by_id(page, "sign-in-submit").click()
    wait_id(page, "account-card", timeout=30_000)
    select_code(page, AMI)
    no_unnamed(page, "home")
    for label, marker in (("Sản lượng", "usage-chart"), ("Lịch", "calendar-month-grid")):
        go(page, label, phone=False)
        wait_id(page, marker, timeout=30_000)
        no_unnamed(page, label)
    by_id(page, "nav-notices-badge").click()  # the rail's Thông báo, named by its count
    wait_id(page, "notices-filter", timeout=30_000)
    no_unnamed(page, "notices")
    go(page, "Hóa đơn", phone=False)
    wait_id(page, f"bill-{bill['id']}")
    no_unnamed(page, "bills")
    by_id(page, f"bill-{bill['id']}").click()
    wait_id(page, "bill-breakdown")
    no_unnamed(page, "bill detail")
    wait_id(page, "bill-pay").click()
    wait_id(page, "pay-qr", timeout=20_000)
    no_unnamed(page, "pay")
    go(page, "Trang chủ", phone=False)
    wait_id(page, "open-links").click()
    page.wait_for_url(re.compile(r".*/links$"), timeout=15_000)
    page.wait_for_timeout(1500)
    no_unnamed(page, "links")
    go(page, "Trang chủ", phone=False)
    wait_id(page, "home-fraud").click()  # the fraud warning: one tap from the signed-in home
    wait_id(page, "official-site")
    no_unnamed(page, "fraud warning")
    by_id(page, "back").click()
    wait_id(page, "account-card")
    tap_to(page, "open-settings", "sign-out")
    no_unnamed(page, "settings")


def tab_through(page, presses: int) -> list[str]:
    """What has the focus after each of `presses` Tab presses."""
    order = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        page.wait_for_timeout(150)
        order.append(page.evaluate(FOCUSED_JS))
    return order


def test_tab_order_follows_the_sign_in_form_and_the_estimator(app_url, new_page):
    page = new_page(DESKTOP)
    open_app(page, f"{app_url}sign-in")
    wait_id(page, "sign-in-submit")
    order = tab_through(page, 10)
    expected = ["sign-in-phone", "sign-in-password", "sign-in-submit"]
    # The password's show/hide button sits inside its node: first visits only.
    seen = [o for i, o in enumerate(order) if o in expected and o not in order[:i]]
    assert seen == expected, order

    open_app(page, f"{app_url}guest")
    wait_id(page, "estimate-submit")
    order = tab_through(page, 12)
    expected = [
        "estimate-kwh",
        "estimate-households",
        "estimate-from",
        "estimate-to",
        "estimate-submit",
    ]
    seen = [o for i, o in enumerate(order) if o in expected and o not in order[:i]]
    assert seen == expected, order


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screens_at_200_percent_text(app_url, new_page, size, viewport):
    """Flutter web takes the text scale from the page's root font size (16 px = 100 %)."""
    page = new_page(viewport)
    open_app(page, f"{app_url}guest")
    page.evaluate("document.documentElement.style.fontSize = '32px'")
    wait_id(page, "estimate-submit")
    type_into(page, "Điện năng tiêu thụ (kWh)", "150")
    by_id(page, "estimate-submit").click()
    wait_id(page, "estimate-result")
    shot(page, f"a11y-{size}-guest-200")
    no_unnamed(page, "guest at 200 %")
    open_app(page, f"{app_url}sign-in")
    page.evaluate("document.documentElement.style.fontSize = '32px'")
    wait_id(page, "sign-in-submit")
    shot(page, f"a11y-{size}-sign-in-200")


def test_touch_targets_are_at_least_48_px(app_url, new_page):
    """Issue 21.7: older fingers need Material's 48 px; the compact web density made the
    home QR button, 'Xem chi tiết hóa đơn' and every segmented toggle 32 px."""
    page = new_page(PHONE)
    open_app(page, f"{app_url}sign-in")
    wait_id(page, "sign-in-submit")
    assert small_targets(page) == [], "sign-in"
    type_into(page, "Số điện thoại", OWNER)
    type_into(page, "Mật khẩu", PASSWORD)
    by_id(page, "sign-in-submit").click()
    wait_id(page, "account-card", timeout=30_000)
    select_code(page, AMI)
    wait_id(page, "home-bill-pay", timeout=30_000)
    assert small_targets(page) == [], "home"
    tap_to(page, "open-settings", "settings-text-size")
    page.wait_for_timeout(1000)
    assert small_targets(page) == [], "settings"
