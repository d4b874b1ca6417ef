"""Issue 21: two unpaid bills, one QR. The owner presses "Thanh toán tất cả" on home, the QR
screen shows the total; the bank pays the batch reference by the signed webhook and the screen
turns "Đã thanh toán 2 hóa đơn"."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing

import httpx

from domain.vietqr import parse_payload
from tests.e2e.flet_page import DESKTOP, PHONE, by_id, shot, tap_to, text_of, wait_id
from tests.e2e.usage_bills_steps import (
    AMI,
    OWNER,
    PASSWORD,
    bank_pays,
    money,
    select_code,
    sign_in,
)


def _two_unpaid(db_file) -> list[int]:
    with closing(sqlite3.connect(db_file)) as db, db:
        ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM bills WHERE customer_code = ? ORDER BY period_month DESC LIMIT 2",
                (AMI,),
            )
        ]
        db.execute(
            "UPDATE bills SET status = 'unpaid', paid_at = NULL, channel = NULL,"
            f" transaction_id = NULL WHERE id IN ({ids[0]}, {ids[1]})"
        )
        # Exactly these two are owed, whatever earlier tests left: other bills and adjustment
        # bills still owed (a review e2e leaves one) are settled at the counter.
        now = time.strftime("%Y-%m-%d %H:%M:%S.000000", time.gmtime())
        db.execute(
            "UPDATE bills SET status = 'paid', paid_at = ?, channel = 'counter'"
            f" WHERE customer_code = ? AND status != 'paid' AND id NOT IN ({ids[0]}, {ids[1]})",
            (now, AMI),
        )
        db.execute(
            "UPDATE bill_adjustments SET status = 'paid', paid_at = ?"
            " WHERE customer_code = ? AND status IN ('unpaid', 'overdue')",
            (now, AMI),
        )
    return ids


def _batch(api_url: str) -> httpx.Response:
    token = httpx.post(
        f"{api_url}/auth/login", json={"phone": OWNER, "password": PASSWORD}, timeout=10
    ).json()["access_token"]
    return httpx.post(
        f"{api_url}/accounts/{AMI}/payment-batches",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def test_one_qr_pays_every_unpaid_bill(app_url, backend, backend_data, new_page):
    ids = _two_unpaid(backend_data / "diennha.sqlite3")
    page = new_page(PHONE)
    sign_in(page, app_url)
    select_code(page, AMI)
    button = wait_id(page, "home-bill-pay-all", timeout=20_000)
    assert "Thanh toán tất cả (2 hóa đơn" in text_of(page, "home-bill-pay-all")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 48
    button.click()
    wait_id(page, "pay-qr", timeout=20_000)
    # the screen's batch is the live one: asking again reuses it (200, same reference)
    again = _batch(backend)
    assert again.status_code == 200, again.text
    batch = again.json()
    assert sorted(batch["bill_ids"]) == sorted(ids)
    assert parse_payload(batch["qr"]["payload"]).bill_number == batch["reference"]
    assert money(batch["amount"]) in text_of(page, "pay-amount")
    assert batch["reference"] in text_of(page, "pay-bill-no")
    shot(page, "phone-85-pay-all-qr")
    bank_pays(backend, batch["reference"], batch["amount"], f"E2EALL{int(time.time())}")
    wait_id(page, "pay-paid", timeout=20_000)
    assert "Đã thanh toán 2 hóa đơn" in text_of(page, "pay-paid")
    shot(page, "phone-86-pay-all-paid")


def _settings(page, theme: str, language: str, settled: str) -> None:
    """Theme and language from Settings; the language belongs to the profile (server side)."""
    tap_to(page, "open-settings", "settings-theme")
    page.get_by_role("button", name=theme).click()
    page.get_by_role("button", name=language).click()
    page.get_by_text(settled).wait_for()
    by_id(page, "back").click()


def test_pay_all_on_a_desktop_in_english_and_dark(app_url, backend, backend_data, new_page):
    """The same screen at 1280×800, in English, dark: the words follow the language and the
    QR stays black on white. The owner's profile goes back to Vietnamese and light at the end,
    whatever happens: later tests read Vietnamese words."""
    _two_unpaid(backend_data / "diennha.sqlite3")
    page = new_page(DESKTOP)
    sign_in(page, app_url)
    _settings(page, "Tối", "English", "Light/dark theme")
    try:
        select_code(page, AMI)
        button = wait_id(page, "home-bill-pay-all", timeout=20_000)
        assert "Pay all (2 bills" in text_of(page, "home-bill-pay-all")
        button.click()
        wait_id(page, "pay-qr", timeout=20_000)
        batch = _batch(backend).json()
        assert batch["reference"] in text_of(page, "pay-bill-no")
        assert "Waiting" in text_of(page, "pay-waiting")
        shot(page, "desktop-87-pay-all-qr-dark-en")
        by_id(page, "back").click()
    finally:
        _settings(page, "Light", "Tiếng Việt", "Giao diện sáng/tối")
