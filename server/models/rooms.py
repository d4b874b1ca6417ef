"""Rooms an owner lets on a customer code and their sub-meter readings (issue 18, tenants).

A room may carry a tenant: `invite_phone` (E.164) is the person invited; when they accept,
their `tenant` link (links.role = "tenant") is kept in `link_id`, and the owner approves or
refuses it like any link. After `moved_out` the tenant link opens nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class Room(Base):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("contracts.customer_code"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    residents: Mapped[int] = mapped_column(Integer)
    moved_in: Mapped[date] = mapped_column(Date)
    moved_out: Mapped[date | None] = mapped_column(Date)
    invite_phone: Mapped[str | None] = mapped_column(String(16), index=True)
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("links.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RoomReading(Base):
    """A room's sub-meter kWh for the bill of one month (bills.period_month: the first day
    of the month the bill's period ends in)."""

    __tablename__ = "room_readings"
    __table_args__ = (UniqueConstraint("room_id", "period_month", name="uq_room_readings_month"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"))
    period_month: Mapped[date] = mapped_column(Date)
    kwh: Mapped[Decimal] = mapped_column(Numeric(10, 3))
