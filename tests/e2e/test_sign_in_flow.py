"""Demo owner signs in, switches customer code, opens settings and signs out (phone and desktop)."""

from __future__ import annotations

import pytest

from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    by_id,
    open_app,
    shot,
    tap_to,
    type_into,
    unnamed_controls,
    wait_id,
)

OWNER_PHONE = "0901234567"
PASSWORD = "DienNha@2025"
CODES = ("PE01000123456", "PD01000654321")


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_owner_signs_in_switches_account_and_signs_out(app_url, new_page, size, viewport):
    page = new_page(viewport)
    open_app(page, app_url)
    wait_id(page, "welcome-sign-in")
    shot(page, f"{size}-01-welcome")
    assert unnamed_controls(page) == []

    by_id(page, "welcome-sign-in").click()
    type_into(page, "Số điện thoại", OWNER_PHONE)
    type_into(page, "Mật khẩu", PASSWORD)
    shot(page, f"{size}-02-sign-in")
    by_id(page, "sign-in-submit").click()

    card = wait_id(page, "account-card")
    shot(page, f"{size}-03-home")
    assert unnamed_controls(page) == []
    first = next(code for code in CODES if code in card.inner_text())
    other = next(code for code in CODES if code != first)
    nav = "tab" if size == "phone" else "button"
    assert page.get_by_role(nav, name="Hóa đơn").count() >= 1  # bar on phones, rail on desktop

    by_id(page, "account-switcher").click()
    page.get_by_role("menuitemcheckbox", name=other).wait_for()
    shot(page, f"{size}-04-switcher")
    page.get_by_role("menuitemcheckbox", name=other).click()
    page.wait_for_function(
        "code => document.querySelector('[flt-semantics-identifier=\"account-card\"]')"
        "?.innerText.includes(code)",
        arg=other,
        timeout=10_000,
    )
    assert other in by_id(page, "account-switcher").inner_text()
    shot(page, f"{size}-05-switched")

    tap_to(page, "open-settings", "sign-out")
    shot(page, f"{size}-06-settings")
    assert unnamed_controls(page) == []
    by_id(page, "sign-out").click()
    wait_id(page, "confirm-sign-out").click()  # issue 21.12: asked first
    wait_id(page, "welcome-sign-in")
    shot(page, f"{size}-07-signed-out")

    page.goto(app_url)  # the signed-in pages are closed again
    open_app(page, app_url)
    wait_id(page, "welcome-sign-in")


def test_wrong_password_is_explained(app_url, new_page):
    page = new_page(PHONE)
    open_app(page, f"{app_url}sign-in")
    type_into(page, "Số điện thoại", OWNER_PHONE)
    type_into(page, "Mật khẩu", "sai-mat-khau")
    by_id(page, "sign-in-submit").click()
    error = wait_id(page, "form-error")
    assert "không đúng" in error.inner_text()
    shot(page, "phone-08-wrong-password")
