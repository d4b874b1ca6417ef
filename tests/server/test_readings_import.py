"""Readings in: the CSV of `python -m server import-readings` and the staff route — line-
numbered errors, all or nothing, no change to billed days; the CLI bill run after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from domain import clock
from server.services.usage.readings_import import csv_rows
from tests.server.api import OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.billing_support import STAFF, count_bills, daily

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 7, 15)


def _parse(text: str) -> tuple[list, list[str]]:
    errors: list[str] = []
    rows = list(csv_rows(text.splitlines(keepends=True), TODAY, errors))
    return rows, errors


def test_csv_rows_and_their_errors_name_the_line():
    rows, errors = _parse(
        "customer_code,date,kwh,index_kwh,estimated\n"
        "pe01 000 123456,2025-06-01,12.345,,1\n"
        f"{OWNER_MANUAL_CODE},2025-06-30,,10234.5,\n"
        "PE0100012345,2025-06-02,1,,\n"
        f"{OWNER_CODE},2025-06-31,1,,\n"
        f"{OWNER_CODE},2025-07-16,1,,\n"
        f"{OWNER_CODE},2025-06-03,1.2345,,\n"
        f"{OWNER_CODE},2025-06-04,,,\n"
        f"{OWNER_CODE},2025-06-05,abc,,\n"
        f"{OWNER_CODE},2025-06-06,1,,maybe\n"
        f"{OWNER_CODE},2025-06-07,1,,0,extra\n"
    )
    assert [(r.code, r.day, r.wh, r.index_wh, r.estimated) for r in rows] == [
        (OWNER_CODE, date(2025, 6, 1), 12345, None, True),
        (OWNER_MANUAL_CODE, date(2025, 6, 30), None, 10234500, False),
    ]
    assert [e.split(":")[0] for e in errors] == [f"line {n}" for n in range(4, 12)]
    assert "after today" in errors[2] and "3 decimals" in errors[3] and "either kwh" in errors[4]


def test_a_wrong_header_is_one_clear_error():
    rows, errors = _parse("code;day;kwh\nPE01000123456;2025-06-01;1\n")
    assert rows == [] and errors[0].startswith("line 1: the header must name the columns")


@pytest.mark.usefixtures("demo")
async def test_staff_route_is_all_or_nothing_and_keeps_billed_days(client, ctx):
    june = date(2025, 6, 1)
    good = daily(OWNER_CODE, june, 150)
    mixed = [*good[:3], {"customer_code": OWNER_MANUAL_CODE, "date": "2025-06-05", "kwh": "1"}]
    r = await client.post("/admin/readings", json={"readings": mixed}, headers=STAFF)
    assert (r.status_code, r.json()["code"]) == (422, "readings_rejected")
    assert r.json()["errors"] == [
        {
            "field": "readings[3]",
            "message": f"{OWNER_MANUAL_CODE} has a manual meter: give index_kwh (register index)",
        }
    ]
    r = await client.post("/admin/readings", json={"readings": good + good[:1]}, headers=STAFF)
    assert "appears twice" in r.json()["errors"][0]["message"]
    r = await client.post("/admin/readings", json={"readings": good}, headers=STAFF)
    assert r.json()["counts"] == {"daily": 30, "index": 0, "meters_created": 1}
    fixed = [good[0] | {"kwh": "9"}]  # a correction of an unbilled day replaces it
    assert (
        await client.post("/admin/readings", json={"readings": fixed}, headers=STAFF)
    ).status_code == 200
    await client.post("/admin/bill-run", json={"month": "2025-06"}, headers=STAFF)
    late = await client.post("/admin/readings", json={"readings": fixed}, headers=STAFF)
    assert (
        late.status_code == 422 and "billed up to 2025-06-30" in late.json()["errors"][0]["message"]
    )
    unknown = [good[0] | {"customer_code": "PE09999999999"}]
    r = await client.post("/admin/readings", json={"readings": unknown}, headers=STAFF)
    assert "does not exist" in r.json()["errors"][0]["message"]


def _cli(settings, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {
        "DIENNHA_DATA_DIR": str(settings.data_dir),
        "DIENNHA_DB_URL": settings.db_url or "",
        "DIENNHA_ENV": "dev",
    }
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.usefixtures("demo")
async def test_cli_import_then_bill_run(settings, ctx, tmp_path):
    month = date(2025, 6, 1)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"customer_code,date,kwh\n{OWNER_CODE},2025-06-01,x\n{OWNER_CODE},2025-06-02,1\n"
    )
    out = _cli(settings, "import-readings", str(bad))
    assert out.returncode == 1
    assert f"{bad}: line 2: kwh 'x' is not a number" in out.stderr
    assert "nothing was imported" in out.stderr
    good = tmp_path / "june.csv"
    lines = [f"{r['customer_code']},{r['date']},{r['kwh']}" for r in daily(OWNER_CODE, month, 150)]
    good.write_text("customer_code,date,kwh\n" + "\n".join(lines) + "\n", encoding="utf-8")
    out = _cli(settings, "import-readings", str(good))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"daily": 30, "index": 0, "meters_created": 1}
    out = _cli(settings, "bill-run", "2025-06")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["created"] == 1
    again = json.loads(_cli(settings, "bill-run", "2025-06").stdout)
    assert (again["created"], again["already_billed"]) == (0, 1)
    assert await count_bills(ctx) == 1
    future = (clock.today() + timedelta(days=62)).strftime("%Y-%m")
    assert _cli(settings, "bill-run", future).returncode != 0
    assert "not a month" in _cli(settings, "bill-run", "June").stderr
