"""Wire schemas of online electricity-service requests: catalogue, filing, tracking, staff."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from domain.models.common import CustomerCode, OtpCode, WireModel

FieldKind = Literal["text", "number", "date", "choice", "address", "phone", "email"]
WhoMayFile = Literal["anyone", "member", "owner"]
RequestStatus = Literal[
    "awaiting_signature",
    "submitted",
    "received",
    "scheduled",
    "in_progress",
    "done",
    "rejected",
    "cancelled",
]


class ChoicePublic(BaseModel):
    value: str
    label: str


class FieldSpecPublic(BaseModel):
    name: str
    kind: FieldKind
    label: str
    required: bool
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_days_ahead: int | None = None
    choices: list[ChoicePublic] = []


class ServiceTypePublic(BaseModel):
    """One service as the catalogue shows it in one language."""

    code: str
    name: str
    description: str
    who: WhoMayFile
    needs_code: bool
    needs_signature: bool
    turnaround_days: int = Field(description="working days the company commits to")
    fields: list[FieldSpecPublic]
    documents: list[str]
    # Filed from elsewhere, not from the catalogue (bill_review: from a bill, issue 18).
    from_bill: bool = False


class ServiceRequestCreate(WireModel):
    type: str = Field(max_length=30)
    customer_code: CustomerCode | None = None
    fields: dict[str, Any] = Field(default_factory=dict, max_length=30)
    note: str | None = Field(default=None, max_length=500)


class SignRequest(WireModel):
    otp: OtpCode


class MessageCreate(WireModel):
    text: str = Field(min_length=1, max_length=1000)


class Appointment(WireModel):
    date: date
    window: Literal["08-12", "13-17", "08-17"] = "08-12"


class TransitionRequest(WireModel):
    status: RequestStatus
    note: str | None = Field(default=None, max_length=500)
    appointment: Appointment | None = None


class TimelineEntry(BaseModel):
    status: str
    at: datetime
    note: str | None = None
    by: str


class MessagePublic(BaseModel):
    id: int
    at: datetime
    by: str
    text: str


class AttachmentPublic(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    uploaded_at: datetime


class SignaturePublic(BaseModel):
    signed_at: datetime
    by: str
    content_sha256: str


class ServiceRequestSummary(BaseModel):
    id: int
    tracking_no: str
    type: str
    customer_code: str | None
    status: RequestStatus
    created_at: datetime
    due_on: date | None = None
    overdue: bool = False
    appointment: Appointment | None = None


class ServiceRequestPublic(ServiceRequestSummary):
    fields: dict[str, Any]
    note: str | None = None
    reason: str | None = None
    mine: bool = True
    content_sha256: str
    timeline: list[TimelineEntry] = []
    messages: list[MessagePublic] = []
    attachments: list[AttachmentPublic] = []
    signatures: list[SignaturePublic] = []
