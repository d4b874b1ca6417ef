"""Declarative base, naming convention for constraints, and column types shared by tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, Table, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names let alembic diff and drop them the same way on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# 64-bit keys on PostgreSQL; SQLite only auto-increments a plain INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in and out, also on SQLite which keeps no offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def never_reuses_ids(table: Table) -> bool:
    """A table keyed by one integer column: its ids name people, sign-ins, bills… in tokens,
    URLs, streams and audit rows, so an id, once handed out, must never name another row."""
    pk = list(table.primary_key.columns)
    return len(pk) == 1 and pk[0].type._type_affinity is Integer


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    def __init_subclass__(cls, **kw) -> None:
        super().__init_subclass__(**kw)
        table = cls.__dict__.get("__table__")
        # SQLite hands out the largest id + 1, so deleting the newest row (an erased account,
        # an ended sign-in) gave its id to the next one; AUTOINCREMENT never reuses an id.
        # PostgreSQL sequences never go back anyway. Migration 0005 does the same to
        # existing SQLite files.
        if isinstance(table, Table) and never_reuses_ids(table):
            table.dialect_options["sqlite"]["autoincrement"] = True
