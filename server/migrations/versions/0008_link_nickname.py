"""a person's own name for each of their codes ("Nhà mẹ", "Phòng trọ Q.7"; issue 21.5: the
switcher listed bare codes); shown only to that person

Revision ID: 0008_link_nickname
Revises: 0007_outage_reason_en
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_link_nickname"
down_revision = "0007_outage_reason_en"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("links", sa.Column("nickname", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.drop_column("nickname")
