"""billing: meters, daily/index readings, reading schedule, bills, invoice counters, payment
events, outages, announcements, alert settings, sent-notice marks

daily_readings is the big table (≈73M rows at 100k contracts × 2 years): int4 meter id + date
key, energy as int4 Wh, primary key INCLUDE (wh, estimated) on PostgreSQL for index-only range
scans, WITHOUT ROWID on SQLite. See server/models/readings.py.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 02:37:59.447785
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import server.models.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "announcements",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
    )
    op.create_table(
        "daily_readings",
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("wh", sa.Integer(), nullable=False),
        sa.Column("estimated", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint(
            "meter_id", "day", name="pk_daily_readings", postgresql_include=["wh", "estimated"]
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "invoice_counters",
        sa.Column("serial", sa.String(length=10), nullable=False),
        sa.Column("last_no", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_invoice_counters")),
    )
    op.create_table(
        "outages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=False),
        sa.Column("starts_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outages")),
    )
    with op.batch_alter_table("outages", schema=None) as batch_op:
        batch_op.create_index("ix_outages_area_starts", ["area_code", "starts_at"], unique=False)

    op.create_table(
        "payment_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("received_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.String(length=64), nullable=True),
        sa.Column("bill_no", sa.String(length=25), nullable=True),
        sa.Column("bill_id", sa.BigInteger(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("remote_ip", sa.String(length=45), nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_events")),
    )
    with op.batch_alter_table("payment_events", schema=None) as batch_op:
        batch_op.create_index("ix_payment_events_transaction_id", ["transaction_id"], unique=False)

    op.create_table(
        "reading_schedule",
        sa.Column("area_code", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("read_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("area_code", "month", name="pk_reading_schedule"),
    )
    op.create_table(
        "sent_notices",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sent_notices")),
    )
    op.create_table(
        "alert_settings",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("customer_code", sa.String(length=13), nullable=False),
        sa.Column("daily_wh", sa.BigInteger(), nullable=True),
        sa.Column("forecast_vnd", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_code"],
            ["contracts.customer_code"],
            name=op.f("fk_alert_settings_customer_code_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_alert_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "customer_code", name=op.f("pk_alert_settings")),
    )
    with op.batch_alter_table("alert_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alert_settings_customer_code"), ["customer_code"], unique=False
        )

    op.create_table(
        "bills",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("customer_code", sa.String(length=13), nullable=False),
        sa.Column("period_month", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("start_index_wh", sa.BigInteger(), nullable=False),
        sa.Column("end_index_wh", sa.BigInteger(), nullable=False),
        sa.Column("wh", sa.BigInteger(), nullable=False),
        sa.Column("subtotal", sa.BigInteger(), nullable=False),
        sa.Column("vat", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("breakdown", sa.JSON(), nullable=False),
        sa.Column("invoice_serial", sa.String(length=10), nullable=False),
        sa.Column("invoice_no", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("paid_at", server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(length=30), nullable=True),
        sa.Column("transaction_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_code"],
            ["contracts.customer_code"],
            name=op.f("fk_bills_customer_code_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bills")),
        sa.UniqueConstraint("customer_code", "period_month", name="uq_bills_code_month"),
        sa.UniqueConstraint("invoice_serial", "invoice_no", name="uq_bills_invoice"),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_bills_transaction_id")),
    )
    with op.batch_alter_table("bills", schema=None) as batch_op:
        batch_op.create_index("ix_bills_status_due", ["status", "due_date"], unique=False)

    op.create_table(
        "meters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=13), nullable=False),
        sa.Column("serial", sa.String(length=20), nullable=False),
        sa.Column("installed_on", sa.Date(), nullable=False),
        sa.Column("base_wh", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_code"],
            ["contracts.customer_code"],
            name=op.f("fk_meters_customer_code_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meters")),
        sa.UniqueConstraint("customer_code", name=op.f("uq_meters_customer_code")),
    )
    op.create_table(
        "index_readings",
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("read_on", sa.Date(), nullable=False),
        sa.Column("index_wh", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["meter_id"], ["meters.id"], name=op.f("fk_index_readings_meter_id_meters")
        ),
        sa.PrimaryKeyConstraint("meter_id", "read_on", name="pk_index_readings"),
    )


def downgrade() -> None:
    op.drop_table("index_readings")
    op.drop_table("meters")
    with op.batch_alter_table("bills", schema=None) as batch_op:
        batch_op.drop_index("ix_bills_status_due")

    op.drop_table("bills")
    with op.batch_alter_table("alert_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_settings_customer_code"))

    op.drop_table("alert_settings")
    op.drop_table("sent_notices")
    op.drop_table("reading_schedule")
    with op.batch_alter_table("payment_events", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_events_transaction_id")

    op.drop_table("payment_events")
    with op.batch_alter_table("outages", schema=None) as batch_op:
        batch_op.drop_index("ix_outages_area_starts")

    op.drop_table("outages")
    op.drop_table("invoice_counters")
    op.drop_table("daily_readings")
    op.drop_table("announcements")
