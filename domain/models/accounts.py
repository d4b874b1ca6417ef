"""Customer codes a person holds, link requests and their audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from domain.models.common import CustomerCode, WireModel

LinkRole = Literal["owner", "member", "tenant"]  # tenant: one room only (issue 18)
LinkStatus = Literal["approved", "pending", "denied", "revoked"]
MeterType = Literal["ami", "manual"]


class AccountPublic(BaseModel):
    """One customer code as the caller sees it; name/address masked unless approved."""

    customer_code: str
    role: LinkRole
    status: LinkStatus
    name: str
    address: str
    meter_type: MeterType
    area: str | None = None
    link_id: int
    households: int = 1
    nickname: str | None = None  # the caller's own name for this code, shown only to them
    requested_at: datetime | None = None  # when the caller's link was asked for


class NicknameIn(WireModel):
    """`null` or blank removes the name; links and long numbers are taken out."""

    nickname: str | None = Field(default=None, max_length=200)


class LinkCreate(WireModel):
    customer_code: CustomerCode
    note: str | None = Field(default=None, max_length=200)


class LinkPublic(BaseModel):
    id: int
    phone: str
    full_name: str
    role: LinkRole
    status: LinkStatus
    note: str | None
    requested_at: datetime
    decided_at: datetime | None


class LinkReminder(BaseModel):
    """A waiting relative reminded the owner: when they asked, when they reminded, and the
    earliest time they may remind again."""

    requested_at: datetime
    reminded_at: datetime
    next_at: datetime


class AuditRecord(BaseModel):
    """Append-only: who did what to which link, when, for which purpose."""

    id: int
    at: datetime
    actor: str
    action: str
    customer_code: str | None
    subject: str | None
    purpose: str
    detail: str | None = None
