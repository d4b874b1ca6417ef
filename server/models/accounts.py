"""Contracts (customer codes), the links people hold to them, and the append-only audit log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class Contract(Base):
    __tablename__ = "contracts"

    customer_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    owner_phone: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    area_code: Mapped[str] = mapped_column(String(20), index=True)
    meter_type: Mapped[str] = mapped_column(String(6))  # "ami" | "manual"
    households: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by done service requests (issue 16): contact_update, terminate.
    notice_phone: Mapped[str | None] = mapped_column(String(16))
    notice_email: Mapped[str | None] = mapped_column(String(254))
    supply_ends_on: Mapped[date | None] = mapped_column(Date)


class Link(Base):
    """A person's link to a contract: owner (contract phone) or member (approved by the owner)."""

    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint("user_id", "customer_code", name="uq_links_user_code"),
        Index("ix_links_code_status", "customer_code", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    customer_code: Mapped[str] = mapped_column(ForeignKey("contracts.customer_code"))
    role: Mapped[str] = mapped_column(String(6))  # "owner" | "member" | "tenant" (issue 18)
    status: Mapped[str] = mapped_column(String(8))  # approved | pending | denied | revoked
    note: Mapped[str | None] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    nickname: Mapped[str | None] = mapped_column(String(40))  # the person's own name for it


# The links that read a household's data and are told of it (bills, payments, reminders,
# adjustments, service requests, API tokens): approved owners and members. Any other role a link
# may hold (a tenant's, issue 18, sees only a room) is kept out of all of them by this one rule.
HOUSEHOLD_ROLES = ("owner", "member")


def household_link() -> ColumnElement[bool]:
    """SQL condition on `Link`: an approved owner or member link."""
    return and_(Link.status == "approved", Link.role.in_(HOUSEHOLD_ROLES))


class AuditRecord(Base):
    """Who did what, when, for which purpose. No API edits it; the database refuses UPDATE and
    DELETE (triggers in the migration). People are kept as ids and masked phones so the record
    outlives an erased account, as the personal-data law asks of proof of consent."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_code_at", "customer_code", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(BigId)
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    customer_code: Mapped[str | None] = mapped_column(String(13))
    subject_user_id: Mapped[int | None] = mapped_column(BigId)
    subject: Mapped[str | None] = mapped_column(String(40))
    purpose: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str | None] = mapped_column(Text)
