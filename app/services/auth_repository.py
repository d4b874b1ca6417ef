"""Sign-in, registration with a one-time code, password reset and sign-out."""

from __future__ import annotations

from app.services.api_client import ApiClient
from app.services.errors import AppError
from app.services.protocols import AuthRepo
from domain.models import (
    LoginRequest,
    LogoutRequest,
    OtpLoginRequest,
    OtpPurpose,
    OtpRequest,
    PasswordReset,
    RegisterRequest,
    Tokens,
    UserPublic,
)


class AuthRepository(AuthRepo):
    def __init__(self, api: ApiClient, device: str | None = None) -> None:
        self._api = api
        self._device = device

    @property
    def signed_in(self) -> bool:
        return self._api.credentials.access_token is not None

    async def resume(self) -> bool:
        """True when a stored refresh token still opens a session (app start-up)."""
        try:
            return await self._api.resume_session()
        except AppError as e:
            # No network at start-up on a device that keeps the last data: stay signed in
            # and show it; the refresh is tried again with the first call that gets through.
            offline = e.code in ("offline", "unavailable", "timeout")
            if offline and self._api.cache is not None:
                return bool(await self._api.credentials.refresh_token())
            return False

    async def request_otp(self, phone: str, purpose: OtpPurpose) -> None:
        body = OtpRequest(phone=phone, purpose=purpose)
        await self._api.post("auth/otp", body.model_dump(), auth=False)

    async def register(
        self, phone: str, otp: str, password: str, full_name: str, language: str = "vi"
    ) -> None:
        body = RegisterRequest(
            phone=phone, otp=otp, password=password, full_name=full_name, language=language
        )
        await self._accept(await self._api.post("auth/register", body.model_dump(), auth=False))

    async def sign_in(self, phone: str, password: str) -> None:
        body = LoginRequest(phone=phone, password=password, device=self._device)
        await self._accept(await self._api.post("auth/login", body.model_dump(), auth=False))

    async def sign_in_with_otp(self, phone: str, otp: str) -> None:
        body = OtpLoginRequest(phone=phone, otp=otp, device=self._device)
        await self._accept(await self._api.post("auth/login/otp", body.model_dump(), auth=False))

    async def reset_password(self, phone: str, otp: str, new_password: str) -> None:
        body = PasswordReset(phone=phone, otp=otp, new_password=new_password)
        await self._api.post("auth/password/reset", body.model_dump(), auth=False)

    async def me(self) -> UserPublic:
        return UserPublic.model_validate(await self._api.get("me"))

    async def sign_out(self, everywhere: bool = False) -> None:
        """Revoke on the server when reachable; forget locally in every case."""
        refresh_token = await self._api.credentials.refresh_token()
        try:
            if refresh_token:
                body = LogoutRequest(refresh_token=refresh_token, everywhere=everywhere)
                await self._api.post("auth/logout", body.model_dump(), auth=False)
        finally:
            await self._api.credentials.forget()

    async def _accept(self, body: dict) -> None:
        await self._api.credentials.accept(Tokens.model_validate(body))
