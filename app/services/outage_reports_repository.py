"""Outage reports and unplanned incidents: report (guest or signed in), the reporter's status
page, an incident, the incidents of a code's area, and the staff list and moves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import IncidentsRepo
from domain.models.incidents import (
    IncidentPublic,
    IncidentStaff,
    OutageReportAccepted,
    OutageReportStatus,
)

_PUBLIC = TypeAdapter(list[IncidentPublic])
_STAFF = TypeAdapter(list[IncidentStaff])


class OutageReportsRepository(IncidentsRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    def _signed_in(self) -> bool:
        return bool(self._api.credentials.access_token)

    async def report(self, body: dict[str, Any]) -> OutageReportAccepted:
        """Signed in: the token goes along, so the person is told of every change."""
        clean = {k: v for k, v in body.items() if v not in (None, "")}
        data = await self._api.post("public/outage-reports", clean, auth=self._signed_in())
        return OutageReportAccepted.model_validate(data)

    async def status(self, tracking_no: str) -> OutageReportStatus:
        data = await self._api.get(f"public/outage-reports/{tracking_no}", auth=False)
        return OutageReportStatus.model_validate(data)

    async def incident(self, incident_id: int) -> IncidentPublic:
        return IncidentPublic.model_validate(
            await self._api.get(f"public/incidents/{incident_id}", auth=False)
        )

    async def for_code(self, customer_code: str) -> list[IncidentPublic]:
        data = await self._api.get(
            "public/incidents", params={"customer_code": customer_code}, auth=False
        )
        return _PUBLIC.validate_python(data)

    async def staff_list(self, area: str | None = None) -> list[IncidentStaff]:
        data = await self._api.get("admin/incidents", params={"area": area} if area else None)
        return _STAFF.validate_python(data)

    async def move(
        self, incident_id: int, status: str, eta: datetime | None = None, note: str | None = None
    ) -> IncidentStaff:
        body: dict[str, Any] = {"status": status}
        if eta is not None:
            body["eta"] = eta.isoformat()
        if note:
            body["note"] = note
        data = await self._api.post(f"admin/incidents/{incident_id}/transition", body)
        return IncidentStaff.model_validate(data)
