"""Sign-in (password or one-time code), registration and password reset view models."""

from __future__ import annotations

from app.services.errors import AuthError, RateLimitedError
from app.views.auth.view_model import RegisterViewModel, ResetPasswordViewModel, SignInViewModel
from tests.app.fakes import FakeAuth


async def test_sign_in_checks_fields_before_calling():
    auth = FakeAuth()
    vm = SignInViewModel(auth=auth, phone="123", password="")
    assert not await vm.submit()
    assert vm.field_errors == {"phone": "phone", "password": "required"}
    assert vm.error.code == "check_fields" and auth.calls == []


async def test_sign_in_with_password_and_busy_flag():
    auth = FakeAuth()
    vm = SignInViewModel(auth=auth, phone="0901234567", password="DienNha@2025")
    seen: list[bool] = []

    def listener(sender, name):  # held here: observables keep only weak references
        if name == "busy":
            seen.append(sender.busy)

    vm.subscribe(listener)
    assert await vm.submit()
    assert auth.calls == [("sign_in", "0901234567", "DienNha@2025")]
    assert seen == [True, False] and vm.error is None


async def test_wrong_password_shows_the_server_code():
    vm = SignInViewModel(
        auth=FakeAuth(fail_with=AuthError(code="invalid_credentials")),
        phone="0901234567",
        password="x",
    )
    assert not await vm.submit()
    assert vm.error.code == "invalid_credentials" and not vm.busy


async def test_sign_in_with_otp_needs_a_sent_code():
    auth = FakeAuth()
    vm = SignInViewModel(auth=auth, phone="0901234567")
    vm.set_mode("otp")
    assert await vm.send_otp() and vm.otp_sent and vm.notice == "auth.otp_sent"
    vm.otp = "12345"
    assert not await vm.submit() and vm.field_errors == {"otp": "otp"}
    vm.otp = " 123456 "
    assert await vm.submit()
    assert auth.calls[-1] == ("sign_in_otp", "0901234567", "123456")


def test_kiosk_sign_in_is_otp_only():
    vm = SignInViewModel(auth=FakeAuth(), otp_only=True)
    vm.set_mode("password")
    assert vm.mode == "otp"


async def test_rate_limited_otp_keeps_form_usable():
    limited = RateLimitedError(code="rate_limited")
    limited.retry_after_s = 120
    vm = SignInViewModel(auth=FakeAuth(fail_with=limited), phone="0901234567")
    assert not await vm.send_otp()
    assert not vm.otp_sent and vm.error is limited and not vm.busy


async def test_register_requires_consent_and_a_real_password():
    auth = FakeAuth()
    vm = RegisterViewModel(
        auth=auth, phone="0912345678", otp="123456", full_name=" Bình ", password="short"
    )
    assert not await vm.submit()
    assert vm.field_errors == {"password": "password_short", "consent": "consent"}
    vm.password, vm.consent = "MatKhau@2025", True
    assert await vm.submit()
    assert auth.calls == [("register", "0912345678", "123456", "MatKhau@2025", "Bình", "vi")]


async def test_reset_password_flow():
    auth = FakeAuth()
    vm = ResetPasswordViewModel(auth=auth, phone="0912345678")
    assert await vm.send_otp()
    vm.otp, vm.new_password = "111111", "MatKhauMoi@1"
    assert await vm.submit() and vm.notice == "auth.reset_done"
    assert auth.calls == [
        ("otp", "0912345678", "reset"),
        ("reset", "0912345678", "111111", "MatKhauMoi@1"),
    ]
