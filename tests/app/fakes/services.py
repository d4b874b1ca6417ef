"""Fake electricity-service requests repository: a two-type catalogue, filing, OTP signing,
my requests, cancel and messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.services.protocols import ServiceRequestsRepo
from domain.models.services import (
    ChoicePublic,
    FieldSpecPublic,
    MessagePublic,
    ServiceRequestPublic,
    ServiceRequestSummary,
    ServiceTypePublic,
    SignaturePublic,
    TimelineEntry,
)

AT = datetime(2026, 12, 3, 3, tzinfo=UTC)
CODE = "PE01000123456"
NORM = ServiceTypePublic(
    code="household_norm",
    name="Thay đổi định mức số hộ",
    description="…",
    who="owner",
    needs_code=True,
    needs_signature=True,
    turnaround_days=3,
    fields=[
        FieldSpecPublic(
            name="residents", kind="number", label="Số người", required=True, min=1, max=400
        ),
        FieldSpecPublic(name="effective_date", kind="date", label="Ngày hiệu lực", required=True),
    ],
    documents=["Xác nhận cư trú"],
)
CHECK = NORM.model_copy(
    update={"code": "meter_check", "who": "member", "needs_signature": False, "fields": [
        FieldSpecPublic(name="reason", kind="text", label="Lý do", required=True, max_length=20),
        FieldSpecPublic(name="kind", kind="choice", label="Loại", required=False,
                        choices=[ChoicePublic(value="a", label="Một")]),
    ]}
)  # fmt: skip


def request(status: str, **extra: Any) -> ServiceRequestPublic:
    return ServiceRequestPublic(
        id=7, tracking_no="DV2612030000007", type="household_norm", customer_code=CODE,
        status=status, created_at=AT, fields={"residents": 6, "effective_date": "2026-12-03"},
        content_sha256="ab" * 32, timeline=[TimelineEntry(status=status, at=AT, by="090***567")],
        **extra,
    )  # fmt: skip


@dataclass
class FakeServiceRequests(ServiceRequestsRepo):
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    fail_with: Exception | None = None
    current: ServiceRequestPublic | None = None

    async def catalogue(self, lang: str) -> list[ServiceTypePublic]:
        self.calls.append(("catalogue", lang))
        return [NORM, CHECK]

    async def file(
        self, type_code: str, customer_code: str | None, fields: dict[str, Any], note: str | None
    ) -> ServiceRequestPublic:
        self.calls.append(("file", type_code, customer_code, fields, note))
        if self.fail_with:
            raise self.fail_with
        status = "awaiting_signature" if type_code == "household_norm" else "submitted"
        self.current = request(status, note=note)
        return self.current

    async def send_sign_code(self, request_id: int) -> None:
        self.calls.append(("send_code", request_id))

    async def sign(self, request_id: int, otp: str) -> ServiceRequestPublic:
        self.calls.append(("sign", request_id, otp))
        if self.fail_with:
            raise self.fail_with
        sig = SignaturePublic(signed_at=AT, by="090***567", content_sha256="ab" * 32)
        self.current = request("submitted", signatures=[sig])
        return self.current

    async def mine(self) -> list[ServiceRequestSummary]:
        return [
            ServiceRequestSummary(
                **request("scheduled").model_dump(include=set(ServiceRequestSummary.model_fields))
            )
        ]

    async def get(self, request_id: int) -> ServiceRequestPublic:
        self.calls.append(("get", request_id))
        return self.current or request("submitted")

    async def cancel(self, request_id: int) -> ServiceRequestPublic:
        self.calls.append(("cancel", request_id))
        if self.fail_with:
            raise self.fail_with
        self.current = request("cancelled")
        return self.current

    async def message(self, request_id: int, text: str) -> MessagePublic:
        self.calls.append(("message", request_id, text))
        return MessagePublic(id=1, at=AT, by="090***567", text=text)
