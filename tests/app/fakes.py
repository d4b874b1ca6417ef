"""Fake repositories for view-model tests: same methods, canned answers, a call log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from app.services.errors import AppError
from domain.models import AccountPublic
from domain.models.billing import Breakdown
from domain.models.outages import OutagePublic


def account(
    code: str = "PE01000123456", role: str = "owner", status: str = "approved", **extra
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
class FakeAuth:
    calls: list[tuple] = field(default_factory=list)
    fail_with: AppError | None = None
    resumes: bool = False
    signed_in: bool = False

    async def _do(self, *call):
        self.calls.append(call)
        if self.fail_with:
            raise self.fail_with

    async def resume(self) -> bool:
        return self.resumes

    async def request_otp(self, phone, purpose):
        await self._do("otp", phone, purpose)

    async def sign_in(self, phone, password):
        await self._do("sign_in", phone, password)
        self.signed_in = True

    async def sign_in_with_otp(self, phone, otp):
        await self._do("sign_in_otp", phone, otp)
        self.signed_in = True

    async def register(self, phone, otp, password, full_name, language="vi"):
        await self._do("register", phone, otp, password, full_name, language)

    async def reset_password(self, phone, otp, new_password):
        await self._do("reset", phone, otp, new_password)

    async def sign_out(self, everywhere=False):
        self.signed_in = False
        await self._do("sign_out", everywhere)


@dataclass
class FakeAccounts:
    accounts: list[AccountPublic] = field(default_factory=list)
    fail_with: AppError | None = None
    requests: list[tuple] = field(default_factory=list)

    async def list_accounts(self):
        if self.fail_with:
            raise self.fail_with
        return list(self.accounts)

    async def request_link(self, customer_code, note=None):
        self.requests.append((customer_code, note))
        if self.fail_with:
            raise self.fail_with
        return account(customer_code.upper(), role="member", status="pending")


BREAKDOWN = Breakdown.model_validate(
    {
        "kwh": "150",
        "subtotal": 300000,
        "vat_rate": "0.08",
        "vat": 24000,
        "total": 324000,
        "parts": [],
    }
)


@dataclass
class FakePublic:
    calls: list[tuple] = field(default_factory=list)
    fail_with: AppError | None = None
    outage_list: list[OutagePublic] = field(default_factory=list)

    async def estimate(self, kwh: Decimal, start, end, households=1):
        self.calls.append(("estimate", kwh, start, end, households))
        if self.fail_with:
            raise self.fail_with
        return BREAKDOWN

    async def outages(self, code):
        self.calls.append(("outages", code))
        if self.fail_with:
            raise self.fail_with
        return list(self.outage_list)


def outage(area: str = "Phường Bến Nghé") -> OutagePublic:
    return OutagePublic(
        id=1,
        area=area,
        reason="Bảo trì lưới điện",
        starts_at=datetime(2025, 6, 10, 1, tzinfo=UTC),
        ends_at=datetime(2025, 6, 10, 9, tzinfo=UTC),
    )
