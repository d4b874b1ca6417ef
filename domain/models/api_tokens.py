"""Wire shapes of personal API tokens (issue 19): read-only, shown once, stored hashed."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

Scope = Literal["read:usage", "read:bills", "read:outages"]
SCOPES: tuple[Scope, ...] = ("read:usage", "read:bills", "read:outages")


class ApiTokenPublic(BaseModel):
    """A token as listed: never the token itself, only its first characters (`hint`)."""

    id: int
    name: str
    hint: str
    scopes: list[str]
    customer_codes: list[str] | None
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    expired: bool


class ApiTokenCreated(ApiTokenPublic):
    token: str = Field(description="shown this once; only its hash is kept")
