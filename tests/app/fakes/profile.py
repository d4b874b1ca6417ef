"""Fake profile repository: the person, channel and consent changes, devices, password,
export and erasure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.services.protocols import ProfileRepo
from domain.models import SessionPublic, UserPublic
from domain.models.auth import Channels

AT = datetime(2026, 11, 24, 3, tzinfo=UTC)


def user(**changes: Any) -> UserPublic:
    base = UserPublic(
        id=1,
        phone="+84901234567",
        full_name="Nguyễn Văn An",
        email=None,
        language="vi",
        channels=Channels(),
        consents={"service": True},
        created_at=AT,
    )
    return base.model_copy(update=changes)


@dataclass
class FakeProfile(ProfileRepo):
    me_now: UserPublic = field(default_factory=user)
    updates: list[dict[str, Any]] = field(default_factory=list)
    ended: list[int] = field(default_factory=list)
    passwords: list[tuple[str, str]] = field(default_factory=list)
    deleted: bool = False
    fail_with: Exception | None = None  # raised by update() and change_password()

    async def me(self) -> UserPublic:
        return self.me_now

    async def sessions(self) -> list[SessionPublic]:
        return [
            SessionPublic(
                id=1, device="Điện Nhà web", created_at=AT, last_seen_at=AT, current=True
            ),
            SessionPublic(id=2, device="Điện Nhà mobile", created_at=AT, last_seen_at=AT),
        ]

    async def update(
        self,
        *,
        channels: Channels | None = None,
        consents: dict[str, bool] | None = None,
        email: str | None = None,
        clear_email: bool = False,
        language: str | None = None,
    ) -> UserPublic:
        given = {
            "channels": channels,
            "consents": consents,
            "email": email,
            "clear_email": clear_email,
            "language": language,
        }
        # what the view model sent (defaults left out)
        self.updates.append({k: v for k, v in given.items() if v is not None and v is not False})
        if self.fail_with:
            raise self.fail_with
        u = self.me_now
        if channels is not None:
            u = u.model_copy(update={"channels": channels})
        if consents:
            u = u.model_copy(update={"consents": u.consents | consents})
        if email is not None:
            u = u.model_copy(update={"email": email})
        if clear_email:
            u = u.model_copy(update={"email": None})
        if language:
            u = u.model_copy(update={"language": language})
        self.me_now = u
        return u

    async def change_password(self, current: str, new: str) -> None:
        self.passwords.append((current, new))
        if self.fail_with:
            raise self.fail_with

    async def end_session(self, session_id: int) -> None:
        self.ended.append(session_id)

    async def data_export(self) -> bytes:
        return b"{}"

    async def delete_account(self) -> None:
        self.deleted = True
