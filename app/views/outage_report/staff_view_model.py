"""Staff: incidents by area with report counts (hazards first), moved with an estimate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import flet as ft

from app.services.outage_reports_repository import OutageReportsRepository
from app.views.form_state import FormState
from domain import clock
from domain.models.incidents import IncidentStaff

MAX_ETA_HOURS = 72


@ft.observable
@dataclass(kw_only=True)
class StaffIncidentsViewModel(FormState):
    repo: OutageReportsRepository
    items: list[IncidentStaff] = field(default_factory=list)
    loaded: bool = False
    # incident id -> hours from now typed in its estimate field
    eta_hours: dict[int, str] = field(default_factory=dict)

    async def load(self) -> None:
        async def call() -> None:
            self.items = await self.repo.staff_list()
            self.loaded = True

        await self.run(call)

    def set_eta(self, incident_id: int, hours: str) -> None:
        self.eta_hours = {**self.eta_hours, incident_id: hours}

    def _eta(self, incident_id: int):
        raw = self.eta_hours.get(incident_id, "").strip().replace(",", ".")
        if not raw:
            return None
        try:
            hours = float(raw)
        except ValueError:
            hours = -1
        if not 0 < hours <= MAX_ETA_HOURS:
            self.refuse({f"eta-{incident_id}": "eta_hours"})
            raise ValueError
        return (clock.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)

    async def move(self, incident_id: int, status: str) -> bool:
        """Moves the incident; an estimate typed beside it goes along (not when closing)."""
        closing = status in ("restored", "not_our_fault")
        try:
            eta = None if closing else self._eta(incident_id)
        except ValueError:
            return False

        async def call() -> None:
            await self.repo.move(incident_id, status, eta=eta)
            self.eta_hours = {k: v for k, v in self.eta_hours.items() if k != incident_id}
            self.items = await self.repo.staff_list()

        return await self.run(call)
