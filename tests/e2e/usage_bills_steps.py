"""Steps of the usage/bills end-to-end tests: sign-in, code switching, the API and the bank."""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import httpx
from playwright.sync_api import Page

from server.config import DEV_WEBHOOK_SECRET
from server.services.payments.wire import sign
from tests.e2e.flet_page import by_id, open_app, text_of, type_into, wait_id, wait_text

OWNER, PASSWORD = "0901234567", "DienNha@2025"
AMI, MANUAL = "PE01000123456", "PD01000654321"


def bills_of(api_url: str, year: int) -> list[dict]:
    """The AMI code's bills of `year` as the API lists them (ids differ per database)."""
    signed = httpx.post(
        f"{api_url}/auth/login", json={"phone": OWNER, "password": PASSWORD}, timeout=10
    )
    assert signed.status_code == 200, signed.text  # say why, should a sign-in be refused
    token = signed.json()["access_token"]
    return httpx.get(
        f"{api_url}/accounts/{AMI}/bills",
        params={"year": year},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()


def make_unpaid(api_url: str, db_file: Path) -> dict:
    """Arrange: the AMI code's newest bill is unpaid (a bill an earlier test, or a rerun, paid is
    reset), so a test can pay it on any date. Returns the bill as the API lists it."""
    with closing(sqlite3.connect(db_file)) as db, db:
        bill_id, month = db.execute(
            "SELECT id, period_month FROM bills WHERE customer_code = ?"
            " ORDER BY period_month DESC LIMIT 1",
            (AMI,),
        ).fetchone()
        db.execute(
            "UPDATE bills SET status = 'unpaid', paid_at = NULL, channel = NULL,"
            " transaction_id = NULL WHERE id = ?",
            (bill_id,),
        )
    year = date.fromisoformat(str(month)[:10]).year
    [bill] = [b for b in bills_of(api_url, year) if b["id"] == bill_id]
    assert bill["status"] != "paid", bill
    return bill


def bank_pays(api_url: str, reference: str, amount: int, transaction_id: str) -> None:
    """What the bank sends once the transfer lands: HMAC-SHA256 over "<timestamp>.<body>"."""
    body = json.dumps(
        {
            "transaction_id": transaction_id,
            "bill_no": reference,
            "amount": amount,
            "channel": "vietqr",
        }
    ).encode()
    stamp = str(int(time.time()))
    response = httpx.post(
        f"{api_url}/payments/webhook",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Timestamp": stamp,
            "X-Signature": sign(DEV_WEBHOOK_SECRET, stamp, body),
        },
        timeout=10,
    )
    assert response.status_code == 200 and response.json()["status"] == "paid", response.text


def pay_by_webhook(api_url: str, bill: dict) -> None:
    reference = f"{bill['invoice_serial']}{bill['invoice_no']}"
    bank_pays(api_url, reference, bill["total"], f"E2E{bill['id']}T{int(time.time())}")


def sign_in(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    wait_id(page, "welcome-sign-in").click()
    type_into(page, "Số điện thoại", OWNER)
    type_into(page, "Mật khẩu", PASSWORD)
    by_id(page, "sign-in-submit").click()
    wait_id(page, "account-card", timeout=30_000)


def select_code(page: Page, code: str) -> None:
    if code in text_of(page, "account-switcher"):
        return
    by_id(page, "account-switcher").click()
    page.get_by_role("menuitemcheckbox", name=code).click()
    wait_text(page, "account-switcher", code, timeout=10_000)


def go(page: Page, label: str, phone: bool) -> None:
    """A destination of the bottom bar (phones) or of the rail (wide windows)."""
    page.get_by_role("tab" if phone else "button", name=label).first.click()


def money(vnd: int) -> str:
    return f"{vnd:,}".replace(",", ".") + " đ"
