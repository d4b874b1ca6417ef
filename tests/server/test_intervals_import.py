"""Half-hourly readings in: the CSV of `python -m server import-intervals` and the staff route —
line-numbered errors, all or nothing, billed days never changed, reconciliation reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from server.config import DEV_STAFF_KEY
from server.models import DailyReading, IntervalDay, Meter
from server.services.intervals.codec import unpack
from server.services.intervals.csv_import import csv_rows
from server.services.intervals.importing import import_rows
from server.services.usage.readings_import import ReadingsRejected
from tests.server.api import OTHER_CODE, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.interval_support import (  # noqa: F401 (fixtures)
    TODAY,
    fixed_today,
    header,
    interval_demo,
    line,
    spread,
)

ROOT = Path(__file__).resolve().parents[2]
STAFF = {"X-Staff-Key": DEV_STAFF_KEY}
ZEROS = ["0"] * 48


def _parse(text: str) -> tuple[list, list[str]]:
    errors: list[str] = []
    return list(csv_rows(text.splitlines(keepends=True), TODAY, errors)), errors


def test_malformed_lines_are_named_by_number():
    rows, errors = _parse(
        "\n".join(
            [
                header(),
                line(OWNER_CODE, "2026-11-01", "import", spread(6000)),  # 2: good
                line("PE0100012345", "2026-11-01", "import", ZEROS),  # 3: bad code
                line(OWNER_CODE, "2026-11-31", "import", ZEROS),  # 4: bad date
                line(OWNER_CODE, "2026-11-19", "import", ZEROS),  # 5: future
                line(OWNER_CODE, "2026-11-02", "both", ZEROS),  # 6: channel
                line(OWNER_CODE, "2026-11-03", "import", ["0"] * 46),  # 7: 46 values
                line(OWNER_CODE, "2026-11-04", "import", ["0"] * 50),  # 8: 50 values
                line(OWNER_CODE, "2026-11-05", "import", ["-0.1"] + ["0"] * 47),  # 9: negative
                line(OWNER_CODE, "2026-11-06", "import", ["0"] * 47 + ["0.0001"]),  # 10
                line(OWNER_CODE, "2026-11-07", "import", ["x"] + ["0"] * 47),  # 11
                "PE01000123456,2026-11-08",  # 12: too short
            ]
        )
        + "\n"
    )
    assert [(r.code, r.day, sum(r.values)) for r in rows] == [(OWNER_CODE, date(2026, 11, 1), 6000)]
    assert [e.split(":")[0] for e in errors] == [f"line {n}" for n in range(3, 13)]
    assert "46 half-hour values; a day has 48" in errors[4]
    assert "50 half-hour values" in errors[5]
    assert "value 1 (00:00) '-0.1' is negative" in errors[6]
    assert "value 48 (23:30)" in errors[7] and "3 decimals" in errors[7]
    assert "after today" in errors[2] and "import or export" in errors[3]


def test_a_wrong_header_is_one_clear_error():
    rows, errors = _parse("customer_code,date,kwh\nPE01000123456,2026-11-01,1\n")
    assert rows == [] and errors[0].startswith("line 1: the header must be")


async def _daily_wh(ctx, code: str, day: date) -> int | None:
    async with ctx.sessions() as session:
        return await session.scalar(
            select(DailyReading.wh)
            .join(Meter, Meter.id == DailyReading.meter_id)
            .where(Meter.customer_code == code, DailyReading.day == day)
        )


async def _stored(ctx, code: str, day: date) -> IntervalDay | None:
    async with ctx.sessions() as session:
        return await session.scalar(
            select(IntervalDay)
            .join(Meter, Meter.id == IntervalDay.meter_id)
            .where(Meter.customer_code == code, IntervalDay.day == day)
        )


async def _import(ctx, text: str):
    errors: list[str] = []
    return await import_rows(ctx.sessions, csv_rows(text.splitlines(True), TODAY, errors), errors)


@pytest.mark.usefixtures("interval_demo")
async def test_billed_days_are_never_changed_and_differences_are_reported(ctx):
    billed_day, open_day = date(2026, 10, 20), date(2026, 11, 10)
    billed_wh = await _daily_wh(ctx, OTHER_CODE, billed_day)
    open_wh = await _daily_wh(ctx, OTHER_CODE, open_day)
    # A billed day whose intervals disagree with the billed reading: refused, nothing stored.
    text = "\n".join(
        [
            header(),
            line(OTHER_CODE, open_day, "import", spread(open_wh)),
            line(OTHER_CODE, billed_day, "import", spread(billed_wh + 10)),
        ]
    )
    with pytest.raises(ReadingsRejected) as refused:
        await _import(ctx, text)
    assert refused.value.errors == [
        f"line 3: {OTHER_CODE} {billed_day} is already billed with "
        f"{billed_wh // 1000}.{billed_wh % 1000:03d} kWh; these intervals sum to "
        f"{(billed_wh + 10) // 1000}.{(billed_wh + 10) % 1000:03d} kWh (billed days are not changed)"
    ]
    before = await _stored(ctx, OTHER_CODE, open_day)
    assert unpack(before.import_wh) != tuple(int(float(v) * 1000) for v in spread(open_wh))
    # Agreeing with the billed day is fine; an unbilled day that differs is stored and reported;
    # a day with no daily reading yet gets one made from the sum.
    text = "\n".join(
        [
            header(),
            line(OTHER_CODE, billed_day, "import", spread(billed_wh)),
            line(OTHER_CODE, open_day, "import", spread(open_wh + 250)),
            line(OTHER_CODE, TODAY, "import", spread(4321)),
        ]
    )
    result = await _import(ctx, text)
    assert (result.meter_days, result.daily_matched, result.daily_created) == (3, 1, 1)
    assert result.differences == [
        {
            "customer_code": OTHER_CODE,
            "date": open_day.isoformat(),
            "daily_kwh": f"{open_wh // 1000}.{open_wh % 1000:03d}",
            "intervals_kwh": f"{(open_wh + 250) // 1000}.{(open_wh + 250) % 1000:03d}",
        }
    ]
    assert await _daily_wh(ctx, OTHER_CODE, open_day) == open_wh  # reported, not changed
    assert await _daily_wh(ctx, OTHER_CODE, billed_day) == billed_wh
    assert await _daily_wh(ctx, OTHER_CODE, TODAY) == 4321
    assert (await _stored(ctx, OTHER_CODE, open_day)).import_total_wh == open_wh + 250


@pytest.mark.usefixtures("interval_demo")
async def test_export_only_on_a_solar_meter_and_never_without_import(ctx):
    day = date(2026, 11, 12)
    other_wh = await _daily_wh(ctx, OTHER_CODE, day)
    text = "\n".join(
        [
            header(),
            line(OTHER_CODE, day, "import", spread(other_wh)),
            line(OTHER_CODE, day, "export", spread(1000)),
            line(OWNER_CODE, day, "export", spread(1000)),
            line(OWNER_MANUAL_CODE, day, "import", spread(1000)),
            line("PE09999999999", day, "import", spread(1000)),
        ]
    )
    with pytest.raises(ReadingsRejected) as refused:
        await _import(ctx, text)
    assert refused.value.errors == [
        f"line 3: {OTHER_CODE} has no solar installation: its meter exports nothing",
        f"line 4: {OWNER_CODE} {day} has export but no import line",
        f"line 5: {OWNER_MANUAL_CODE} has a manual meter: it records no half-hours",
        "line 6: customer code PE09999999999 does not exist",
    ]
    owner_wh = await _daily_wh(ctx, OWNER_CODE, day)
    good = "\n".join(
        [
            header(),
            line(OWNER_CODE, day, "export", spread(2500)),
            line(OWNER_CODE, day, "import", spread(owner_wh)),
        ]
    )
    result = await _import(ctx, good)
    assert (result.meter_days, result.export_days, result.differences_count) == (1, 1, 0)
    assert (await _stored(ctx, OWNER_CODE, day)).export_total_wh == 2500


@pytest.mark.usefixtures("interval_demo")
async def test_staff_route_reads_and_writes_a_meter_day(client, ctx):
    day = date(2026, 11, 14)
    wh = await _daily_wh(ctx, OTHER_CODE, day)
    url = f"/admin/intervals/{OTHER_CODE}/{day}"
    bad = await client.put(url, json={"import_kwh": ["0"] * 46}, headers=STAFF)
    assert (bad.status_code, bad.json()["code"]) == (422, "readings_rejected")
    assert bad.json()["errors"][0]["field"] == "import_kwh"
    assert "46 half-hour values" in bad.json()["errors"][0]["message"]
    r = await client.put(url, json={"import_kwh": spread(wh)}, headers=STAFF)
    assert r.status_code == 200, r.text
    assert (r.json()["meter_days"], r.json()["daily_matched"]) == (1, 1)
    got = (await client.get(url, headers=STAFF)).json()
    assert got["available"] and got["totals"]["import_kwh"] == f"{wh // 1000}.{wh % 1000:03d}"
    assert (await client.get(url)).status_code == 401


def _cli(settings, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {
        "DIENNHA_DATA_DIR": str(settings.data_dir),
        "DIENNHA_DB_URL": settings.db_url or "",
        "DIENNHA_ENV": "dev",
        "DIENNHA_TODAY": TODAY.isoformat(),
    }
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.usefixtures("interval_demo")
async def test_cli_is_all_or_nothing(settings, ctx, tmp_path):
    day = TODAY - timedelta(days=2)
    wh = await _daily_wh(ctx, OTHER_CODE, day)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "\n".join(
            [
                header(),
                line(OTHER_CODE, day, "import", spread(wh)),
                line(OTHER_CODE, day - timedelta(days=1), "import", ["1"] * 50),
            ]
        )
        + "\n"
    )
    out = _cli(settings, "import-intervals", str(bad))
    assert out.returncode == 1, out.stderr
    assert f"{bad}: line 3: 50 half-hour values; a day has 48" in out.stderr
    assert "nothing was imported" in out.stderr
    stored = await _stored(ctx, OTHER_CODE, day)
    before = stored.import_wh
    good = tmp_path / "good.csv"
    values = ["0.100"] * 47 + [f"{(wh - 4700) / 1000:.3f}"]
    good.write_text("\n".join([header(), line(OTHER_CODE, day, "import", values)]) + "\n")
    out = _cli(settings, "import-intervals", str(good))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["meter_days"] == 1
    after = await _stored(ctx, OTHER_CODE, day)
    assert after.import_wh != before and unpack(after.import_wh)[0] == 100


@pytest.mark.usefixtures("interval_demo")
async def test_an_export_line_far_after_its_import_is_stored(ctx, monkeypatch):
    """Lines are placed in their meter-days before any chunk is checked and written: with
    chunks of two, export lines after all the import lines were silently dropped."""
    from server.services.intervals import store

    monkeypatch.setattr(store, "CHUNK", 2)
    days = [date(2026, 11, d) for d in (10, 11, 12, 13)]
    lines = [header()]
    for day in days:
        lines.append(line(OWNER_CODE, day, "import", spread(await _daily_wh(ctx, OWNER_CODE, day))))
    lines += [line(OWNER_CODE, day, "export", spread(700 + n)) for n, day in enumerate(days)]
    result = await _import(ctx, "\n".join(lines) + "\n")
    assert (result.meter_days, result.export_days) == (4, 4)
    for n, day in enumerate(days):
        assert (await _stored(ctx, OWNER_CODE, day)).export_total_wh == 700 + n
