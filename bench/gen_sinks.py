"""Where bench/generate.py writes: PostgreSQL through COPY (psycopg 3), SQLite through
executemany (stdlib sqlite3). Both take rows of Python values; daily readings come as one
block of columns per day, the hot path (≈100k rows a day at full scale)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import orjson
import psycopg

READINGS_PK = (
    "ALTER TABLE daily_readings ADD CONSTRAINT pk_daily_readings "
    "PRIMARY KEY (meter_id, day) INCLUDE (wh, estimated)"
)


class PgSink:
    """COPY FROM STDIN, text format. The readings key is dropped for the load and built once
    at the end (one sort instead of 73M random B-tree inserts), then VACUUM sets the
    visibility map so range reads are index-only."""

    def __init__(self, conninfo: str) -> None:
        self.conn = psycopg.connect(conninfo)
        self.readings = psycopg.connect(conninfo)
        self._copy = contextlib.ExitStack()
        self._block = None

    def table(self, name: str, columns: list[str], rows) -> None:
        cols = ", ".join(f'"{c}"' for c in columns)
        with self.conn.cursor() as cur, cur.copy(f'COPY "{name}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(
                    [orjson.dumps(v).decode() if isinstance(v, dict) else v for v in row]
                )
        self.conn.commit()

    def prepare_readings(self) -> None:
        with self.readings.cursor() as cur:
            cur.execute("ALTER TABLE daily_readings DROP CONSTRAINT pk_daily_readings")
        self.readings.commit()

    def begin_block(self) -> None:
        cur = self._copy.enter_context(self.readings.cursor())
        self._block = self._copy.enter_context(
            cur.copy("COPY daily_readings (meter_id, day, wh, estimated) FROM STDIN")
        )

    def daily(self, day: date, ids: list[str], whs: list[int], ests: list[str]) -> None:
        d = day.isoformat()
        self._block.write(
            "".join([f"{m}\t{d}\t{w}\t{e}\n" for m, w, e in zip(ids, whs, ests, strict=True)])
        )

    def end_block(self) -> None:
        self._copy.close()
        self.readings.commit()

    def finish(self, say) -> dict[str, int]:
        with self.readings.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '1GB'")
            say("building the daily_readings primary key")
            cur.execute(READINGS_PK)
            self.readings.commit()
        self.readings.autocommit = True
        for table, column in (("users", "id"), ("links", "id"), ("meters", "id"), ("bills", "id")):
            self.readings.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"(SELECT coalesce(max({column}), 0) + 1 FROM {table}), false)"
            )
        say("VACUUM (ANALYZE)")
        self.readings.execute("VACUUM (ANALYZE)")
        sizes = self.readings.execute(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
        ).fetchall()
        return dict(sizes)

    def close(self) -> None:
        self.conn.close()
        self.readings.close()


def _sqlite_value(v):
    # The text forms SQLAlchemy's SQLite types write and read back.
    if isinstance(v, datetime):
        return v.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return json.dumps(v)
    return v


class SqliteSink:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=OFF")  # a load can be redone; the app uses NORMAL

    def table(self, name: str, columns: list[str], rows) -> None:
        cols = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        self.db.executemany(
            f'INSERT INTO "{name}" ({cols}) VALUES ({marks})',
            ([_sqlite_value(v) for v in row] for row in rows),
        )
        self.db.commit()

    def prepare_readings(self) -> None:
        pass  # WITHOUT ROWID: the key is the table; rows go in key order per day anyway

    def begin_block(self) -> None:
        pass

    def daily(self, day: date, ids: list[str], whs: list[int], ests: list[str]) -> None:
        d = day.isoformat()
        self.db.executemany(
            "INSERT INTO daily_readings (meter_id, day, wh, estimated) VALUES (?, ?, ?, ?)",
            [(int(m), d, w, e == "t") for m, w, e in zip(ids, whs, ests, strict=True)],
        )

    def end_block(self) -> None:
        self.db.commit()

    def finish(self, say) -> dict[str, int]:
        say("ANALYZE")
        self.db.execute("ANALYZE")
        self.db.commit()
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {"(file)": self.path.stat().st_size}

    def close(self) -> None:
        self.db.close()
