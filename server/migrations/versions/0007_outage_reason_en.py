"""planned outages carry their reason in English too (issue 21.9: English readers saw it only
in Vietnamese); nullable — staff may give only the Vietnamese, readers then see that

Revision ID: 0007_outage_reason_en
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_outage_reason_en"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both stores (no table copy: outages keeps its AUTOINCREMENT).
    op.add_column("outages", sa.Column("reason_en", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outages", schema=None) as batch_op:
        batch_op.drop_column("reason_en")
