"""Catalogues: same keys in vi and en, every key the code uses exists, formats per locale."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.i18n import Translator, catalogue
from app.services import errors
from app.services.errors import AppError, OfflineError, RateLimitedError

APP = Path(__file__).resolve().parents[2] / "app"
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
QUOTED_KEY = re.compile(r"""["']((?:[a-z]+)\.[a-z_]+(?:\.[a-z_]+)*)["']""")
DYNAMIC_FAMILIES = {
    "link.status": ["approved", "pending", "denied", "revoked"],
    "link.role": ["owner", "member"],
    "accounts.meter": ["ami", "manual"],
    "accounts.note": ["pending", "denied", "revoked"],
    "field_error": [
        "phone",
        "otp",
        "password_short",
        "required",
        "consent",
        "kwh",
        "households",
        "period",
        "customer_code",
        "too_long",
        "invalid",
    ],
}


def test_both_catalogues_have_the_same_keys():
    vi, en = catalogue("vi"), catalogue("en")
    assert set(vi) - set(en) == set(), "missing in en"
    assert set(en) - set(vi) == set(), "missing in vi"


def test_no_empty_messages_and_same_placeholders():
    vi, en = catalogue("vi"), catalogue("en")
    for key in vi:
        assert vi[key].strip() and en[key].strip(), key
        assert set(re.findall(r"{(\w+)}", vi[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def _keys_used_in_code() -> set[str]:
    known_prefixes = {k.split(".")[0] for k in catalogue("vi")}
    used: set[str] = set()
    for path in APP.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(LITERAL_KEY.findall(text))
        used |= {k for k in QUOTED_KEY.findall(text) if k.split(".")[0] in known_prefixes}
    return used


def test_every_key_used_in_the_code_exists():
    used = _keys_used_in_code()
    assert len(used) > 80  # the scan found the views
    assert sorted(used - set(catalogue("vi"))) == []


def test_dynamic_key_families_are_complete():
    for prefix, names in DYNAMIC_FAMILIES.items():
        for name in names:
            assert f"{prefix}.{name}" in catalogue("vi"), f"{prefix}.{name}"


def test_every_error_kind_and_default_code_has_a_message():
    kinds = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, AppError)]
    vi = catalogue("vi")
    for kind in kinds:
        if kind is not AppError:
            assert f"error.kind.{kind.__name__}" in vi, kind.__name__
    for _status, (_kind, code) in errors._BY_STATUS.items():
        assert f"error.{code}" in vi, code
    for code in ("offline", "timeout", "session_expired", "server", "bad_response", "generic"):
        assert f"error.{code}" in vi, code


def test_glossary_words_are_used_exactly():
    vi, en = catalogue("vi"), catalogue("en")
    assert vi["auth.sign_in"] == "Đăng nhập" and en["auth.sign_in"] == "Sign in"
    assert vi["settings.sign_out_everywhere"] == "Đăng xuất khỏi mọi thiết bị"
    assert vi["accounts.add"] == "Thêm mã khách hàng" and en["accounts.add"] == "Add customer code"
    assert vi["offline.title"] == "Không có kết nối mạng" and vi["common.retry"] == "Thử lại"
    assert vi["link.status.pending"] == "Chờ duyệt" and en["link.status.pending"] == (
        "Awaiting approval"
    )
    assert vi["outages.title"] == "Lịch tạm ngừng cung cấp điện"
    assert vi["articles.privacy"] == "Chính sách bảo vệ dữ liệu cá nhân"
    assert [vi[f"nav.{n}"] for n in ("home", "bills", "notices")] == [
        "Trang chủ",
        "Hóa đơn",
        "Thông báo",
    ]


# The web client ships Roboto only (no CDN fallback fonts): keep to what it draws.
ALLOWED = re.compile(r"^[\x20-\x7e\u00a0-\u024f\u1e00-\u1eff\u0300-\u0323₫–—‘’“”…·•°]*$")


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_messages_use_only_characters_the_bundled_font_draws(locale):
    bad = {k: v for k, v in catalogue(locale).items() if not ALLOWED.match(v)}
    assert bad == {}


def test_money_energy_and_dates_per_locale():
    vi, en = Translator("vi"), Translator("en")
    assert vi.money(1234567) == "1.234.567 đ"
    assert en.money(1234567) == "₫1,234,567"
    assert vi.kwh(Decimal("12.5")) == "12,5 kWh" and en.kwh(Decimal(150)) == "150 kWh"
    assert vi.date(date(2025, 6, 3)) == "03/06/2025"
    # Timestamps are shown in Vietnam's time (UTC+7).
    assert vi.datetime(datetime(2025, 6, 3, 18, 30, tzinfo=UTC)) == "01:30 04/06/2025"


def test_error_messages_fall_back_sensibly():
    vi = Translator("vi")
    assert (
        vi.error(AppError(code="invalid_credentials"))
        == catalogue("vi")["error.invalid_credentials"]
    )
    assert (
        vi.error(OfflineError(code="something_new")) == catalogue("vi")["error.kind.OfflineError"]
    )
    assert vi.error(AppError(code="never_heard_of")) == catalogue("vi")["error.generic"]
    limited = RateLimitedError(code="rate_limited")
    limited.retry_after_s = 600
    assert "10" in vi.error(limited)


def test_missing_key_shows_the_key_not_a_crash():
    assert Translator("en").t("no.such.key") == "no.such.key"
