"""Yêu cầu của tôi: the list, and one request with its timeline, cancel and messages."""

from __future__ import annotations

from dataclasses import dataclass, field

import flet as ft

from app.services.protocols import ServiceRequestsRepo
from app.views.form_state import FormState
from domain.models.services import ServiceRequestPublic, ServiceRequestSummary

CANCELLABLE = {"awaiting_signature", "submitted", "received", "scheduled"}


@ft.observable
@dataclass(kw_only=True)
class MyRequestsViewModel(FormState):
    repo: ServiceRequestsRepo
    items: list[ServiceRequestSummary] = field(default_factory=list)
    loaded: bool = False

    async def load(self) -> None:
        async def call() -> None:
            self.items = await self.repo.mine()
            self.loaded = True

        await self.run(call)


@ft.observable
@dataclass(kw_only=True)
class RequestDetailViewModel(FormState):
    repo: ServiceRequestsRepo
    request_id: int
    request: ServiceRequestPublic | None = None
    draft: str = ""
    confirming_cancel: bool = False

    async def load(self) -> None:
        async def call() -> None:
            self.request = await self.repo.get(self.request_id)

        await self.run(call)

    @property
    def can_cancel(self) -> bool:
        return self.request is not None and self.request.status in CANCELLABLE

    def ask_cancel(self) -> None:
        self.confirming_cancel = True

    def keep(self) -> None:
        self.confirming_cancel = False

    async def cancel(self) -> bool:
        self.confirming_cancel = False

        async def call() -> None:
            self.request = await self.repo.cancel(self.request_id)

        return await self.run(call)

    async def send_message(self) -> bool:
        text = self.draft.strip()
        if not text:
            self.refuse({"message": "required"})
            return False

        async def call() -> None:
            await self.repo.message(self.request_id, text)
            self.draft = ""
            self.request = await self.repo.get(self.request_id)

        return await self.run(call)
