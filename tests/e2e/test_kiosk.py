"""Kiosk profile: big start screen with the latest bill by code, one-time-code sign-in,
"Tôi đã xong", and the idle countdown that wipes the session (browser Back shows nothing)."""

from __future__ import annotations

import time

import httpx
from playwright.sync_api import Page

from tests.e2e.conftest import KIOSK_IDLE_S, KIOSK_WARNING_S
from tests.e2e.dev_outbox import latest_otp
from tests.e2e.flet_page import (
    DESKTOP,
    by_id,
    open_app,
    screen_text,
    shot,
    tap_to,
    type_into,
    unnamed_controls,
    wait_id,
)

PHONE_NUMBER = "0938000111"  # demo owner of PE02000777888 (kept apart from the other tests)
CODE = "PE02000777888"
NAME = "Phạm Quốc Dũng"  # the contract holder: never on a kiosk screen after sign-out


def show_every_tile(page: Page) -> None:
    """Five tiles since "Báo mất điện" (issue 17): at 1280x800 the last row sits below the
    fold; a wheel turn brings it into view (Flutter builds semantics for what is on screen)."""
    page.mouse.move(640, 600)
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(500)


def sign_in_with_code(page: Page, api: str) -> None:
    show_every_tile(page)
    tap_to(page, "kiosk-sign-in", "send-otp")
    assert by_id(page, "sign-in-mode").count() == 0  # no password on a shared machine
    assert by_id(page, "go-register").count() == 0
    type_into(page, "Số điện thoại", PHONE_NUMBER)
    by_id(page, "send-otp").click()
    page.get_by_role("textbox", name="Mã OTP").wait_for()
    type_into(page, "Mã OTP", latest_otp(api, PHONE_NUMBER))
    by_id(page, "sign-in-submit").click()
    wait_id(page, "account-card", timeout=30_000)


def test_kiosk_start_screen_looks_up_the_latest_bill(calm_kiosk_url, new_page):
    page = new_page(DESKTOP)
    open_app(page, calm_kiosk_url)
    wait_id(page, "kiosk-look-up")
    assert by_id(page, "open-settings").count() == 0
    height = by_id(page, "kiosk-look-up").bounding_box()["height"]
    assert height >= 64, height
    show_every_tile(page)
    for tile in ("kiosk-estimate", "kiosk-tariffs", "kiosk-fraud", "kiosk-sign-in"):
        assert by_id(page, tile).bounding_box()["height"] >= 64, tile
    assert unnamed_controls(page) == []
    shot(page, "kiosk-01-start")
    type_into(page, "Mã khách hàng", CODE.lower())
    by_id(page, "kiosk-look-up").click()
    wait_id(page, "kiosk-result")
    text = screen_text(page)
    assert CODE in text and "Hóa đơn mới nhất" in text and " đ" in text
    assert NAME not in text
    shot(page, "kiosk-02-bill-status")
    by_id(page, "kiosk-fraud").click()
    assert "OTP" in wait_id(page, "articles-fraud").inner_text()


def test_idle_kiosk_counts_down_signs_out_and_forgets(kiosk_url, backend, new_page):
    page = new_page(DESKTOP)
    open_app(page, kiosk_url)
    sign_in_with_code(page, backend)
    wait_id(page, "kiosk-done")
    assert by_id(page, "open-settings").count() == 0
    assert CODE in by_id(page, "account-card").inner_text()
    page.get_by_role("button", name="Hóa đơn").first.click()
    page.locator('[flt-semantics-identifier^="bill-"]').first.wait_for()
    shot(page, "kiosk-03-signed-in-bills")
    assert unnamed_controls(page) == []

    countdown = wait_id(page, "kiosk-countdown", timeout=KIOSK_IDLE_S * 1000)
    assert "Tự động đăng xuất sau" in countdown.inner_text()
    wait_id(page, "kiosk-still-here")
    shot(page, "kiosk-04-countdown")
    wait_id(page, "kiosk-look-up", timeout=KIOSK_IDLE_S * 1000)
    shot(page, "kiosk-05-wiped")
    assert CODE not in screen_text(page)

    page.go_back()  # the browser's history still has the bills page: it must show nothing
    time.sleep(2)
    wait_id(page, "kiosk-look-up")
    text = screen_text(page)
    assert CODE not in text and NAME not in text
    assert by_id(page, "account-card").count() == 0 and by_id(page, "kiosk-done").count() == 0


def test_still_here_keeps_the_session(kiosk_url, backend, new_page):
    page = new_page(DESKTOP)
    open_app(page, kiosk_url)
    sign_in_with_code(page, backend)
    wait_id(page, "kiosk-still-here", timeout=KIOSK_IDLE_S * 1000).click()
    wait_id(page, "account-card")  # the countdown went away
    # Past the first deadline (the countdown showed its last 6 s): the tap started a new one,
    # whose own countdown is on screen by now, still for a signed-in person.
    time.sleep(KIOSK_WARNING_S + 1)
    assert by_id(page, "kiosk-look-up").count() == 0
    assert "Tự động đăng xuất sau" in wait_id(page, "kiosk-countdown").inner_text()
    wait_id(page, "kiosk-done").click()  # "Tôi đã xong": signed out on the server too
    wait_id(page, "kiosk-look-up")
    assert CODE not in screen_text(page)
    shot(page, "kiosk-06-done")
    owner = httpx.post(
        f"{backend}/auth/login",
        json={"phone": PHONE_NUMBER, "password": "DienNha@2025", "device": "e2e check"},
        timeout=10,
    ).json()
    sessions = httpx.get(
        f"{backend}/me/sessions",
        headers={"Authorization": f"Bearer {owner['access_token']}"},
        timeout=10,
    ).json()
    assert not [s for s in sessions if "kiosk" in (s.get("device") or "")], sessions
