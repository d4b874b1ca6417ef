"""Link approval: the owner's list of linked people, decisions, audit; a member leaving."""

from __future__ import annotations

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import Decision, LinksRepo
from domain.models import AuditRecord, LinkPublic, LinkReminder

_LINKS = TypeAdapter(list[LinkPublic])
_AUDIT = TypeAdapter(list[AuditRecord])


class LinkRepository(LinksRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def links(self, code: str) -> list[LinkPublic]:
        """Owner only: everyone linked to `code` (owner included), oldest request first."""
        return _LINKS.validate_python(await self._api.get(f"accounts/{code}/links"))

    async def decide(self, code: str, link_id: int, decision: Decision) -> LinkPublic:
        """Owner only; 409 `invalid_link_state` when someone already decided it."""
        data = await self._api.post(f"accounts/{code}/links/{link_id}/{decision}")
        return LinkPublic.model_validate(data)

    async def leave(self, code: str) -> None:
        """A member leaves (or withdraws a request still waiting)."""
        await self._api.delete(f"accounts/{code}/links/me")

    async def remind(self, code: str) -> LinkReminder:
        """A waiting request: tell the owner again (429 `reminder_too_soon` within a day)."""
        return LinkReminder.model_validate(await self._api.post(f"accounts/{code}/links/me/remind"))

    async def audit(self, code: str) -> list[AuditRecord]:
        """Owner only: the append-only record of approvals, denials and revocations."""
        return _AUDIT.validate_python(await self._api.get(f"accounts/{code}/audit"))
