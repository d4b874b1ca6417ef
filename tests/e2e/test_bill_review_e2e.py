"""Issue 18 end to end: the owner opens the bill that rose most, reads why (the sentence the
API gives), taps "Yêu cầu kiểm tra lại hóa đơn"; a staff user corrects it in the staff screen;
the adjustment bill appears under the bills with its own VietQR, which decodes to its amount
and number."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import httpx

from domain import clock
from server.config import DEV_STAFF_KEY
from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    by_id,
    shot,
    tap_to,
    text_of,
    type_into,
    unnamed_controls,
    wait_id,
    wait_text,
)
from tests.e2e.qr_read import qr_on_screen
from tests.e2e.test_links_e2e import api_token
from tests.e2e.test_links_e2e import sign_in as sign_in_as
from tests.e2e.test_services_e2e import STAFF_PHONE, make_staff
from tests.e2e.usage_bills_steps import AMI, OWNER, bills_of, go, select_code, sign_in

STAFF = {"X-Staff-Key": DEV_STAFF_KEY}


def rose_most(api_url: str) -> tuple[dict, dict]:
    """The AMI code's bill with the largest rise over the one before it, and that one."""
    year = clock.today().year
    bills = sorted(
        [*bills_of(api_url, year), *bills_of(api_url, year - 1), *bills_of(api_url, year - 2)],
        key=lambda b: b["period_end"],
    )
    _, before, bill = max((b["total"] - a["total"], a, b) for a, b in pairwise(bills))
    return bill, before


def close_open_reviews(api_url: str) -> None:
    """Arrange: no review left open by an earlier try (one open review per bill)."""
    for status in ("submitted", "received", "in_progress"):
        queue = httpx.get(
            f"{api_url}/admin/service-requests",
            params={"status": status, "type": "bill_review"},
            headers=STAFF,
            timeout=10,
        ).json()
        for r in queue:
            httpx.post(
                f"{api_url}/admin/bill-reviews/{r['id']}/close",
                json={"outcome": "no_change", "reason": "dọn dẹp trước khi kiểm thử"},
                headers=STAFF,
                timeout=10,
            ).raise_for_status()


def test_owner_asks_for_a_review_staff_correct_it_adjustment_has_its_qr(
    app_url, backend, new_page, tmp_path_factory
):
    close_open_reviews(backend)
    bill, _ = rose_most(backend)
    token = api_token(backend, OWNER)
    explained = httpx.get(
        f"{backend}/accounts/{AMI}/bills/{bill['id']}/explain",
        params={"lang": "vi"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()
    assert explained["sentence"].startswith("Hóa đơn tăng")

    page = new_page(DESKTOP)
    sign_in(page, app_url)
    select_code(page, AMI)
    go(page, "Hóa đơn", phone=False)
    wait_id(page, "bills-year")
    while by_id(page, f"bill-{bill['id']}").count() == 0:
        shown = text_of(page, "bills-year")
        by_id(page, "bills-year-prev").click()
        page.wait_for_function(
            "t => { const e = document.querySelector('[flt-semantics-identifier=\"bills-year\"]');"
            " return e && !e.innerText.includes(t); }",
            arg=shown,
        )
        wait_id(page, "bills-list")
    tap_to(page, f"bill-{bill['id']}", "bill-explain-sentence")
    wait_text(page, "bill-explain-sentence", explained["sentence"])
    assert not unnamed_controls(page)
    shot(page, "bill-explain-desktop")
    tap_to(page, "bill-review", "bill-review-filed")
    filed = text_of(page, "bill-review-filed")
    tracking_no = next(w.strip(".,") for w in filed.split() if w.startswith("DV"))
    shot(page, "bill-review-filed-desktop")

    make_staff(tmp_path_factory, "+84938000111")
    staff = new_page(DESKTOP)
    sign_in_as(staff, app_url, STAFF_PHONE)
    tap_to(staff, "home-services", "staff-queue")
    tap_to(staff, "staff-queue", f"staff-request-{tracking_no}")
    tap_to(staff, f"staff-request-{tracking_no}", "staff-review-reason")
    wait_text(staff, "staff-review-sentence", "Hóa đơn tăng")
    right_kwh = Decimal(bill["kwh"]) + 25
    type_into(staff, "Lý do (khách hàng sẽ đọc)", "Ghi sai chỉ số cuối kỳ")
    type_into(staff, "Điện năng đúng (kWh) nếu điều chỉnh", str(right_kwh))
    shot(staff, "bill-review-staff-desktop")
    by_id(staff, "staff-review-corrected").click()
    wait_text(staff, "request-timeline", "Hoàn thành")

    [adjustment] = [
        a
        for a in httpx.get(
            f"{backend}/accounts/{AMI}/adjustments",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        ).json()
        if a["bill_id"] == bill["id"] and a["status"] == "unpaid"
    ][:1]
    tap_to(page, "back", "bills-year")
    tap_to(page, f"adjustment-{adjustment['id']}", "pay-qr")
    wait_text(page, "adjustment-total", f"{adjustment['total']:,}".replace(",", "."))
    page.mouse.move(640, 500)
    page.mouse.wheel(0, 600)  # the QR sits below the adjustment's card
    page.wait_for_timeout(1500)
    shot(page, "bill-adjustment-qr-desktop")
    payload = qr_on_screen(page)
    number = adjustment["invoice_serial"] + adjustment["invoice_no"]
    assert (payload.amount, payload.bill_number) == (adjustment["total"], number)


def test_on_a_phone_the_home_card_and_the_bill_say_why(app_url, backend, new_page):
    """The home card carries the latest bill's sentence; the bill detail explains it, flips to
    last year, and says how its indexes were read."""
    token = api_token(backend, OWNER)
    bills = bills_of(backend, clock.today().year) or bills_of(backend, clock.today().year - 1)
    latest = bills[0]
    auth = {"Authorization": f"Bearer {token}"}
    said = httpx.get(
        f"{backend}/accounts/{AMI}/bills/{latest['id']}/explain", headers=auth, timeout=10
    ).json()["sentence"]
    page = new_page(PHONE)
    sign_in(page, app_url)
    select_code(page, AMI)
    wait_text(page, "home-bill-explain", said[:40])
    owed = [
        a
        for a in httpx.get(f"{backend}/accounts/{AMI}/adjustments", headers=auth, timeout=10).json()
        if a["status"] == "unpaid" and a["total"] > 0
    ]
    for a in owed:  # the review test above leaves one: on the home card with the bills
        assert a["invoice_no"] in text_of(page, f"home-adjustment-{a['id']}")
    shot(page, "bill-explain-home-phone")
    go(page, "Hóa đơn", phone=True)
    tap_to(page, f"bill-{latest['id']}", "bill-explain-sentence")
    wait_text(page, "bill-explain-sentence", said)
    by_id(page, "bill-explain-against").get_by_text("So với cùng kỳ năm trước").click()
    wait_text(page, "bill-explain-sentence", "cùng kỳ năm trước")
    shot(page, "bill-explain-phone")


def test_money_returned_lowers_the_next_bill_and_its_qr(app_url, backend, new_page):
    """A paid bill corrected downwards (API) leaves a credit on the next unpaid bill: its
    detail says "Đã trừ … từ hóa đơn điều chỉnh" and its VietQR pays total − credit."""
    close_open_reviews(backend)
    year = clock.today().year
    bills = sorted(
        [*bills_of(backend, year), *bills_of(backend, year - 1)], key=lambda b: b["period_end"]
    )
    paid = [b for b in bills if b["status"] == "paid"][-1]
    owed = next(
        b
        for b in bills
        if b["period_end"] > paid["period_end"] and b["status"] in ("unpaid", "overdue")
    )
    auth = {"Authorization": f"Bearer {api_token(backend, OWNER)}"}
    filed = httpx.post(
        f"{backend}/accounts/{AMI}/bills/{paid['id']}/review", headers=auth, timeout=10
    )
    assert filed.status_code == 201, filed.text
    closed = httpx.post(
        f"{backend}/admin/bill-reviews/{filed.json()['request_id']}/close",
        json={"outcome": "corrected", "reason": "Công tơ chạy nhanh",
              "corrected_kwh": str(Decimal(paid["kwh"]) - 5)},
        headers=STAFF,
        timeout=10,
    )  # fmt: skip
    assert closed.status_code == 200, closed.text
    bill = httpx.get(f"{backend}/accounts/{AMI}/bills/{owed['id']}", headers=auth, timeout=10)
    bill = bill.json()
    assert 0 < bill["credit"] and bill["amount_due"] == bill["total"] - bill["credit"]

    page = new_page(DESKTOP)
    sign_in(page, app_url)
    select_code(page, AMI)
    go(page, "Hóa đơn", phone=False)
    wait_id(page, "bills-year")
    while by_id(page, f"bill-{bill['id']}").count() == 0:
        shown = text_of(page, "bills-year")
        by_id(page, "bills-year-prev").click()
        page.wait_for_function(
            "t => { const e = document.querySelector('[flt-semantics-identifier=\"bills-year\"]');"
            " return e && !e.innerText.includes(t); }",
            arg=shown,
        )
        wait_id(page, "bills-list")
    credit = f"{min(bill['credit'], bill['total']):,}".replace(",", ".")
    wait_text(page, f"bill-{bill['id']}-credit", credit)
    tap_to(page, f"bill-{bill['id']}", "bill-credit")
    wait_text(page, "bill-credit", f"Đã trừ {credit}")
    shot(page, "bill-credit-desktop")
    tap_to(page, "bill-pay", "pay-qr")
    page.wait_for_timeout(1000)
    payload = qr_on_screen(page)
    assert payload.amount == bill["amount_due"]
