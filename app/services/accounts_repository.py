"""The signed-in person's customer codes and their requests to link more."""

from __future__ import annotations

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import AccountsRepo
from domain.models import AccountPublic, LinkCreate, NicknameIn

_ACCOUNTS = TypeAdapter(list[AccountPublic])


class AccountsRepository(AccountsRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def list_accounts(self) -> list[AccountPublic]:
        return _ACCOUNTS.validate_python(await self._api.get("accounts"))

    async def request_link(self, customer_code: str, note: str | None = None) -> AccountPublic:
        """Owner's phone: approved at once. Anyone else: `pending` until the owner decides."""
        body = LinkCreate(customer_code=customer_code, note=note or None)
        return AccountPublic.model_validate(
            await self._api.post("accounts/links", body.model_dump(exclude_none=True))
        )

    async def set_nickname(self, customer_code: str, nickname: str | None) -> AccountPublic:
        """The person's own name for the code (None removes it); the server cleans it."""
        body = NicknameIn(nickname=nickname)
        return AccountPublic.model_validate(
            await self._api.put(f"accounts/{customer_code}/nickname", body.model_dump())
        )
