"""incidents: outage reports, unplanned incidents (one open per area), their timeline, and
GeoJSON boundaries on areas

Revision ID: 0010_incidents
Revises: 0009_bill_adjustments
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import server.models.base

revision = "0010_incidents"
down_revision = "0009_bill_adjustments"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = server.models.base.UTCDateTime(timezone=True)
OPEN_SQL = "status IN ('reported', 'confirmed', 'crew_dispatched')"


def upgrade() -> None:
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("boundary", sa.JSON(), nullable=True))
    op.create_table(
        "incidents",
        sa.Column("id", BigId, nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hazard", sa.Boolean(), nullable=False),
        sa.Column("eta", UTC, nullable=True),
        sa.Column("opened_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("closed_at", UTC, nullable=True),
        sa.Column("merged_into", BigId, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sqlite_autoincrement=True,  # ids never reused (migration 0005)
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            "uq_incidents_open_area",
            ["area_code"],
            unique=True,
            sqlite_where=sa.text(OPEN_SQL),
            postgresql_where=sa.text(OPEN_SQL),
        )
        batch_op.create_index("ix_incidents_status_opened", ["status", "opened_at"], unique=False)
    op.create_table(
        "outage_reports",
        sa.Column("id", BigId, nullable=False),
        sa.Column("tracking_no", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("customer_code", sa.String(length=13), nullable=True),
        sa.Column("area_code", sa.String(length=20), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("user_id", BigId, nullable=True),
        sa.Column("incident_id", BigId, nullable=True),
        sa.Column("photo_key", sa.String(length=80), nullable=True),
        sa.Column("photo_type", sa.String(length=20), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_outage_reports_incident_id_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outage_reports")),
        sa.UniqueConstraint("tracking_no", name=op.f("uq_outage_reports_tracking_no")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("outage_reports", schema=None) as batch_op:
        batch_op.create_index("ix_outage_reports_incident_id", ["incident_id", "id"], unique=False)
        batch_op.create_index("ix_outage_reports_user_id", ["user_id"], unique=False)
        batch_op.create_index("ix_outage_reports_unplaced", ["area_code", "id"], unique=False)
    op.create_table(
        "incident_events",
        sa.Column("id", BigId, nullable=False),
        sa.Column("incident_id", BigId, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("eta", UTC, nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("by", sa.String(length=40), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_events_incident_id_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_events")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("incident_events", schema=None) as batch_op:
        batch_op.create_index("ix_incident_events_incident_id", ["incident_id", "id"], unique=False)


def downgrade() -> None:
    op.drop_table("incident_events")
    op.drop_table("outage_reports")
    op.drop_table("incidents")
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.drop_column("boundary")
