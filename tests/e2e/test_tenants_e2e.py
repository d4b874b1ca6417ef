"""Tenants' share (issue 18) in Chromium: a tenant invited by phone accepts in the app, the owner
approves, and the tenant's room shows each bill's share at the household tariff — and
nothing of the household (name, address)."""

from __future__ import annotations

import time

import httpx

from tests.e2e.dev_outbox import latest_otp
from tests.e2e.flet_page import (
    PHONE,
    by_id,
    open_app,
    screen_text,
    shot,
    type_into,
    unnamed_controls,
    wait_id,
    wait_text,
)
from tests.e2e.test_links_e2e import sign_in as links_sign_in

PASSWORD = "DienNha@2025"
OWNER, CODE = "0938000111", "PE02000777888"
OWNER_NAME, STREET = "Phạm Quốc Dũng", "45 Lê Lợi"
TENANT_PASSWORD = "Mat-khau-123"


def _bearer(api: str, phone: str, password: str = PASSWORD) -> dict[str, str]:
    r = httpx.post(f"{api}/auth/login", json={"phone": phone, "password": password}, timeout=10)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _register(api: str, phone: str) -> None:
    """A new person (kept when a rerun finds them registered already)."""
    login = {"phone": phone, "password": TENANT_PASSWORD}
    if httpx.post(f"{api}/auth/login", json=login, timeout=10).status_code == 200:
        return
    httpx.post(f"{api}/auth/otp", json={"phone": phone, "purpose": "register"}, timeout=10)
    body = {
        "phone": phone,
        "otp": latest_otp(api, phone),
        "password": TENANT_PASSWORD,
        "full_name": "Người Thuê",
    }
    httpx.post(f"{api}/auth/register", json=body, timeout=10).raise_for_status()


def test_a_tenant_accepts_and_reads_their_share(app_url, backend, new_page):
    tenant = f"0369{int(time.time() * 10) % 10**6:06d}"  # a new person on a rerun too
    owner = _bearer(backend, OWNER)
    room = {"name": "Phòng 3A", "residents": 5, "moved_in": "2020-01-01", "invite_phone": tenant}
    r = httpx.post(f"{backend}/accounts/{CODE}/rooms", json=room, headers=owner, timeout=10)
    r.raise_for_status()
    room_id = r.json()["id"]
    _register(backend, tenant)

    page = new_page(PHONE)
    open_app(page, app_url)
    wait_id(page, "welcome-sign-in").click()
    type_into(page, "Số điện thoại", tenant)
    type_into(page, "Mật khẩu", TENANT_PASSWORD)
    by_id(page, "sign-in-submit").click()
    wait_id(page, "home-my-room", timeout=30_000).click()
    wait_id(page, f"invitation-accept-{room_id}").click()
    wait_text(page, "my-room-empty", "chưa duyệt", timeout=30_000)
    shot(page, "phone-tenant-1-waiting")

    rooms = httpx.get(f"{backend}/accounts/{CODE}/rooms", headers=owner, timeout=10).json()
    link_id = next(x["link_id"] for x in rooms if x["id"] == room_id)
    httpx.post(
        f"{backend}/accounts/{CODE}/links/{link_id}/approve", headers=owner, timeout=10
    ).raise_for_status()
    shares = httpx.get(
        f"{backend}/accounts/{CODE}/my-room/shares",
        headers=_bearer(backend, tenant, TENANT_PASSWORD),
        timeout=10,
    ).json()
    assert shares, "the demo has bills for the code"
    month = shares[0]["period_month"]

    # The approval's notice reloads the page while open; reopening it loads it too (a notice
    # can arrive before the stream is back, so the test does not wait on it).
    by_id(page, "back").click()
    wait_id(page, "home-my-room", timeout=30_000).click()
    wait_id(page, f"share-{month}", timeout=30_000)
    type_into(page, "Giá chủ nhà thu (đ/kWh), để so sánh", "4000")
    wait_text(page, f"share-compare-{month}", "Chủ nhà thu")
    shot(page, "phone-tenant-2-my-room")
    text = screen_text(page)
    assert "Phòng 3A" in text and "2 hộ" in text  # five residents: two household norms
    assert OWNER_NAME not in text and STREET not in text
    assert unnamed_controls(page) == []


def test_an_owner_adds_a_room_and_invites_a_tenant(app_url, backend, new_page):
    page = new_page(PHONE)
    links_sign_in(page, app_url, OWNER)
    wait_id(page, "open-links", timeout=30_000).click()
    wait_id(page, "open-rooms", timeout=30_000).click()
    wait_id(page, "room-add")
    name = f"Phòng {int(time.time()) % 1000}"
    type_into(page, "Tên phòng", name)
    type_into(page, "Số người ở", "9")
    type_into(page, "Ngày vào ở (dd/mm/yyyy)", "01/02/2026")
    by_id(page, "room-add").click()
    owner = _bearer(backend, OWNER)
    deadline = time.monotonic() + 30
    while not any(r["name"] == name for r in _rooms(backend, owner)):
        assert time.monotonic() < deadline, "the room was not added"
        time.sleep(0.5)
    room = next(r for r in _rooms(backend, owner) if r["name"] == name)
    assert (room["residents"], room["households"], room["moved_in"]) == (9, 3, "2026-02-01")
    wait_text(page, f"room-{room['id']}", "3 hộ định mức")
    wait_id(page, f"room-invite-{room['id']}")  # the invite row is drawn
    shot(page, "phone-owner-rooms")
    assert unnamed_controls(page) == []


def _rooms(api: str, headers: dict[str, str]) -> list[dict]:
    return httpx.get(f"{api}/accounts/{CODE}/rooms", headers=headers, timeout=10).json()
