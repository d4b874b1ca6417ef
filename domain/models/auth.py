"""Sign-in, tokens, profile and consent schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from domain.models.common import OtpCode, Phone, WireModel

OtpPurpose = Literal["register", "login", "reset"]
Language = Literal["vi", "en"]
# Consent per purpose (Law 91/2025/QH15): `service` is what the contract needs and is
# given at registration; the rest are optional and withdrawable at any time.
ConsentPurpose = Literal["service", "notices_email", "notices_sms", "notices_zalo", "marketing"]
Password = Field(min_length=8, max_length=128)


class OtpRequest(WireModel):
    phone: Phone
    purpose: OtpPurpose


class RegisterRequest(WireModel):
    phone: Phone
    otp: OtpCode
    password: str = Password
    full_name: str = Field(min_length=1, max_length=120)
    language: Language = "vi"
    consents: dict[ConsentPurpose, bool] = Field(default_factory=lambda: {"service": True})


class LoginRequest(WireModel):
    phone: Phone
    password: str = Field(min_length=1, max_length=128)
    device: str | None = Field(default=None, max_length=80)


class OtpLoginRequest(WireModel):
    phone: Phone
    otp: OtpCode
    device: str | None = Field(default=None, max_length=80)


class PasswordReset(WireModel):
    phone: Phone
    otp: OtpCode
    new_password: str = Password


class RefreshRequest(WireModel):
    refresh_token: str = Field(min_length=10, max_length=200)


class LogoutRequest(WireModel):
    refresh_token: str = Field(min_length=10, max_length=200)
    everywhere: bool = False


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a token type, not a secret)
    expires_in: int


class Channels(BaseModel):
    """Where notices go besides the in-app inbox (always on)."""

    email: bool = False
    sms: bool = False
    zalo: bool = False
    push: bool = True


class UserPublic(BaseModel):
    id: int
    phone: str
    full_name: str
    email: str | None = None
    language: Language
    channels: Channels
    consents: dict[str, bool]
    created_at: datetime


class UserUpdate(WireModel):
    full_name: str | None = Field(default=None, min_length=1, max_length=120)
    email: EmailStr | None = None
    language: Language | None = None
    channels: Channels | None = None
    consents: dict[ConsentPurpose, bool] | None = None


class SessionPublic(BaseModel):
    id: int
    device: str | None
    created_at: datetime
    last_seen_at: datetime
    current: bool = False
