"""Electricity-service requests: the public catalogue, filing, signing by OTP, tracking."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import ServiceRequestsRepo
from domain.models.services import (
    AttachmentPublic,
    MessagePublic,
    ServiceRequestPublic,
    ServiceRequestSummary,
    ServiceTypePublic,
)

_TYPES = TypeAdapter(list[ServiceTypePublic])
_SUMMARIES = TypeAdapter(list[ServiceRequestSummary])


class ServiceRequestsRepository(ServiceRequestsRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def catalogue(self, lang: str) -> list[ServiceTypePublic]:
        """Guests too: no sign-in needed."""
        data = await self._api.get("public/service-types", params={"lang": lang}, auth=False)
        return _TYPES.validate_python(data)

    async def file(
        self, type_code: str, customer_code: str | None, fields: dict[str, Any], note: str | None
    ) -> ServiceRequestPublic:
        """422 with `fields` keyed `fields.<name>` when the catalogue's rules refuse a value."""
        body = {"type": type_code, "customer_code": customer_code, "fields": fields, "note": note}
        return ServiceRequestPublic.model_validate(await self._api.post("service-requests", body))

    async def send_sign_code(self, request_id: int) -> None:
        await self._api.post(f"service-requests/{request_id}/sign/otp")

    async def sign(self, request_id: int, otp: str) -> ServiceRequestPublic:
        data = await self._api.post(f"service-requests/{request_id}/sign", {"otp": otp})
        return ServiceRequestPublic.model_validate(data)

    async def mine(self) -> list[ServiceRequestSummary]:
        return _SUMMARIES.validate_python(await self._api.get("service-requests"))

    async def get(self, request_id: int) -> ServiceRequestPublic:
        return ServiceRequestPublic.model_validate(
            await self._api.get(f"service-requests/{request_id}")
        )

    async def cancel(self, request_id: int) -> ServiceRequestPublic:
        data = await self._api.post(f"service-requests/{request_id}/cancel")
        return ServiceRequestPublic.model_validate(data)

    async def message(self, request_id: int, text: str) -> MessagePublic:
        data = await self._api.post(f"service-requests/{request_id}/messages", {"text": text})
        return MessagePublic.model_validate(data)

    async def attach(
        self, request_id: int, name: str, data: bytes, content_type: str
    ) -> AttachmentPublic:
        """A photo or PDF (at most 5 MB; the server reads the type from the bytes and strips
        image metadata such as GPS)."""
        response = await self._api.send(
            "POST",
            f"service-requests/{request_id}/attachments",
            files={"file": (name, data, content_type)},
        )
        return AttachmentPublic.model_validate(response.json())
