"""Service requests, their timeline, OTP signatures, messages, attachments and dated households."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class ServiceRequest(Base):
    __tablename__ = "service_requests"
    __table_args__ = (
        Index("ix_service_requests_filer_id", "filer_user_id", "id"),
        Index("ix_service_requests_code_id", "customer_code", "id"),
        Index("ix_service_requests_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(20), unique=True)
    type: Mapped[str] = mapped_column(String(30))
    customer_code: Mapped[str | None] = mapped_column(String(13))
    area_code: Mapped[str | None] = mapped_column(String(20))
    filer_user_id: Mapped[int] = mapped_column(BigId)
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(500))
    appointment_date: Mapped[date | None] = mapped_column(Date)
    appointment_window: Mapped[str | None] = mapped_column(String(5))
    due_on: Mapped[date | None] = mapped_column(Date)
    sign_otp_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ServiceRequestEvent(Base):
    """One step of the timeline: the new status, when, by whom, why."""

    __tablename__ = "service_request_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(String(500))
    by: Mapped[str] = mapped_column(String(40))


class ServiceSignature(Base):
    """An OTP signature: append-only (the migration adds triggers), with the SHA-256 of the
    request's canonical content so a later change of the content is detectable."""

    __tablename__ = "service_signatures"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    user_id: Mapped[int] = mapped_column(BigId)
    signer: Mapped[str] = mapped_column(String(40))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ip: Mapped[str] = mapped_column(String(45))
    device: Mapped[str] = mapped_column(String(200))
    content_sha256: Mapped[str] = mapped_column(String(64))


class ServiceMessage(Base):
    __tablename__ = "service_messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    author_user_id: Mapped[int | None] = mapped_column(BigId)
    by: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ServiceAttachment(Base):
    __tablename__ = "service_attachments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id"), index=True)
    filename: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    storage_key: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int] = mapped_column(BigId)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HouseholdNorm(Base):
    """The households of a contract from a date on (set by a done household_norm request)."""

    __tablename__ = "household_norms"
    __table_args__ = (Index("ix_household_norms_code_from", "customer_code", "valid_from"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_code: Mapped[str] = mapped_column(String(13))
    valid_from: Mapped[date] = mapped_column(Date)
    households: Mapped[int] = mapped_column(Integer)
    households_before: Mapped[int] = mapped_column(Integer, default=1)
    request_id: Mapped[int | None] = mapped_column(BigId)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
