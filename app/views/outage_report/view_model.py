"""Báo mất điện: the report form (kind, where, phone, description), the reporter's status
page, one incident, and the staff list. No UI here: tests/app drive them with fakes."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from app.services.location import Locator, Position
from app.services.outage_reports_repository import OutageReportsRepository
from app.views.form_state import FormState
from domain.customer_code import InvalidCustomerCode, normalize_customer_code, normalize_phone
from domain.models.incidents import IncidentPublic, OutageReportStatus

KINDS = ("no_power", "partial", "flicker", "hazard")


@ft.observable
@dataclass(kw_only=True)
class ReportViewModel(FormState):
    repo: OutageReportsRepository
    locator: Locator | None = None
    kind: str = "no_power"
    customer_code: str = ""
    address: str = ""
    phone: str = ""
    description: str = ""
    position: Position | None = None
    locating: bool = False
    location_refused: bool = False
    tracking_no: str | None = None

    @property
    def hazard(self) -> bool:
        """Safety advice shows the moment "hazard" is chosen, before anything is sent."""
        return self.kind == "hazard"

    @property
    def can_locate(self) -> bool:
        return self.locator is not None

    def choose(self, kind: str) -> None:
        if kind in KINDS:
            self.kind = kind

    async def use_location(self) -> None:
        """Asks for the permission only now; a refusal leaves the form as it was."""
        if self.locator is None or self.locating:
            return
        self.locating, self.location_refused = True, False
        try:
            self.position = await self.locator.locate()
        finally:
            self.locating = False
        self.location_refused = self.position is None

    def forget_location(self) -> None:
        self.position = None

    def _checked(self) -> dict | None:
        errors: dict[str, str] = {}
        body: dict = {"kind": self.kind, "description": self.description.strip() or None}
        if self.customer_code.strip():
            try:
                body["customer_code"] = normalize_customer_code(self.customer_code)
            except InvalidCustomerCode:
                errors["customer_code"] = "customer_code"
        if self.phone.strip():
            try:
                body["phone"] = normalize_phone(self.phone)
            except ValueError:
                errors["phone"] = "phone"
        if self.address.strip():
            body["address"] = self.address.strip()
        if self.position is not None:
            body |= {"lat": self.position.lat, "lon": self.position.lon}
        if not errors and not ({"customer_code", "address", "lat"} & body.keys()):
            errors["customer_code"] = "where_needed"
        if errors:
            self.refuse(errors)
            return None
        return body

    async def submit(self) -> bool:
        body = self._checked()
        if body is None:
            return False

        async def call() -> None:
            self.tracking_no = (await self.repo.report(body)).tracking_no

        return await self.run(call)


@ft.observable
@dataclass(kw_only=True)
class ReportStatusViewModel(FormState):
    repo: OutageReportsRepository
    tracking_no: str
    report: OutageReportStatus | None = None

    async def load(self) -> None:
        async def call() -> None:
            self.report = await self.repo.status(self.tracking_no)

        await self.run(call)


@ft.observable
@dataclass(kw_only=True)
class IncidentViewModel(FormState):
    repo: OutageReportsRepository
    incident_id: int
    incident: IncidentPublic | None = None

    async def load(self) -> None:
        async def call() -> None:
            self.incident = await self.repo.incident(self.incident_id)

        await self.run(call)
