"""Set-based SQL for batches of thousands of rows (the bill run):

- bulk_insert: COPY on PostgreSQL (psycopg's copy or asyncpg's copy_records_to_table),
  executemany elsewhere; a COPY of 1000 rows
  costs about what a few single-row INSERTs do.
- one_of: `column = ANY(:array)` on PostgreSQL — one parameter, so the statement is small and
  cached — where `IN (…)` with 1000 parameters is rebuilt and re-parsed every batch."""

from __future__ import annotations

import orjson
from sqlalchemy import ColumnElement, any_, bindparam, insert
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

from server import dialect


async def bulk_insert(
    session: AsyncSession, model: type[DeclarativeBase], rows: list[dict]
) -> None:
    """Rows are dicts with the same keys (column names); every column without a server-side
    default must be given, since Python-side defaults are not applied by COPY."""
    if not rows:
        return
    table = model.__table__
    conn = await session.connection()
    driver = dialect.fast_copy_driver(conn)
    if driver not in ("psycopg", "asyncpg"):
        await session.execute(insert(table), rows)
        return
    raw = (await conn.get_raw_connection()).driver_connection
    columns = list(rows[0])
    json_columns = {c for c in columns if table.c[c].type.__class__.__name__ == "JSON"}
    if driver == "asyncpg":  # asyncpg's own COPY, in the session's transaction
        await raw.copy_records_to_table(
            table.name,
            columns=columns,
            records=[
                tuple(orjson.dumps(r[c]).decode() if c in json_columns else r[c] for c in columns)
                for r in rows
            ],
        )
        return
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    async with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            await copy.write_row(
                [orjson.dumps(row[c]).decode() if c in json_columns else row[c] for c in columns]
            )


def one_of(session: AsyncSession, column, values) -> ColumnElement[bool]:
    """`column IN values`, as `= ANY(array)` on PostgreSQL."""
    values = list(values)
    if dialect.is_postgresql(session):
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)
