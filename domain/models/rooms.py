"""Rooms let on a customer code, invitations to tenants and a tenant's share (issue 18)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from domain.models.billing import KwhInput
from domain.models.common import JSON_NUMBER, Phone, WireModel
from domain.tenant_share import MAX_RESIDENTS

Residents = Annotated[int, Field(ge=1, le=MAX_RESIDENTS), JSON_NUMBER]
RoomName = Annotated[str, Field(min_length=1, max_length=40)]
Month = Annotated[str, Field(pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$", description="YYYY-MM")]


def _check_stay(moved_in: date | None, moved_out: date | None) -> None:
    if moved_in is not None and moved_out is not None and moved_out < moved_in:
        raise ValueError("moved_out must not be before moved_in")


class RoomIn(WireModel):
    """A room the owner lets: who lives there from when; `invite_phone` invites its tenant."""

    name: RoomName
    residents: Residents
    moved_in: date
    moved_out: date | None = None
    invite_phone: Phone | None = None

    @model_validator(mode="after")
    def _stay(self) -> RoomIn:
        _check_stay(self.moved_in, self.moved_out)
        return self


class RoomUpdate(WireModel):
    """Only the fields given change; `moved_out: null` clears a move-out date."""

    name: RoomName | None = None
    residents: Residents | None = None
    moved_in: date | None = None
    moved_out: date | None = None

    @model_validator(mode="after")
    def _stay(self) -> RoomUpdate:
        _check_stay(self.moved_in, self.moved_out)
        return self


class RoomInvite(WireModel):
    phone: Phone


class RoomReadingIn(WireModel):
    """A room's sub-meter kWh for the bill of `month` (the month its period ends in)."""

    month: Month
    kwh: KwhInput


class RoomReading(BaseModel):
    month: str
    kwh: Decimal


TenantStatus = Literal["none", "invited", "pending", "approved", "denied", "revoked"]


class RoomPublic(BaseModel):
    """A room as its owner sees it."""

    id: int
    name: str
    residents: int
    households: int  # four residents count as one household
    moved_in: date
    moved_out: date | None
    invite_phone: str | None
    tenant_status: TenantStatus
    link_id: int | None
    readings: list[RoomReading]


class RoomInvitation(BaseModel):
    """An invitation waiting for the signed-in person (matched by their phone)."""

    room_id: int
    customer_code: str
    room_name: str


class MyRoom(BaseModel):
    """A tenant's own room: nothing of the household beyond it."""

    customer_code: str
    name: str
    residents: int
    households: int
    moved_in: date
    moved_out: date | None


class RoomShare(BaseModel):
    """The room's part of one bill at the legal household tariff."""

    period_month: str
    period_start: date
    period_end: date
    days_present: int
    kwh: Decimal
    method: Literal["sub_meter", "split_by_residents"]
    households: int
    subtotal: int
    vat: int
    amount: int  # the most the law allows for these kWh, VAT included
    average_vnd_per_kwh: int | None
