"""Areas and their readable names, planned outages by area, staff announcements, alert thresholds people set, and the marks
that keep scheduled notices from being sent twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class Area(Base):
    """A distribution area's readable name ("Sài Gòn – Bến Thành, TP. Hồ Chí Minh") for the
    code contracts and outages carry (HCM-SG-01). A code without a row is shown as is."""

    __tablename__ = "areas"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # GeoJSON Polygon/MultiPolygon (lon, lat) for placing outage reports by location (issue 17)
    boundary: Mapped[dict | None] = mapped_column(JSON, default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Outage(Base):
    """A planned interruption of supply in an area; every change bumps `version`."""

    __tablename__ = "outages"
    __table_args__ = (Index("ix_outages_area_starts", "area_code", "starts_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    area_code: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(300))
    reason_en: Mapped[str | None] = mapped_column(String(300))  # None: readers see `reason`
    status: Mapped[str] = mapped_column(String(10), default="planned")  # planned|changed|cancelled
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Announcement(Base):
    """A message from staff to everyone or to one area; each person gets an inbox notice."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    area_code: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlertSetting(Base):
    """One person's thresholds for one customer code; None means that alert is off."""

    __tablename__ = "alert_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    customer_code: Mapped[str] = mapped_column(
        ForeignKey("contracts.customer_code"), primary_key=True, index=True
    )
    daily_wh: Mapped[int | None] = mapped_column(BigInteger)
    forecast_vnd: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SentNotice(Base):
    """Marks a scheduled notice as done (kind:code:ref:user), so a sweep re-run sends nothing
    twice; written in the transaction that writes the notice."""

    __tablename__ = "sent_notices"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
