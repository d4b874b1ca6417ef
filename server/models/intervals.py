"""Half-hourly interval readings of remote-read meters, rooftop-solar (export) installations and
personal API tokens (issue 19).

Sizing (issue 19: ~3M remote-read meters × 365 days ≈ 1.1 billion meter-days a year): ONE row
per meter-day, never one per value. The 48 half-hourly values travel as 192 bytes (48 ×
little-endian int32 Wh) in a bytea/BLOB: a PostgreSQL row is ~260 bytes with its header and
totals, where 48 rows of (meter, timestamp, value) would cost ~48 × 44 bytes plus 48 index
entries. The day's totals sit beside the blob so reconciliation and month sums read no blob.
On PostgreSQL the table is partitioned by month (RANGE on day; the partitions are made by
server/services/intervals/partitions.py, old ones DETACHed for archive); on SQLite it is a plain
WITHOUT ROWID table clustered on (meter_id, day) with the same behaviour.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    PrimaryKeyConstraint,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigId, UTCDateTime, utcnow


class IntervalDay(Base):
    """One meter's 48 half-hours of one local day (Asia/Ho_Chi_Minh has no daylight saving,
    so a day always has 48): import from the grid, and export to it for solar customers."""

    __tablename__ = "interval_readings"
    __table_args__ = (
        PrimaryKeyConstraint("meter_id", "day", name="pk_interval_readings"),
        {"sqlite_with_rowid": False, "postgresql_partition_by": "RANGE (day)"},
    )

    meter_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    import_wh: Mapped[bytes] = mapped_column(LargeBinary)  # 48 × int32 little-endian Wh
    import_total_wh: Mapped[int] = mapped_column(Integer)
    export_wh: Mapped[bytes | None] = mapped_column(LargeBinary)
    export_total_wh: Mapped[int | None] = mapped_column(Integer)


class SolarInstallation(Base):
    """A rooftop-solar system that sends energy to the grid: its meter records export too."""

    __tablename__ = "solar_installations"

    customer_code: Mapped[str] = mapped_column(
        ForeignKey("contracts.customer_code"), primary_key=True
    )
    kwp: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    connected_on: Mapped[date] = mapped_column(Date)


class ApiToken(Base):
    """A personal, read-only API token. Only its SHA-256 is kept; it acts through a sign-in
    of its own (`session_id`), so revoking the token, or signing out everywhere, ends it at
    once through the same rule that ends any sign-in."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart
    scopes: Mapped[list[str]] = mapped_column(JSON)
    customer_codes: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
