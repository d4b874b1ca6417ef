"""payment batches: one VietQR paying every unpaid bill of a customer code (issue 21)

Revision ID: 0012_payment_batches
Revises: 0011_intervals
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import server.models.base

revision = "0012_payment_batches"
down_revision = "0011_intervals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_batches",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("reference", sa.String(length=25), nullable=False),
        sa.Column("customer_code", sa.String(length=13), nullable=False),
        sa.Column(
            "created_by", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("items_key", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("paid_at", server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(length=30), nullable=True),
        sa.Column("transaction_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_batches")),
        sa.UniqueConstraint("reference", name=op.f("uq_payment_batches_reference")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_payment_batches_transaction_id")),
        sqlite_autoincrement=True,  # ids never reused (migration 0005)
    )
    with op.batch_alter_table("payment_batches", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payment_batches_code_key", ["customer_code", "items_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("payment_batches", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_batches_code_key")
    op.drop_table("payment_batches")
