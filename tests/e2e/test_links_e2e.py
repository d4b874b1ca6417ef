"""The issue's key scenario: the owner approves the pending relative, and the relative (signed
in in a second browser) then sees the contract's name and address, live."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page

from tests.e2e import flet_page
from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    by_id,
    open_app,
    shot,
    text_of,
    type_into,
    unnamed_controls,
    wait_id,
)

PASSWORD = "DienNha@2025"
OWNER, RELATIVE = "0901234567", "0912345678"
CODE = "PE01000123456"
OWNER_NAME, ADDRESS = "Nguyễn Văn An", "12 Nguyễn Huệ"


def wait_text(page: Page, identifier: str, text: str, timeout: float = 30_000) -> None:
    """flet_page.wait_text with this file's longer default (two browser contexts at once)."""
    flet_page.wait_text(page, identifier, text, timeout)


def wait_gone(page: Page, identifier: str, name: str, timeout: float = 15_000) -> None:
    """Wait until nothing carries `identifier`; keep a screenshot of the page if it stays."""
    try:
        page.wait_for_function(
            f"() => !document.querySelector('[flt-semantics-identifier=\"{identifier}\"]')",
            timeout=timeout,
        )
    except Exception:
        shot(page, f"failed-{name}")
        raise


def api_token(api_url: str, phone: str) -> str:
    r = httpx.post(f"{api_url}/auth/login", json={"phone": phone, "password": PASSWORD}, timeout=10)
    r.raise_for_status()
    return r.json()["access_token"]


def link_id_of(api_url: str, phone_e164: str) -> int:
    """The id of `phone`'s link to CODE, as the owner's API sees it (ids differ per database)."""
    token = api_token(api_url, OWNER)
    links = httpx.get(
        f"{api_url}/accounts/{CODE}/links", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    return next(lk["id"] for lk in links if lk["phone"] == phone_e164)


def sign_in(page: Page, app_url: str, phone: str) -> None:
    open_app(page, app_url)
    wait_id(page, "welcome-sign-in").click()
    type_into(page, "Số điện thoại", phone)
    type_into(page, "Mật khẩu", PASSWORD)
    by_id(page, "sign-in-submit").click()
    wait_id(page, "account-card", timeout=30_000)


def select_code(page: Page, code: str) -> None:
    if code in text_of(page, "account-switcher"):
        return
    by_id(page, "account-switcher").click()
    page.get_by_role("menuitemcheckbox", name=code).click()
    wait_text(page, "account-card", code, timeout=10_000)


def test_owner_approves_and_the_relative_then_sees_the_data(app_url, backend, new_page):
    link_id = link_id_of(backend, "+84912345678")

    # The relative first: signed in, the request is pending and the contract stays masked.
    relative = new_page(PHONE)
    sign_in(relative, app_url, RELATIVE)
    card = text_of(relative, "account-card")
    assert CODE in card and "Chờ duyệt" in card
    assert OWNER_NAME not in card and ADDRESS not in card
    shot(relative, "phone-40-relative-pending")

    # The owner sees the request on Trang chủ, with who asked, the note and the two choices.
    owner = new_page(DESKTOP)
    sign_in(owner, app_url, OWNER)
    wait_id(owner, f"request-{link_id}", timeout=20_000)
    text = text_of(owner, f"request-{link_id}")
    assert "Trần Thị Bình" in text and "0912 345 678" in text and "Con gái" in text
    shot(owner, "desktop-41-home-link-request")
    assert unnamed_controls(owner) == []

    by_id(owner, f"approve-{link_id}").click()
    assert "Duyệt" in wait_id(owner, "link-confirm").inner_text()
    shot(owner, "desktop-42-approve-confirm")
    by_id(owner, "link-cancel").click()  # changing one's mind does nothing
    owner.wait_for_timeout(500)
    assert by_id(owner, f"request-{link_id}").count() == 1

    by_id(owner, f"approve-{link_id}").click()
    wait_id(owner, "link-confirm").click()
    wait_id(owner, "links-result", timeout=15_000)
    result = text_of(owner, "links-result")
    assert "Trần Thị Bình" in result and CODE in result
    wait_gone(owner, f"request-{link_id}", "desktop-43-approved")
    shot(owner, "desktop-43-approved")

    # The relative's app hears of it over the live stream: name and address appear.
    wait_text(relative, "account-card", OWNER_NAME)
    card = text_of(relative, "account-card")
    assert ADDRESS in card and "Đã duyệt" in card
    shot(relative, "phone-44-relative-approved")

    # The owner's links page lists her as linked, and the history records the approval.
    select_code(owner, CODE)
    by_id(owner, "open-links").click()
    wait_id(owner, f"linked-{link_id}")
    assert by_id(owner, f"revoke-{link_id}").count() == 1
    by_id(owner, f"show-audit-{CODE}").click()
    wait_id(owner, f"link-audit-{CODE}")
    assert "Duyệt" in text_of(owner, f"link-audit-{CODE}")
    shot(owner, "desktop-45-links-page")
    assert unnamed_controls(owner) == []


def test_a_second_decision_on_the_same_request_is_explained(app_url, backend, new_page):
    """Two owner devices: the first approves, the second (stale) tries to deny -> 409."""
    link_id = link_id_of(backend, "+84912345678")
    page = new_page(PHONE)
    sign_in(page, app_url, OWNER)
    token = api_token(backend, OWNER)
    headers = {"Authorization": f"Bearer {token}"}
    # Make a fresh pending request from the other demo person to have something to decide.
    asker = api_token(backend, "0938000111")
    httpx.post(
        f"{backend}/accounts/links",
        json={"customer_code": CODE, "note": "Hàng xóm"},
        headers={"Authorization": f"Bearer {asker}"},
        timeout=10,
    ).raise_for_status()
    asker_link = link_id_of(backend, "+84938000111")
    select_code(page, CODE)
    wait_id(page, f"request-{asker_link}", timeout=20_000)
    by_id(page, f"deny-{asker_link}").click()
    wait_id(page, "link-confirm")
    # Meanwhile the other device denies it.
    httpx.post(
        f"{backend}/accounts/{CODE}/links/{asker_link}/deny", headers=headers, timeout=10
    ).raise_for_status()
    by_id(page, "link-confirm").click()
    wait_id(page, "links-error", timeout=15_000)
    assert "đã được xử lý" in text_of(page, "links-error")
    wait_gone(page, f"request-{asker_link}", "phone-46-conflict-explained")
    shot(page, "phone-46-conflict-explained")
    assert link_id != asker_link
