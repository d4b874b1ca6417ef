"""Notice texts: every kind in Vietnamese and English, all params used, SMS short GSM-7."""

from __future__ import annotations

import pytest

from server.notify.kinds import BILLING_KINDS
from server.notify.render import gsm7_sms, render_notice
from server.notify.templates import EN, VI

# The params the senders write (server/notify/kinds.py, links.py, auth.py).
SAMPLES: dict[str, dict] = {
    "bill_issued": {
        "code": "PE01000123456",
        "bill_id": 3,
        "month": "2025-06",
        "kwh": "312.000",
        "total": 1234567,
        "due_date": "2025-07-15",
    },
    "payment_due": {"month": "2025-06", "total": 1234567, "due_date": "2025-07-15"},
    "payment_overdue": {
        "month": "2025-06",
        "total": 99000,
        "due_date": "2025-07-15",
        "days_late": 1,
    },
    "disconnection_warning": {
        "total": 99000,
        "due_date": "2025-07-15",
        "disconnect_from": "2025-07-25",
    },
    "payment_received": {
        "month": "2025-06",
        "amount": 1234567,
        "paid_at": "2025-07-01T03:04:00+00:00",
        "channel": "vietqr",
        "transaction_id": "FT123",
    },
    "outage_planned": {
        "area": "Phường Bến Nghé, Quận 1",
        "starts_at": "2025-07-10T01:00:00+00:00",
        "ends_at": "2025-07-10T09:30:00+00:00",
        "reason": "Bảo trì đường dây",
    },
    "outage_changed": {
        "area": "Phường Bến Nghé",
        "starts_at": "2025-07-11T01:00:00+00:00",
        "ends_at": "2025-07-11T09:00:00+00:00",
        "reason": "Đổi ngày",
        "status": "changed",
    },
    "reading_date": {"month": "2025-07", "read_on": "2025-07-20"},
    "abnormal_use": {"date": "2025-07-02", "kwh": "25.500", "threshold_kwh": "15"},
    "forecast_over_threshold": {
        "month": "2025-07",
        "projected_kwh": "420.5",
        "projected_total": 1800000,
        "threshold_vnd": 1500000,
        "period_end": "2025-07-31",
    },
    "announcement": {"title": "Tri ân khách hàng", "body": "Miễn phí kiểm tra điện."},
    "link_request": {"asker": "091****678", "name": "Trần Thị Bình", "note": "Con gái"},
    "link_approved": {"code": "PE01000123456"},
    "link_denied": {"code": "PE01000123456"},
    "link_revoked": {"code": "PE01000123456"},
    "new_sign_in": {"device": "Pixel 8", "at": "2025-07-01T03:04:00+00:00"},
}
KINDS = sorted(SAMPLES)
GSM7_ASCII = set(
    "@$\n\r _!\"#%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "abcdefghijklmnopqrstuvwxyz^{}\\[~]|"
)


def test_every_kind_that_is_sent_has_both_languages():
    assert set(BILLING_KINDS) <= set(SAMPLES)
    assert set(VI) == set(EN)
    assert set(SAMPLES) <= set(VI)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_text_uses_every_placeholder_and_sms_is_gsm7(kind, lang):
    text = render_notice(kind, SAMPLES[kind], lang, "PE01000123456")
    for part in text:
        assert part and "…" not in part and "{" not in part and "[[" not in part, part
    assert set(text.sms) <= GSM7_ASCII, text.sms
    assert text.sms.startswith("Dien Nha: ") and len(text.sms) <= 160


def test_vietnamese_and_english_differ_and_show_local_time_and_money():
    vi = render_notice("outage_planned", SAMPLES["outage_planned"], "vi")
    en = render_notice("outage_planned", SAMPLES["outage_planned"], "en")
    assert vi.title == "Lịch tạm ngừng cấp điện" and en.title == "Planned power outage"
    assert "08:00 10/07/2025" in vi.body and "16:30 10/07/2025" in vi.body  # UTC+7
    assert "08:00, 10 Jul 2025" in en.body
    bill = render_notice("bill_issued", SAMPLES["bill_issued"], "vi", "PE01000123456")
    assert "1.234.567 đ" in bill.body and "312 kWh" in bill.body and "06/2025" in bill.title
    en_bill = render_notice("bill_issued", SAMPLES["bill_issued"], "en")
    # Issue 21.9: the screens' format (₫1,234,567), not "1,234,567 VND"; SMS keeps GSM-7.
    assert "₫1,234,567" in en_bill.body and "VND 1,234,567" in en_bill.sms


def test_cancelled_outage_reads_as_a_cancellation():
    params = {**SAMPLES["outage_changed"], "status": "cancelled"}
    assert render_notice("outage_changed", params, "vi").title == "Hủy lịch ngừng cấp điện"
    assert "cancelled" in render_notice("outage_changed", params, "en").body


def test_optional_parts_drop_out_and_missing_values_do_not_break():
    bare = render_notice("link_request", {"asker": "091****678", "name": "Bình"}, "vi", "PE01")
    assert "lời nhắn" not in bare.body and "PE01" in bare.body
    nothing = render_notice("bill_issued", {}, "en")
    assert nothing.title == "Electricity bill for …"
    unknown = render_notice("brand_new_kind", {"x": 1}, "en")
    assert unknown.title == "New notice"


def test_values_with_braces_are_not_reformatted():
    text = render_notice(
        "link_request", {"asker": "a", "name": "{code}", "note": "{name}"}, "vi", "C"
    )
    assert "{code}" in text.body and "“{name}”" in text.body


def test_per_language_text_in_params():
    params = {"title": {"vi": "Thông báo", "en": "Notice"}, "body": {"vi": "Chào", "en": "Hello"}}
    assert render_notice("announcement", params, "en")[:2] == ("Notice", "Hello")
    assert render_notice("announcement", params, "vi")[:2] == ("Thông báo", "Chào")


def test_sms_folding_and_one_segment_limit():
    assert gsm7_sms("Điện lực – “ưu đãi” `x`") == "Dien Nha: Dien luc - \"uu dai\" 'x'"
    long = gsm7_sms("Ngừng cấp điện khu vực " * 20)
    assert len(long) == 160 and long.endswith("...") and long.isascii()
    braces = gsm7_sms("{" * 200)  # extension characters take two septets
    septets = sum(2 if c in "^{}\\[~]|" else 1 for c in braces)
    assert 157 <= septets <= 160 and braces.endswith("{...")
