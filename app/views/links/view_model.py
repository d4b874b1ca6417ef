"""Links of the selected code: the owner's decisions and audit, a member's requests and leaving."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from app.services.errors import AppError
from app.services.link_repository import LinkRepository
from app.views.accounts.view_model import AccountsViewModel
from app.views.form_state import FormState
from domain.models import AccountPublic, AuditRecord, LinkPublic

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
    repo: LinkRepository
    accounts: AccountsViewModel
    code: str | None = None
    links: list[LinkPublic] = field(default_factory=list)
    audit: list[AuditRecord] = field(default_factory=list)
    audit_loaded: bool = False
    loaded: bool = False
    asking: Ask | None = None
    done: Ask | None = None  # the last action that succeeded (for the result banner)

    @property
    def account(self) -> AccountPublic | None:
        return next((a for a in self.accounts.accounts if a.customer_code == self.code), None)

    @property
    def is_owner(self) -> bool:
        a = self.account
        return a is not None and a.role == "owner" and a.status == "approved"

    @property
    def pending(self) -> list[LinkPublic]:
        return [lk for lk in self.links if lk.role == "member" and lk.status == "pending"]

    @property
    def linked(self) -> list[LinkPublic]:
        return [lk for lk in self.links if lk.role == "member" and lk.status == "approved"]

    @property
    def past(self) -> list[LinkPublic]:
        return [
            lk for lk in self.links if lk.role == "member" and lk.status in ("denied", "revoked")
        ]

    @property
    def my_requests(self) -> list[AccountPublic]:
        """Codes the person holds as a member (asked to link), whatever their status."""
        return [a for a in self.accounts.accounts if a.role == "member"]

    async def load(self, code: str | None) -> None:
        if code != self.code:
            self.code, self.links, self.audit = code, [], []
            self.loaded = self.audit_loaded = False

        async def call() -> None:
            self.links = await self.repo.links(code) if code and self.is_owner else []
            self.loaded = True

        await self.run(call)

    async def load_audit(self) -> None:
        if not (self.code and self.is_owner):
            return
        code = self.code

        async def call() -> None:
            self.audit = await self.repo.audit(code)
            self.audit_loaded = True

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

    async def refresh(self) -> None:
        """After a change: the account list (names unmask, codes go) and this code's links."""
        try:
            await self.accounts.load()
            if self.code and self.is_owner:
                self.links = await self.repo.links(self.code)
                if self.audit_loaded:
                    self.audit = await self.repo.audit(self.code)
        except AppError:
            pass  # the action's own result (or error) is what the person needs to see


def local_phone(e164: str) -> str:
    """`+84912345678` -> `0912 345 678` (how people write Vietnamese mobile numbers)."""
    if e164.startswith("+84") and len(e164) == 12:
        d = "0" + e164[3:]
        return f"{d[:4]} {d[4:7]} {d[7:]}"
    return e164
