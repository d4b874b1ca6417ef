"""Green Button download: the CSV and the ESPI Atom feed carry exactly the stored half-hours
(read back by greenbutton-objects, a published parser no one here wrote), reading types and
units right, streamed a month at a time; owner, members and read:usage tokens only."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from greenbutton_objects import enums
from greenbutton_objects.parse import parse_feed
from sqlalchemy import select

from server.models import IntervalDay, Meter
from server.reads import reads_for
from server.services.intervals.codec import unpack
from server.services.intervals.export import csv_stream, espi_stream
from tests.server.api import MEMBER, OTHER_CODE, OTHER_OWNER, OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.api_token_support import bearer, make_token
from tests.server.interval_support import TODAY, fixed_today, interval_demo  # noqa: F401

pytestmark = pytest.mark.usefixtures("interval_demo")
ICT = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, LAST = date(2026, 10, 25), date(2026, 11, 5)  # across a month end


async def _stored(ctx, code: str) -> dict[date, IntervalDay]:
    async with ctx.sessions() as session:
        rows = await session.scalars(
            select(IntervalDay)
            .join(Meter, Meter.id == IntervalDay.meter_id)
            .where(Meter.customer_code == code, IntervalDay.day.between(FIRST, LAST))
        )
        return {r.day: r for r in rows}


def _expected(stored: dict[date, IntervalDay], export: bool) -> dict[datetime, int]:
    out = {}
    for day, row in stored.items():
        blob = row.export_wh if export else row.import_wh
        start = datetime.combine(day, time(0), ICT)
        for s, wh in enumerate(unpack(blob)):
            out[(start + timedelta(minutes=30 * s)).astimezone(UTC)] = wh
    return out


async def test_espi_round_trips_through_a_published_parser(api, client, ctx, tmp_path):
    r = await client.get(
        f"/accounts/{OWNER_CODE}/usage/export",
        params={"format": "espi", "from": str(FIRST), "to": str(LAST)},
        headers=await api.headers(MEMBER),
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    path = tmp_path / "gb.xml"
    path.write_bytes(r.content)
    [point] = parse_feed(str(path))
    assert point.serviceCategory == enums.ServiceKind.electricity
    readings = {mr.readingType.flowDirection: mr for mr in point.meterReadings}
    assert set(readings) == {enums.FlowDirectionType.forward, enums.FlowDirectionType.reverse}
    stored = await _stored(ctx, OWNER_CODE)
    assert len(stored) == (LAST - FIRST).days + 1
    for flow, export in (
        (enums.FlowDirectionType.forward, False),
        (enums.FlowDirectionType.reverse, True),
    ):
        mr = readings[flow]
        rt = mr.readingType
        assert (rt.uom, rt.powerOfTenMultiplier, rt.intervalLength) == (
            enums.UomType.wattHours,
            0,
            1800,
        )
        assert rt.kind == enums.KindType.energy and rt.commodity == enums.CommodityType.electricity
        assert rt.accumulationBehaviour == enums.AccumulationBehaviourType.deltaData
        got = {ir.timePeriod.start: ir.value for ir in mr.intervalReadings}
        assert all(ir.timePeriod.duration == timedelta(minutes=30) for ir in mr.intervalReadings)
        assert got == _expected(stored, export)
        assert len(mr.intervalBlocks) == len(stored)


async def test_csv_has_every_half_hour_with_local_times(api, client, ctx):
    r = await client.get(
        f"/accounts/{OWNER_CODE}/usage/export",
        params={"from": str(FIRST), "to": str(LAST)},
        headers=await api.headers(OWNER),
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    stored = await _stored(ctx, OWNER_CODE)
    assert len(rows) == 48 * len(stored)
    assert (
        rows[0]["start"] == f"{FIRST}T00:00:00+07:00"
        and rows[0]["end"] == f"{FIRST}T00:30:00+07:00"
    )
    for export, column in ((False, "import_kwh"), (True, "export_kwh")):
        got = {
            datetime.fromisoformat(row["start"]).astimezone(UTC): round(float(row[column]) * 1000)
            for row in rows
        }
        assert got == _expected(stored, export)


async def test_export_streams_a_month_at_a_time(ctx):
    async with ctx.sessions() as session:
        meter = await session.scalar(select(Meter.id).where(Meter.customer_code == OWNER_CODE))
    for make in (csv_stream, espi_stream):
        reads = reads_for(ctx)
        chunks = [c async for c in make(reads, OWNER_CODE, meter, True, FIRST, LAST)]
        assert len(chunks) >= 1 + (LAST - FIRST).days + 1  # head, then one chunk per day


async def test_who_may_download(api, client):
    url = f"/accounts/{OWNER_CODE}/usage/export"
    assert (await client.get(url, headers=await api.headers(OTHER_OWNER))).status_code == 404
    manual = await client.get(
        f"/accounts/{OWNER_MANUAL_CODE}/usage/export", headers=await api.headers(OWNER)
    )
    assert (manual.status_code, manual.json()["code"]) == (409, "manual_meter")
    usage_token = bearer(await make_token(api, OWNER, scopes=["read:usage"]))
    r = await client.get(url, params={"format": "espi"}, headers=usage_token)
    assert r.status_code == 200 and b"<espi:IntervalBlock>" in r.content
    bills_token = bearer(await make_token(api, OWNER, scopes=["read:bills"]))
    assert (await client.get(url, headers=bills_token)).status_code == 403
    too_long = await client.get(
        url, params={"from": "2025-01-01", "to": str(TODAY)}, headers=await api.headers(OWNER)
    )
    assert too_long.status_code == 422
    other = await client.get(
        f"/accounts/{OTHER_CODE}/usage/export", headers=await api.headers(OTHER_OWNER)
    )
    assert other.status_code == 200 and other.text.splitlines()[1].endswith(",")  # no solar
