"""Sign-in, registration and password-reset forms: state, checks and actions (no UI)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import flet as ft

from app.services.protocols import AuthRepo
from app.views.form_state import FormState, InputError
from domain.customer_code import InvalidPhone, normalize_phone

SignInMode = Literal["password", "otp"]
_OTP = re.compile(r"[0-9]{6}")  # ASCII digits only (issue 14.5)
MIN_PASSWORD = 8


def check_phone(phone: str) -> str | None:
    try:
        normalize_phone(phone)
    except InvalidPhone:
        return "phone"
    return None


def check_otp(otp: str) -> str | None:
    return None if _OTP.fullmatch(otp.strip()) else "otp"


def check_password(password: str) -> str | None:
    return None if len(password) >= MIN_PASSWORD else "password_short"


@ft.observable
@dataclass(kw_only=True)
class OtpForm(FormState):
    """A form whose second step needs a one-time code sent to `phone`."""

    auth: AuthRepo
    phone: str = ""
    otp: str = ""
    otp_sent: bool = False

    async def _send_otp(self, purpose: Literal["register", "login", "reset"]) -> bool:
        if problem := check_phone(self.phone):
            self.refuse({"phone": problem})
            return False
        sent = await self.run(lambda: self.auth.request_otp(self.phone, purpose))
        if sent:
            self.otp_sent = True
            self.notice = "auth.otp_sent"
        return sent


@ft.observable
@dataclass(kw_only=True)
class SignInViewModel(OtpForm):
    mode: SignInMode = "password"
    password: str = ""
    otp_only: bool = False  # kiosk profile: never a password on a shared machine

    def __post_init__(self) -> None:
        if self.otp_only:
            self.mode = "otp"

    def set_mode(self, mode: SignInMode) -> None:
        if not self.otp_only:
            self.mode = mode
            self.error, self.field_errors = None, {}

    async def send_otp(self) -> bool:
        return await self._send_otp("login")

    async def submit(self) -> bool:
        if self.mode == "otp" and not self.otp_sent and not self.otp.strip():
            # "Đăng nhập" before any code was asked for: say what to do, not "check the fields".
            self.field_errors, self.error = {}, InputError(code="otp_not_sent")
            return False
        checks = {"phone": check_phone(self.phone)}
        if self.mode == "password":
            checks["password"] = None if self.password else "required"
        else:
            checks["otp"] = check_otp(self.otp)
        if problems := {k: v for k, v in checks.items() if v}:
            self.refuse(problems)
            return False
        if self.mode == "password":
            return await self.run(lambda: self.auth.sign_in(self.phone, self.password))
        return await self.run(lambda: self.auth.sign_in_with_otp(self.phone, self.otp.strip()))


@ft.observable
@dataclass(kw_only=True)
class RegisterViewModel(OtpForm):
    full_name: str = ""
    password: str = ""
    consent: bool = False  # to the personal data protection policy (Decree 13/2023)
    language: str = "vi"

    async def send_otp(self) -> bool:
        return await self._send_otp("register")

    async def submit(self) -> bool:
        checks = {
            "phone": check_phone(self.phone),
            "full_name": None if self.full_name.strip() else "required",
            "password": check_password(self.password),
            "otp": check_otp(self.otp),
            "consent": None if self.consent else "consent",
        }
        if problems := {k: v for k, v in checks.items() if v}:
            self.refuse(problems)
            return False
        return await self.run(
            lambda: self.auth.register(
                self.phone, self.otp.strip(), self.password, self.full_name.strip(), self.language
            )
        )


@ft.observable
@dataclass(kw_only=True)
class ResetPasswordViewModel(OtpForm):
    new_password: str = ""

    async def send_otp(self) -> bool:
        return await self._send_otp("reset")

    async def submit(self) -> bool:
        checks = {
            "phone": check_phone(self.phone),
            "otp": check_otp(self.otp),
            "new_password": check_password(self.new_password),
        }
        if problems := {k: v for k, v in checks.items() if v}:
            self.refuse(problems)
            return False
        done = await self.run(
            lambda: self.auth.reset_password(self.phone, self.otp.strip(), self.new_password)
        )
        if done:
            self.notice = "auth.reset_done"
        return done
