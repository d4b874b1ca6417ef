"""Unplanned outages: reports people send (báo mất điện), the incident per area they join,
and the incident's timeline. One OPEN incident per area is a unique partial index, so
concurrent first reports cannot open two (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow

OPEN_SQL = "status IN ('reported', 'confirmed', 'crew_dispatched')"


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        Index(
            "uq_incidents_open_area",
            "area_code",
            unique=True,
            sqlite_where=text(OPEN_SQL),
            postgresql_where=text(OPEN_SQL),
        ),
        Index("ix_incidents_status_opened", "status", "opened_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    area_code: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="reported")
    hazard: Mapped[bool] = mapped_column(Boolean, default=False)
    eta: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    merged_into: Mapped[int | None] = mapped_column(BigId)


class OutageReport(Base):
    """One person's report. Phone and address are personal data: only staff see them."""

    __tablename__ = "outage_reports"
    __table_args__ = (
        Index("ix_outage_reports_incident_id", "incident_id", "id"),
        Index("ix_outage_reports_user_id", "user_id"),
        Index("ix_outage_reports_unplaced", "area_code", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    customer_code: Mapped[str | None] = mapped_column(String(13))
    area_code: Mapped[str | None] = mapped_column(String(20))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(String(500))
    user_id: Mapped[int | None] = mapped_column(BigId)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    photo_key: Mapped[str | None] = mapped_column(String(80))
    photo_type: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IncidentEvent(Base):
    """The timeline: every status, estimate or note staff give, with who (masked) and when."""

    __tablename__ = "incident_events"
    __table_args__ = (Index("ix_incident_events_incident_id", "incident_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    status: Mapped[str] = mapped_column(String(20))
    eta: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(String(500))
    by: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
