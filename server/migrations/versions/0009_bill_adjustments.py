"""bill adjustments (issue 18): adjustment bills issued when a bill review ends corrected

Revision ID: 0009_bill_adjustments
Revises: 0008_link_nickname
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import server.models.base

revision = "0009_bill_adjustments"
down_revision = "0008_link_nickname"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "bill_adjustments",
        sa.Column("id", _ID, nullable=False),
        sa.Column("customer_code", sa.String(length=13), nullable=False),
        sa.Column("bill_id", _ID, nullable=False),
        sa.Column("request_id", _ID, nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("wh_before", sa.BigInteger(), nullable=False),
        sa.Column("wh_after", sa.BigInteger(), nullable=False),
        sa.Column("total_before", sa.BigInteger(), nullable=False),
        sa.Column("subtotal", sa.BigInteger(), nullable=False),
        sa.Column("vat", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("breakdown", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("invoice_serial", sa.String(length=10), nullable=False),
        sa.Column("invoice_no", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("carried_to_bill_id", _ID, nullable=True),
        sa.Column("paid_at", server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(length=30), nullable=True),
        sa.Column("transaction_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_bill_adjustments_bill_id_bills")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_adjustments")),
        sa.UniqueConstraint("invoice_serial", "invoice_no", name="uq_bill_adjustments_invoice"),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_bill_adjustments_transaction_id")),
        sqlite_autoincrement=True,  # ids never reused (migration 0005)
    )
    with op.batch_alter_table("bill_adjustments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bill_adjustments_bill_id"), ["bill_id"], unique=False)
        batch_op.create_index(
            "ix_bill_adjustments_code_issued", ["customer_code", "issued_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("bill_adjustments", schema=None) as batch_op:
        batch_op.drop_index("ix_bill_adjustments_code_issued")
        batch_op.drop_index(batch_op.f("ix_bill_adjustments_bill_id"))
    op.drop_table("bill_adjustments")
