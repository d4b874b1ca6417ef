"""The signed-in person's personal API tokens: create (the token comes back once), list, revoke."""

from __future__ import annotations

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from domain.models.api_tokens import ApiTokenCreated, ApiTokenPublic

_LIST = TypeAdapter(list[ApiTokenPublic])


class ApiTokensRepository:
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def mine(self) -> list[ApiTokenPublic]:
        return _LIST.validate_python(await self._api.get("me/api-tokens"))

    async def create(
        self, name: str, scopes: list[str], codes: list[str] | None, days: int
    ) -> ApiTokenCreated:
        body = {"name": name, "scopes": scopes, "customer_codes": codes, "expires_in_days": days}
        return ApiTokenCreated.model_validate(await self._api.post("me/api-tokens", json=body))

    async def revoke(self, token_id: int) -> None:
        await self._api.delete(f"me/api-tokens/{token_id}")
