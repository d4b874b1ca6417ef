"""Staff side of service requests (a staff user's token): the queue, a request, transitions."""

from __future__ import annotations

import base64
import json
from datetime import date

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import StaffRequestsRepo
from domain.models.services import MessagePublic, ServiceRequestPublic, ServiceRequestSummary

_QUEUE = TypeAdapter(list[ServiceRequestSummary])


class StaffRequestsRepository(StaffRequestsRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    def looks_like_staff(self) -> bool:
        """Whether the signed-in person's access token says staff: only to show the queue's
        entry (the server checks every staff call itself; a wrong guess shows a 403)."""
        token = self._api.credentials.access_token
        if not token or token.count(".") != 2:
            return False
        payload = token.split(".")[1]
        try:
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            return False
        return isinstance(claims, dict) and claims.get("staff") is True

    async def queue(
        self,
        status: str | None = None,
        type_code: str | None = None,
        area: str | None = None,
        overdue: bool | None = None,
    ) -> list[ServiceRequestSummary]:
        params = {"status": status, "type": type_code, "area": area}
        params = {k: v for k, v in params.items() if v}
        if overdue is not None:
            params["overdue"] = "true" if overdue else "false"
        return _QUEUE.validate_python(await self._api.get("admin/service-requests", params=params))

    async def get(self, request_id: int) -> ServiceRequestPublic:
        data = await self._api.get(f"admin/service-requests/{request_id}")
        return ServiceRequestPublic.model_validate(data)

    async def transition(
        self,
        request_id: int,
        status: str,
        note: str | None = None,
        appointment: tuple[date, str] | None = None,
    ) -> ServiceRequestPublic:
        """409 `invalid_transition` when the state machine forbids it."""
        body: dict = {"status": status, "note": note}
        if appointment is not None:
            body["appointment"] = {"date": appointment[0].isoformat(), "window": appointment[1]}
        data = await self._api.post(f"admin/service-requests/{request_id}/transition", body)
        return ServiceRequestPublic.model_validate(data)

    async def message(self, request_id: int, text: str) -> MessagePublic:
        data = await self._api.post(f"admin/service-requests/{request_id}/messages", {"text": text})
        return MessagePublic.model_validate(data)

    async def close_review(
        self, request_id: int, outcome: str, reason: str, corrected_kwh: str | None = None
    ) -> ServiceRequestPublic:
        """Issue 18: close a bill review `no_change` or `corrected` (an adjustment bill)."""
        body: dict = {"outcome": outcome, "reason": reason}
        if corrected_kwh:
            body["corrected_kwh"] = corrected_kwh
        await self._api.post(f"admin/bill-reviews/{request_id}/close", body)
        return await self.get(request_id)
