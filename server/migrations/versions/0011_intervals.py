"""intervals: half-hourly readings (partitioned by month on PostgreSQL), solar installations,
personal API tokens

Revision ID: 0011_intervals
Revises: 0010_incidents
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import server.models.base

revision = "0011_intervals"
down_revision = "0010_incidents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Partitions are not made here: server/services/intervals/partitions.py makes each month
    # when data for it arrives and the partition job makes the coming months ahead.
    op.create_table(
        "interval_readings",
        sa.Column("meter_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("import_wh", sa.LargeBinary(), nullable=False),
        sa.Column("import_total_wh", sa.Integer(), nullable=False),
        sa.Column("export_wh", sa.LargeBinary(), nullable=True),
        sa.Column("export_total_wh", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("meter_id", "day", name=op.f("pk_interval_readings")),
        sqlite_with_rowid=False,
        postgresql_partition_by="RANGE (day)",
    )
    op.create_table(
        "solar_installations",
        sa.Column("customer_code", sa.String(length=13), nullable=False),
        sa.Column("kwp", sa.Numeric(8, 2), nullable=False),
        sa.Column("connected_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_code"],
            ["contracts.customer_code"],
            name=op.f("fk_solar_installations_customer_code_contracts"),
        ),
        sa.PrimaryKeyConstraint("customer_code", name=op.f("pk_solar_installations")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "session_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("hint", sa.String(length=16), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("customer_codes", sa.JSON(), nullable=True),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_api_tokens_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
        sqlite_autoincrement=True,  # ids never reused (migration 0005)
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))
    op.drop_table("api_tokens")
    op.drop_table("solar_installations")
    op.drop_table("interval_readings")
