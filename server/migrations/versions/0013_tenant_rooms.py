"""tenant rooms: rooms an owner lets, their sub-meter readings, tenant links (issue 18)

Revision ID: 0013_tenant_rooms
Revises: 0012_payment_batches
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import server.models.base

revision = "0013_tenant_rooms"
down_revision = "0012_payment_batches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("customer_code", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("residents", sa.Integer(), nullable=False),
        sa.Column("moved_in", sa.Date(), nullable=False),
        sa.Column("moved_out", sa.Date(), nullable=True),
        sa.Column("invite_phone", sa.String(length=16), nullable=True),
        sa.Column("link_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_code"],
            ["contracts.customer_code"],
            name=op.f("fk_rooms_customer_code_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["link_id"], ["links.id"], name=op.f("fk_rooms_link_id_links"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rooms")),
        sa.UniqueConstraint("link_id", name=op.f("uq_rooms_link_id")),
        sqlite_autoincrement=True,  # ids never reused (migration 0005)
    )
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rooms_customer_code"), ["customer_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_rooms_invite_phone"), ["invite_phone"], unique=False)

    op.create_table(
        "room_readings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("room_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("period_month", sa.Date(), nullable=False),
        sa.Column("kwh", sa.Numeric(precision=10, scale=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name=op.f("fk_room_readings_room_id_rooms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_readings")),
        sa.UniqueConstraint("room_id", "period_month", name="uq_room_readings_month"),
        sqlite_autoincrement=True,  # ids never reused (migration 0005)
    )


def downgrade() -> None:
    op.drop_table("room_readings")
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rooms_invite_phone"))
        batch_op.drop_index(batch_op.f("ix_rooms_customer_code"))

    op.drop_table("rooms")
