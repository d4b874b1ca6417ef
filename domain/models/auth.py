"""Sign-in, tokens, profile and consent schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool

from domain.models.common import OtpCode, Phone, WireModel

OtpPurpose = Literal["register", "login", "reset"]
Language = Literal["vi", "en"]
# Consent per purpose (Law 91/2025/QH15): `service` is what the contract needs and is
# given at registration; the rest are optional and withdrawable at any time.
ConsentPurpose = Literal["service", "notices_email", "notices_sms", "notices_zalo", "marketing"]
Password = Field(min_length=8, max_length=128)
# An address for notices, checked by shape only (the OpenAPI pattern says exactly what is
# accepted); whether it receives mail shows when the first notice is sent.
Email = Annotated[
    str,
    Field(max_length=254, pattern=r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"),
]


class OtpRequest(WireModel):
    phone: Phone
    purpose: OtpPurpose


def _service_consent() -> dict[ConsentPurpose, bool]:
    return {"service": True}


class RegisterRequest(WireModel):
    phone: Phone
    otp: OtpCode
    password: str = Password
    full_name: str = Field(min_length=1, max_length=120, pattern=r"\S")
    language: Language = "vi"
    consents: dict[ConsentPurpose, StrictBool] = Field(default_factory=_service_consent)


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
    everywhere: StrictBool = False


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a token type, not a secret)
    expires_in: int


class Channels(BaseModel):
    """Where notices go besides the in-app inbox (always on)."""

    email: StrictBool = False
    sms: StrictBool = False
    zalo: StrictBool = False
    push: StrictBool = True


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
    """Only the fields sent change; `email: null` removes the address. The other fields are
    not nullable (their default None only means "not sent")."""

    full_name: str = Field(default=None, min_length=1, max_length=120, pattern=r"\S")  # type: ignore[assignment]
    email: Email | None = None
    language: Language = None  # type: ignore[assignment]
    channels: Channels = None  # type: ignore[assignment]
    consents: dict[ConsentPurpose, StrictBool] = None  # type: ignore[assignment]


class SessionPublic(BaseModel):
    id: int
    device: str | None
    created_at: datetime
    last_seen_at: datetime
    current: bool = False
