"""Customer codes of the signed-in person, the selected one, and asking to link another."""

from __future__ import annotations

from dataclasses import dataclass, field

import flet as ft

from app.services.protocols import AccountsRepo
from app.views.form_state import FormState
from domain.customer_code import is_customer_code
from domain.models import AccountPublic


@ft.observable
@dataclass(kw_only=True)
class AccountsViewModel(FormState):
    """Shared by every signed-in screen: feature screens read `selected` for their code."""

    repo: AccountsRepo
    accounts: list[AccountPublic] = field(default_factory=list)  # the household codes
    # tenant links (issue 18): one room each, never the household's screens
    tenancies: list[AccountPublic] = field(default_factory=list)
    selected_code: str | None = None
    loaded: bool = False

    async def load(self) -> None:
        async def call() -> None:
            listed = await self.repo.list_accounts()
            self.accounts = [a for a in listed if a.role != "tenant"]
            self.tenancies = [a for a in listed if a.role == "tenant"]
            self.loaded = True
            codes = [a.customer_code for a in self.accounts]
            if self.selected_code not in codes:
                self.selected_code = self._preferred(self.accounts)

        await self.run(call)

    @staticmethod
    def _preferred(accounts: list[AccountPublic]) -> str | None:
        """Start on an approved code (owner first); a pending one only if nothing else."""
        ranked = sorted(accounts, key=lambda a: (a.status != "approved", a.role != "owner"))
        return ranked[0].customer_code if ranked else None

    @property
    def selected(self) -> AccountPublic | None:
        return next((a for a in self.accounts if a.customer_code == self.selected_code), None)

    def select(self, code: str) -> None:
        if any(a.customer_code == code for a in self.accounts):
            self.selected_code = code

    def added(self, account: AccountPublic) -> None:
        """A new link request: show it (pending or approved) and switch to it."""
        self.accounts = [a for a in self.accounts if a.customer_code != account.customer_code]
        self.accounts.append(account)
        self.selected_code = account.customer_code

    def clear(self) -> None:
        self.accounts, self.selected_code, self.loaded = [], None, False
        self.tenancies = []

    async def rename(self, code: str, nickname: str | None) -> bool:
        """Name one of the person's codes ("Nhà mẹ"); blank removes the name."""

        async def call() -> None:
            renamed = await self.repo.set_nickname(code, nickname)
            self.accounts = [renamed if a.customer_code == code else a for a in self.accounts]

        return await self.run(call)


@ft.observable
@dataclass(kw_only=True)
class AddAccountViewModel(FormState):
    repo: AccountsRepo
    code: str = ""
    note: str = ""
    result: AccountPublic | None = None

    async def submit(self) -> bool:
        if not is_customer_code(self.code):
            self.refuse({"code": "customer_code"})
            return False
        if len(self.note) > 200:
            self.refuse({"note": "too_long"})
            return False

        async def call() -> None:
            self.result = await self.repo.request_link(self.code, self.note.strip() or None)

        return await self.run(call)
