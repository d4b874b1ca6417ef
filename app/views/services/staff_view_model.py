"""Staff screens' view models: the queue with filters, one request with its next steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import flet as ft

from app.services.protocols import StaffRequestsRepo
from app.views.form_state import FormState
from domain.models.services import ServiceRequestPublic, ServiceRequestSummary
from domain.service_states import allowed_next

WINDOWS = ("08-12", "13-17", "08-17")
FLOW = ["received", "scheduled", "in_progress", "done", "rejected"]


@ft.observable
@dataclass(kw_only=True)
class StaffQueueViewModel(FormState):
    repo: StaffRequestsRepo
    status: str | None = None
    type_code: str | None = None
    overdue_only: bool = False
    items: list[ServiceRequestSummary] = field(default_factory=list)
    loaded: bool = False

    async def load(self) -> None:
        async def call() -> None:
            self.items = await self.repo.queue(
                self.status, self.type_code, None, True if self.overdue_only else None
            )
            self.loaded = True

        await self.run(call)

    async def filter(self, *, status: str | None = None, overdue_only: bool | None = None) -> None:
        if status is not None:
            self.status = status or None
        if overdue_only is not None:
            self.overdue_only = overdue_only
        await self.load()

    async def toggle_overdue(self) -> None:
        await self.filter(overdue_only=not self.overdue_only)


@ft.observable
@dataclass(kw_only=True)
class StaffRequestViewModel(FormState):
    repo: StaffRequestsRepo
    request_id: int
    request: ServiceRequestPublic | None = None
    note: str = ""
    appointment_date: str = ""
    window: str = WINDOWS[0]
    message: str = ""

    async def load(self) -> None:
        async def call() -> None:
            self.request = await self.repo.get(self.request_id)

        await self.run(call)

    @property
    def next_steps(self) -> list[str]:
        if self.request is None:
            return []
        steps = allowed_next(self.request.status, "staff")
        return sorted(steps, key=FLOW.index)  # in the order work goes, rejecting last

    async def move(self, status: str) -> bool:
        appointment = None
        if status == "scheduled":
            try:
                appointment = (date.fromisoformat(self.appointment_date.strip()), self.window)
            except ValueError:
                self.refuse({"appointment_date": "bad_date"})
                return False
        if status == "rejected" and not self.note.strip():
            self.refuse({"note": "required"})
            return False

        async def call() -> None:
            self.request = await self.repo.transition(
                self.request_id, status, self.note.strip() or None, appointment
            )
            self.note = ""

        return await self.run(call)

    async def send_message(self) -> bool:
        text = self.message.strip()
        if not text:
            self.refuse({"message": "required"})
            return False

        async def call() -> None:
            await self.repo.message(self.request_id, text)
            self.message = ""
            self.request = await self.repo.get(self.request_id)

        return await self.run(call)
