"""Links of the person's codes: an owner's decisions and audit, a member's requests and leaving."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

import flet as ft

from app.services.errors import AppError, RateLimitedError
from app.services.protocols import LinksRepo
from app.views.accounts.view_model import AccountsViewModel
from app.views.form_state import FormState
from domain.models import AccountPublic, AuditRecord, LinkPublic, LinkReminder

Action = Literal["approve", "deny", "revoke", "leave"]


@dataclass(frozen=True)
class Ask:
    """An action waiting for the person to confirm it in a dialog."""

    action: Action
    code: str
    link: LinkPublic | None = None  # None: the person leaves `code` themselves


@ft.observable
@dataclass(kw_only=True)
class LinksViewModel(FormState):
    """Every code the person owns (the selected one first), so no request waits unseen."""

    repo: LinksRepo
    accounts: AccountsViewModel
    links: dict[str, list[LinkPublic]] = field(default_factory=dict)
    audit: dict[str, list[AuditRecord]] = field(default_factory=dict)
    loaded: bool = False
    asking: Ask | None = None
    done: Ask | None = None  # the last action that succeeded (for the result banner)
    done_key: str | None = None  # how to word it (a pending request left is "cancelled")
    reminded: dict[str, LinkReminder] = field(default_factory=dict)  # this visit's reminders
    remind_from: dict[str, datetime] = field(default_factory=dict)  # too soon: from when

    @property
    def owned_codes(self) -> list[str]:
        codes = [
            a.customer_code
            for a in self.accounts.accounts
            if a.role == "owner" and a.status == "approved"
        ]
        selected = self.accounts.selected_code
        return sorted(codes, key=lambda c: c != selected)

    def pending(self, code: str) -> list[LinkPublic]:
        return [
            lk for lk in self.links.get(code, []) if lk.role != "owner" and lk.status == "pending"
        ]

    def linked(self, code: str) -> list[LinkPublic]:
        return [
            lk for lk in self.links.get(code, []) if lk.role != "owner" and lk.status == "approved"
        ]

    def past(self, code: str) -> list[LinkPublic]:
        return [
            lk
            for lk in self.links.get(code, [])
            if lk.role != "owner" and lk.status in ("denied", "revoked")
        ]

    @property
    def selected_linked_count(self) -> int | None:
        """People linked to the selected code, or None when the person does not own it."""
        code = self.accounts.selected_code
        if code is None or code not in self.owned_codes:
            return None
        return len(self.linked(code))

    @property
    def all_pending(self) -> list[tuple[str, LinkPublic]]:
        return [(code, lk) for code in self.owned_codes for lk in self.pending(code)]

    @property
    def my_requests(self) -> list[AccountPublic]:
        """Codes the person holds as a member (asked to link), whatever their status."""
        return [a for a in self.accounts.accounts if a.role == "member"]

    async def load(self) -> None:
        if await self.run(self._fetch):
            self.loaded = True

    async def _fetch(self) -> None:
        codes = self.owned_codes
        lists = await asyncio.gather(*(self.repo.links(c) for c in codes))
        self.links = dict(zip(codes, lists, strict=True))
        shown = [c for c in self.audit if c in self.links]
        audits = await asyncio.gather(*(self.repo.audit(c) for c in shown))
        self.audit = dict(zip(shown, audits, strict=True))

    async def load_audit(self, code: str) -> None:
        async def call() -> None:
            self.audit = {**self.audit, code: await self.repo.audit(code)}

        await self.run(call)

    def ask(self, action: Action, code: str, link: LinkPublic | None = None) -> None:
        self.asking, self.done, self.error = Ask(action, code, link), None, None

    def cancel(self) -> None:
        self.asking = None

    async def confirm(self) -> bool:
        """Do the confirmed action, then reload the links and the account list either way:
        a 409 (someone decided meanwhile) must show what is true now, next to its message."""
        ask, self.asking = self.asking, None
        if ask is None:
            return False

        async def call() -> None:
            if ask.action == "leave" or ask.link is None:
                await self.repo.leave(ask.code)
            else:
                await self.repo.decide(ask.code, ask.link.id, ask.action)

        ok = await self.run(call)
        self.done = ask if ok else None
        await self.refresh()
        return ok

    async def remind(self, code: str) -> None:
        """Remind the owner of a waiting request; "too soon" is not an error but a time."""
        self.error = None
        try:
            self.reminded = {**self.reminded, code: await self.repo.remind(code)}
        except RateLimitedError as e:
            if e.code != "reminder_too_soon" or e.retry_after_s is None:
                raise
            # The server's wait is real time (like sign-in limits), not the business calendar.
            when = datetime.now(UTC) + timedelta(seconds=e.retry_after_s)
            self.remind_from = {**self.remind_from, code: when}
        except AppError as e:
            self.error = e

    async def refresh(self) -> None:
        """After a change: the account list (names unmask, codes go) and the links."""
        try:
            await self.accounts.load()
            await self._fetch()
        except AppError:
            pass  # the action's own result (or error) is what the person needs to see


def local_phone(e164: str) -> str:
    """`+84912345678` -> `0912 345 678` (how people write Vietnamese mobile numbers)."""
    if e164.startswith("+84") and len(e164) == 12:
        d = "0" + e164[3:]
        return f"{d[:4]} {d[4:7]} {d[7:]}"
    return e164
