"""credits carried to a bill: an index on bill_adjustments.carried_to_bill_id (issue 18)

Every bill read sums the credits carried to it (server/services/billing/credits.py, a
correlated subquery per bill row): without the index each bill row scanned the adjustments.

Revision ID: 0014_credit_carry_index
Revises: 0013_tenant_rooms
"""

from __future__ import annotations

from alembic import op

revision = "0014_credit_carry_index"
down_revision = "0013_tenant_rooms"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_bill_adjustments_carried_to", "bill_adjustments", ["carried_to_bill_id"])


def downgrade() -> None:
    op.drop_index("ix_bill_adjustments_carried_to", table_name="bill_adjustments")
