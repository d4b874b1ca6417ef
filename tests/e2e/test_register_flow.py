"""A new person registers with a one-time code, adds the demo owner's code and waits for approval."""

from __future__ import annotations

from tests.e2e.dev_outbox import latest_otp
from tests.e2e.flet_page import PHONE, by_id, open_app, shot, type_into, wait_id

NEW_PHONE = "0356000222"


def test_register_then_link_request_is_pending(app_url, backend, new_page):
    page = new_page(PHONE)
    open_app(page, app_url)
    wait_id(page, "welcome-register").click()
    type_into(page, "Số điện thoại", NEW_PHONE)
    by_id(page, "send-otp").click()
    wait_id(page, "register-otp")
    type_into(page, "Mã OTP", latest_otp(backend, NEW_PHONE))
    type_into(page, "Họ và tên", "Hoàng Thị Giang")
    type_into(page, "Mật khẩu", "MatKhau@2025")
    by_id(page, "register-consent").click()
    shot(page, "phone-20-register")
    by_id(page, "register-submit").click()

    wait_id(page, "add-account").click()
    approval = wait_id(page, "add-account-approval")
    assert "chủ hợp đồng" in approval.inner_text()
    type_into(page, "Mã khách hàng", "PE01000123456")
    type_into(page, "Lời nhắn cho chủ hợp đồng (ví dụ: Con gái)", "Cháu ngoại")
    by_id(page, "add-account-submit").click()
    result = wait_id(page, "add-account-result")
    assert "Chờ duyệt" in result.inner_text()
    shot(page, "phone-21-link-pending")

    by_id(page, "add-account-done").click()
    note = wait_id(page, "account-status-note")
    assert "đang chờ duyệt" in note.inner_text()  # sentence case mid-sentence (21.8)
    shot(page, "phone-22-home-pending")
