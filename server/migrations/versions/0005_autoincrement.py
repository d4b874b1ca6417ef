"""ids are never reused: SQLite tables keyed by one integer get AUTOINCREMENT

SQLite's plain INTEGER PRIMARY KEY hands out the largest id + 1, so deleting the newest row
gave its id to the next one: an erased account's user id and sign-in id went to the next
person who registered (their old stream, token and audit rows then named the newcomer).
AUTOINCREMENT never hands out an id twice. SQLite cannot change a key in place, so each
table is copied (alembic batch mode) — a plain `migrate` connection has foreign keys off,
so dropping the old table deletes nothing else. PostgreSQL sequences never go back: nothing
to do there.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Every table keyed by one integer column at 0004 (server/models/base.py: never_reuses_ids).
TABLES = (
    "users", "sessions", "refresh_tokens", "otp_codes", "consents", "devices", "links",
    "audit_log", "notifications", "outbox", "deliveries", "bills", "payment_events",
    "outages", "announcements", "articles", "offices", "meters",
)  # fmt: skip
_APPEND_ONLY = "audit_log"


def _rebuild(autoincrement: bool) -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    bind = op.get_bind()
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        # Copying a parent table with foreign keys on would cascade-delete its children.
        raise RuntimeError("0005 must run with SQLite foreign keys off (python -m server migrate)")
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
    # The copy lost the audit log's append-only triggers (0001): put them back.
    for event in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS {_APPEND_ONLY}_no_{event.lower()}")
        op.execute(
            f"CREATE TRIGGER {_APPEND_ONLY}_no_{event.lower()} BEFORE {event} ON {_APPEND_ONLY} "
            f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY} is append-only'); END"
        )


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
