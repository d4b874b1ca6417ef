"""The signed-in person's tokens: access token in memory only, refresh token in a TokenStore."""

from __future__ import annotations

from app.services.token_store import TokenStore
from domain.models import Tokens


class Credentials:
    def __init__(self, store: TokenStore) -> None:
        self.store = store
        self._access_token: str | None = None

    @property
    def access_token(self) -> str | None:
        return self._access_token

    async def accept(self, tokens: Tokens) -> None:
        """Keep a fresh pair from sign-in or refresh (refresh tokens rotate on every use)."""
        self._access_token = tokens.access_token
        await self.store.save(tokens.refresh_token)

    async def refresh_token(self) -> str | None:
        return await self.store.load()

    def drop_access_token(self) -> None:
        """The app closes: the access token leaves memory, the stored refresh token stays."""
        self._access_token = None

    async def forget(self) -> None:
        self._access_token = None
        await self.store.clear()

    def __repr__(self) -> str:  # never show a token in a traceback or a log line
        state = "signed-in" if self._access_token else "no access token"
        return f"Credentials({self.store.kind}, {state})"
