"""Outage reports and unplanned incidents: report (guest or signed in), the reporter's status
page, an incident, the incidents of a code's area, and the staff list and moves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import IncidentsRepo
from domain.models.incidents import (
    AreaStaff,
    IncidentPublic,
    IncidentStaff,
    OutageReportAccepted,
    OutageReportStaff,
    OutageReportStatus,
)

_PUBLIC = TypeAdapter(list[IncidentPublic])
_STAFF = TypeAdapter(list[IncidentStaff])
_REPORTS = TypeAdapter(list[OutageReportStaff])
_AREAS = TypeAdapter(list[AreaStaff])


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

    async def add_photo(self, tracking_no: str, name: str, data: bytes, content_type: str) -> None:
        """The photo of a hazard report (JPEG or PNG, at most 5 MB, one per report; the server
        reads the type from the bytes and re-encodes it without metadata)."""
        await self._api.send(
            "POST",
            f"public/outage-reports/{tracking_no}/photo",
            files={"file": (name, data, content_type)},
            auth=False,
        )

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

    # Staff regrouping (issue 17): an incident's reports, merge, split, place, boundaries.

    async def staff_reports(self, incident_id: int) -> list[OutageReportStaff]:
        return _REPORTS.validate_python(
            await self._api.get(f"admin/incidents/{incident_id}/reports")
        )

    async def unplaced(self) -> list[OutageReportStaff]:
        return _REPORTS.validate_python(await self._api.get("admin/outage-reports/unplaced"))

    async def place(self, report_id: int, area: str) -> IncidentStaff:
        data = await self._api.post(f"admin/outage-reports/{report_id}/place", {"area": area})
        return IncidentStaff.model_validate(data)

    async def merge(self, incident_id: int, into: int) -> IncidentStaff:
        data = await self._api.post(f"admin/incidents/{incident_id}/merge", {"into": into})
        return IncidentStaff.model_validate(data)

    async def split(self, incident_id: int, report_ids: list[int], area: str) -> IncidentStaff:
        body = {"report_ids": report_ids, "area": area}
        data = await self._api.post(f"admin/incidents/{incident_id}/split", body)
        return IncidentStaff.model_validate(data)

    async def areas(self) -> list[AreaStaff]:
        return _AREAS.validate_python(await self._api.get("admin/areas"))

    async def set_boundary(self, area: str, geojson: dict[str, Any]) -> None:
        await self._api.put(f"admin/areas/{area}/boundary", geojson)
