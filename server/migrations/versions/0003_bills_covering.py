"""bills: the (customer_code, period_month) key INCLUDEs wh and total on PostgreSQL

Monthly usage reads 24-36 bills of one code for their energy and amount. With the columns
in the unique index that read is index-only: 2-3 index pages instead of one heap page per
bill (a customer's bills are written a month apart, so each sits on its own page). See
bench/RESULTS.md. SQLite keeps the plain unique constraint (it has no INCLUDE).

The constraint is rebuilt in the migration's transaction, which locks bills for the build:
seconds at a few million bills.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _rebuild(include: list[str]) -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.drop_constraint("uq_bills_code_month", "bills", type_="unique")
    # SQL, not op.create_unique_constraint: alembic's stand-in table lacks the INCLUDE columns
    extra = f" INCLUDE ({', '.join(include)})" if include else ""
    op.execute(
        "ALTER TABLE bills ADD CONSTRAINT uq_bills_code_month "
        f"UNIQUE (customer_code, period_month){extra}"
    )


def upgrade() -> None:
    _rebuild(["wh", "total"])


def downgrade() -> None:
    _rebuild([])
