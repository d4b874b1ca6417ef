"""Fake link-approval repository: link lists per code, changed the way the server does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.services.protocols import Decision, LinksRepo
from domain.models import AuditRecord, LinkPublic, LinkReminder

AT = datetime(2026, 11, 21, 3, tzinfo=UTC)


def link(lid: int, status: str, role: str = "member", name: str = "Trần Thị Bình") -> LinkPublic:
    return LinkPublic(
        id=lid,
        phone="+84912345678",
        full_name=name,
        role=role,
        status=status,
        note="Con gái",
        requested_at=AT,
        decided_at=None if status == "pending" else AT,
    )


@dataclass
class FakeLinks(LinksRepo):
    """Holds link lists per code and changes them the way the server does."""

    by_code: dict[str, list[LinkPublic]] = field(default_factory=dict)
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    fail_with: Exception | None = None
    audit_rows: list[AuditRecord] = field(default_factory=list)
    reminder: LinkReminder | None = None  # what remind() answers when it does not fail

    async def links(self, code: str) -> list[LinkPublic]:
        self.calls.append(("links", code))
        return list(self.by_code.get(code, []))

    async def decide(self, code: str, link_id: int, decision: Decision) -> LinkPublic:
        self.calls.append((decision, code, link_id))
        if self.fail_with:
            raise self.fail_with
        new = {"approve": "approved", "deny": "denied", "revoke": "revoked"}[decision]
        self.by_code[code] = [
            lk.model_copy(update={"status": new}) if lk.id == link_id else lk
            for lk in self.by_code[code]
        ]
        return next(lk for lk in self.by_code[code] if lk.id == link_id)

    async def leave(self, code: str) -> None:
        self.calls.append(("leave", code))
        if self.fail_with:
            raise self.fail_with

    async def remind(self, code: str) -> LinkReminder:
        self.calls.append(("remind", code))
        if self.fail_with:
            raise self.fail_with
        assert self.reminder is not None, "give the fake a reminder to answer with"
        return self.reminder

    async def audit(self, code: str) -> list[AuditRecord]:
        self.calls.append(("audit", code))
        return list(self.audit_rows)
