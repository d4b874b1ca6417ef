"""Meters and their readings: daily energy of remote-read (AMI) meters, monthly index of manual
ones, and the reading day of each area.

Sizing (issue 9: 100k contracts × 2 years of days ≈ 73M daily rows): a daily row is keyed by a
4-byte meter id, not the 13-character customer code, and holds energy as whole Wh in an int4,
so a PostgreSQL row is 48 bytes (+4 line pointer) instead of ~60. The primary key
(meter_id, day) INCLUDEs wh and estimated, so "one meter, a date range" is an index-only range
scan whatever order the rows were loaded in; on SQLite the table is WITHOUT ROWID, i.e.
clustered on the same key. No foreign key on the big table: every COPY row would pay a lookup;
meter ids are checked when readings are imported.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class Meter(Base):
    """The meter serving a contract (one active meter per customer code)."""

    __tablename__ = "meters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("contracts.customer_code"), unique=True)
    serial: Mapped[str] = mapped_column(String(20))
    installed_on: Mapped[date] = mapped_column(Date)
    # Register value (Wh) at the start of installed_on: the first bill's start index.
    base_wh: Mapped[int] = mapped_column(BigInteger, default=0)


class DailyReading(Base):
    """Energy one AMI meter recorded in one local day (Asia/Ho_Chi_Minh)."""

    __tablename__ = "daily_readings"
    __table_args__ = (
        PrimaryKeyConstraint(
            "meter_id", "day", name="pk_daily_readings", postgresql_include=["wh", "estimated"]
        ),
        {"sqlite_with_rowid": False},
    )

    meter_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    wh: Mapped[int] = mapped_column(Integer)
    # True when the head-end system filled a missing day instead of the meter reporting it.
    estimated: Mapped[bool] = mapped_column(Boolean, default=False)


class IndexReading(Base):
    """A register index read by hand (or sent in by the customer) on one day."""

    __tablename__ = "index_readings"
    __table_args__ = (PrimaryKeyConstraint("meter_id", "read_on", name="pk_index_readings"),)

    meter_id: Mapped[int] = mapped_column(ForeignKey("meters.id"))
    read_on: Mapped[date] = mapped_column(Date)
    index_wh: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(10), default="reader")  # reader | customer


class ReadingSchedule(Base):
    """The reading day (ghi chỉ số) of an area in a month; absent = the last day of the month,
    the rule for households in Hồ Chí Minh City."""

    __tablename__ = "reading_schedule"
    __table_args__ = (PrimaryKeyConstraint("area_code", "month", name="pk_reading_schedule"),)

    area_code: Mapped[str] = mapped_column(String(20))
    month: Mapped[date] = mapped_column(Date)  # first day of the month
    read_on: Mapped[date] = mapped_column(Date)
