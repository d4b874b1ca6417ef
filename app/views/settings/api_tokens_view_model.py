"""Mã truy cập cá nhân (Settings): make a read-only token for one's own tools, see it once,
list the live ones with their last use, revoke one at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import flet as ft

from app.views.form_state import FormState
from domain.models.api_tokens import SCOPES, ApiTokenCreated, ApiTokenPublic

DAYS = (30, 90, 365)


class TokensRepo(Protocol):
    async def mine(self) -> list[ApiTokenPublic]: ...
    async def create(
        self, name: str, scopes: list[str], codes: list[str] | None, days: int
    ) -> ApiTokenCreated: ...
    async def revoke(self, token_id: int) -> None: ...


@ft.observable
@dataclass(kw_only=True)
class ApiTokensViewModel(FormState):
    repo: TokensRepo
    tokens: list[ApiTokenPublic] = field(default_factory=list)
    name: str = ""
    scopes: list[str] = field(default_factory=lambda: ["read:usage"])
    days: int = 90
    only_code: str | None = None  # bind the token to this code (the one selected), or all
    created: ApiTokenCreated | None = None  # shown once, until the screen is left
    loaded: bool = False

    async def load(self) -> None:
        async def call() -> None:
            self.tokens, self.loaded = await self.repo.mine(), True

        await self.run(call)

    def toggle_scope(self, scope: str, on: bool) -> None:
        if scope in SCOPES:
            chosen = set(self.scopes) | {scope} if on else set(self.scopes) - {scope}
            self.scopes = [s for s in SCOPES if s in chosen]

    def set_days(self, days: int) -> None:
        if days in DAYS:
            self.days = days

    def bind_to(self, code: str | None) -> None:
        self.only_code = code

    async def create(self) -> bool:
        name = self.name.strip()
        problems = {"name": "required"} if not name else {}
        if not self.scopes:
            problems["scopes"] = "required"
        if problems:
            self.refuse(problems)
            return False
        codes = [self.only_code] if self.only_code else None

        async def call() -> None:
            self.created = await self.repo.create(name, self.scopes, codes, self.days)
            self.tokens = await self.repo.mine()

        done = await self.run(call)
        if done:
            self.name = ""
            self.notice = "api_tokens.created"
        return done

    async def revoke(self, token_id: int) -> None:
        async def call() -> None:
            await self.repo.revoke(token_id)
            self.tokens = [t for t in self.tokens if t.id != token_id]
            if self.created is not None and self.created.id == token_id:
                self.created = None

        if await self.run(call):
            self.notice = "api_tokens.revoked"
