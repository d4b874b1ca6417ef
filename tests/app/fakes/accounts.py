"""Fake sign-in and accounts repositories: canned answers, a call log, a failure to raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.services.errors import AppError
from app.services.protocols import AccountsRepo, AuthRepo
from domain.models import AccountPublic, OtpPurpose


def account(
    code: str = "PE01000123456", role: str = "owner", status: str = "approved", **extra: Any
) -> AccountPublic:
    return AccountPublic(
        customer_code=code,
        role=role,
        status=status,
        name="Nguyễn Văn An",
        address="12 Lê Lợi",
        meter_type="ami",
        link_id=1,
        **extra,
    )


@dataclass
class FakeAuth(AuthRepo):
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    fail_with: AppError | None = None
    resumes: bool = False
    signed_in: bool = False

    async def _do(self, *call: Any) -> None:
        self.calls.append(call)
        if self.fail_with:
            raise self.fail_with

    async def resume(self) -> bool:
        return self.resumes

    async def request_otp(self, phone: str, purpose: OtpPurpose) -> None:
        await self._do("otp", phone, purpose)

    async def sign_in(self, phone: str, password: str) -> None:
        await self._do("sign_in", phone, password)
        self.signed_in = True

    async def sign_in_with_otp(self, phone: str, otp: str) -> None:
        await self._do("sign_in_otp", phone, otp)
        self.signed_in = True

    async def register(
        self, phone: str, otp: str, password: str, full_name: str, language: str = "vi"
    ) -> None:
        await self._do("register", phone, otp, password, full_name, language)

    async def reset_password(self, phone: str, otp: str, new_password: str) -> None:
        await self._do("reset", phone, otp, new_password)

    async def sign_out(self, everywhere: bool = False) -> None:
        self.signed_in = False
        await self._do("sign_out", everywhere)


@dataclass
class FakeAccounts(AccountsRepo):
    accounts: list[AccountPublic] = field(default_factory=list)
    fail_with: AppError | None = None
    requests: list[tuple[str, str | None]] = field(default_factory=list)

    async def list_accounts(self) -> list[AccountPublic]:
        if self.fail_with:
            raise self.fail_with
        return list(self.accounts)

    async def request_link(self, customer_code: str, note: str | None = None) -> AccountPublic:
        self.requests.append((customer_code, note))
        if self.fail_with:
            raise self.fail_with
        return account(customer_code.upper(), role="member", status="pending")

    async def set_nickname(self, customer_code: str, nickname: str | None) -> AccountPublic:
        if self.fail_with:
            raise self.fail_with
        name = " ".join((nickname or "").split())[:40] or None  # the server's cleaning, roughly
        found = next(a for a in self.accounts if a.customer_code == customer_code)
        renamed = found.model_copy(update={"nickname": name})
        self.accounts = [renamed if a is found else a for a in self.accounts]
        return renamed
