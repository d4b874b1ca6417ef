"""Owner opens a bill and its QR; a signed bank webhook pays it and the QR screen turns
"Đã thanh toán"; the e-invoice and the QR image download (the image decodes to a VietQR of
the bill); usage in kWh and VND, daily and monthly; a manual meter explains itself."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from domain import clock
from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    by_id,
    shot,
    tap_to,
    text_of,
    unnamed_controls,
    wait_id,
    wait_text,
)
from tests.e2e.qr_read import read_qr
from tests.e2e.usage_bills_steps import (
    AMI,
    MANUAL,
    bills_of,
    go,
    money,
    pay_by_webhook,
    select_code,
    sign_in,
)


def look_at_usage(page: Page, size: str) -> None:
    wait_id(page, "usage-month")
    assert unnamed_controls(page) == []
    # Last month is whole on any date (on the 1st this month has no day yet).
    shown = text_of(page, "usage-month")
    by_id(page, "usage-month-prev").click()
    page.wait_for_function(
        "m => { const e = document.querySelector('[flt-semantics-identifier=\"usage-month\"]');"
        " return e && !e.innerText.includes(m); }",
        arg=shown,
    )
    wait_id(page, "usage-chart")
    assert "Tổng trong tháng" in text_of(page, "usage-total")
    box = by_id(page, "usage-chart").bounding_box()
    assert box is not None  # tap a bar near the 10th, just above the axis
    page.mouse.click(box["x"] + 44 + (box["width"] - 44) * 9.5 / 30, box["y"] + box["height"] - 45)
    wait_text(page, "usage-selected", "Ngày ")  # it was "Chạm vào một cột…"
    shot(page, f"{size}-90-usage-daily-kwh")
    by_id(page, "usage-unit").get_by_text("VND").click()
    wait_text(page, "usage-total", " đ")
    shot(page, f"{size}-91-usage-daily-vnd")
    by_id(page, "usage-mode").get_by_text("Theo tháng").click()
    wait_text(page, "usage-chart-card", "Cùng kỳ năm trước")
    by_id(page, "usage-select-prev").click()  # the newest month, as a tap on its bar would
    wait_text(page, "usage-selected", " đ")
    shot(page, f"{size}-92-usage-monthly-vnd")
    by_id(page, "usage-unit").get_by_text("kWh").click()
    wait_text(page, "usage-selected", "kWh")  # the unit switch is drawn before moving on
    by_id(page, "usage-select-prev").click()  # last month: billed, beside last year's
    wait_text(page, "usage-selected", "Cùng kỳ năm trước:")
    wait_text(page, "usage-selected", "kWh")
    assert "%" in text_of(page, "usage-change")
    shot(page, f"{size}-93-usage-monthly-kwh")


def test_dark_theme_keeps_the_qr_black_on_white(app_url, backend, new_page, unpaid_bill):
    page = new_page(PHONE)
    sign_in(page, app_url)
    tap_to(page, "open-settings", "settings-theme")
    page.get_by_role("button", name="Tối").click()
    by_id(page, "back").click()
    select_code(page, AMI)
    go(page, "Sản lượng", phone=True)
    wait_id(page, "usage-chart")
    shot(page, "phone-95-dark-usage")
    go(page, "Trang chủ", phone=True)
    wait_id(page, "home-bill-pay").click()
    wait_id(page, "pay-qr", timeout=20_000)
    shot(page, "phone-96-dark-pay-qr")


def test_phone_bill_qr_paid_by_webhook_and_usage(app_url, backend, new_page, unpaid_bill):
    bill = unpaid_bill
    page = new_page(PHONE)
    sign_in(page, app_url)
    select_code(page, AMI)
    wait_text(page, "home-bill", "Hóa đơn mới nhất")
    shot(page, "phone-80-home-bill")

    go(page, "Hóa đơn", phone=True)
    wait_id(page, f"bill-{bill['id']}")
    shot(page, "phone-81-bills")
    assert unnamed_controls(page) == []
    by_id(page, f"bill-{bill['id']}").click()
    wait_id(page, "bill-breakdown")
    detail = text_of(page, "bill-readings")
    assert "Chỉ số đầu" in detail and "Chỉ số cuối" in detail
    assert "Tổng cộng" in text_of(page, "bill-breakdown")
    shot(page, "phone-82-bill-detail")
    assert unnamed_controls(page) == []
    page.mouse.wheel(0, 3000)  # the e-invoice comes last on a phone
    with page.expect_download(timeout=20_000) as pdf:
        by_id(page, "bill-invoice").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    page.mouse.wheel(0, -3000)

    by_id(page, "bill-pay").click()
    wait_id(page, "pay-qr", timeout=20_000)
    assert money(bill["total"]) in text_of(page, "pay-amount")
    assert f"{bill['invoice_serial']}{bill['invoice_no']}" in text_of(page, "pay-bill-no")
    assert "không bao giờ" in text_of(page, "pay-fraud-note")
    shot(page, "phone-83-pay-qr")
    assert unnamed_controls(page) == []
    with page.expect_download(timeout=20_000) as png:
        by_id(page, "pay-save").click()
    saved = read_qr(png.value.path())  # checks the CRC too
    assert saved.amount == bill["total"]
    assert saved.bill_number == f"{bill['invoice_serial']}{bill['invoice_no']}"

    pay_by_webhook(backend, bill)
    wait_id(page, "pay-paid", timeout=20_000)  # the screen polls every few seconds
    assert "Đã thanh toán" in text_of(page, "pay-paid")
    shot(page, "phone-84-pay-paid")

    go(page, "Sản lượng", phone=True)
    look_at_usage(page, "phone")

    select_code(page, MANUAL)  # read by hand: monthly first, and daily explains itself
    wait_text(page, "usage-chart-card", "Cùng kỳ năm trước")
    by_id(page, "usage-mode").get_by_text("Theo ngày").click()
    wait_text(page, "usage-daily-note", "ghi chỉ số tại chỗ")
    shot(page, "phone-94-usage-manual-meter")


def test_desktop_split_bill_qr_paid_and_usage(app_url, backend, new_page, unpaid_bill):
    bill = unpaid_bill
    page = new_page(DESKTOP)
    sign_in(page, app_url)
    select_code(page, AMI)
    wait_text(page, "home-bill", "Hóa đơn mới nhất")
    shot(page, "desktop-80-home-bill")

    go(page, "Hóa đơn", phone=False)
    wait_id(page, "bills-summary")
    # The 10 May 2025 price change splits that May's bill (when the demo data reaches it).
    may = [b for b in bills_of(backend, 2025) if b["period_start"] == "2025-05-01"]
    years_back = clock.today().year - 2025
    if may and 0 < years_back <= 4:
        for _ in range(years_back):
            by_id(page, "bills-year-prev").click()
            page.wait_for_timeout(600)
        wait_id(page, f"bill-{may[0]['id']}")
        shot(page, "desktop-81-bills-2025")
        by_id(page, f"bill-{may[0]['id']}").click()
        wait_id(page, "bill-part-1")
        split = text_of(page, "bill-breakdown")
        assert "2699/QĐ-BCT" in split and "1279/QĐ-BCT" in split and "9 ngày" in split
        shot(page, "desktop-82-bill-split")
        by_id(page, "back").click()  # back to the list, this year again

    wait_id(page, f"bill-{bill['id']}").click()
    wait_id(page, "bill-pay").click()
    wait_id(page, "pay-qr", timeout=20_000)
    assert money(bill["total"]) in text_of(page, "pay-amount")
    shot(page, "desktop-83-pay-qr")
    pay_by_webhook(backend, bill)
    wait_id(page, "pay-paid", timeout=20_000)
    shot(page, "desktop-84-pay-paid")

    go(page, "Sản lượng", phone=False)
    look_at_usage(page, "desktop")
