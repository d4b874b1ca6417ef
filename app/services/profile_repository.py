"""The signed-in person's profile: notice channels, consents, e-mail, devices, export, erasure."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import ProfileRepo
from domain.models import SessionPublic, UserPublic
from domain.models.auth import Channels

_SESSIONS = TypeAdapter(list[SessionPublic])


class ProfileRepository(ProfileRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def me(self) -> UserPublic:
        return UserPublic.model_validate(await self._api.get("me"))

    async def update(
        self,
        *,
        channels: Channels | None = None,
        consents: dict[str, bool] | None = None,
        email: str | None = None,
        clear_email: bool = False,
        language: str | None = None,
    ) -> UserPublic:
        """PATCH only what is given; `clear_email` sends `email: null` (removes the address)."""
        body: dict[str, Any] = {}
        if channels is not None:
            body["channels"] = channels.model_dump()
        if consents:
            body["consents"] = consents
        if email is not None:
            body["email"] = email
        elif clear_email:
            body["email"] = None
        if language is not None:
            body["language"] = language  # notices and e-mails are worded in it
        return UserPublic.model_validate(await self._api.patch("me", body))

    async def data_export(self) -> bytes:
        """Everything the server holds about the person, as a readable UTF-8 JSON file."""
        data = await self._api.get("me/data-export")
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")

    async def change_password(self, current: str, new: str) -> None:
        """Ends every other sign-in of the account; this device stays signed in."""
        await self._api.post("me/password", {"current_password": current, "new_password": new})

    async def sessions(self) -> list[SessionPublic]:
        return _SESSIONS.validate_python(await self._api.get("me/sessions"))

    async def end_session(self, session_id: int) -> None:
        await self._api.delete(f"me/sessions/{session_id}")

    async def delete_account(self) -> None:
        """Erase the account on the server, then forget this device's tokens (they are dead)."""
        await self._api.delete("me")
        await self._api.credentials.forget()
