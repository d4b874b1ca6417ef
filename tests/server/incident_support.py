"""Helpers for the outage-report and incident tests."""

from __future__ import annotations

from sqlalchemy import func, select

from server.models.incidents import Incident
from tests.server.billing_support import STAFF

# Either side of the edge between HCM-SG-01 (north) and HCM-SG-02 (south) at lat 10.768.
NORTH_OF_EDGE = {"lat": 10.7685, "lon": 106.700}
SOUTH_OF_EDGE = {"lat": 10.7675, "lon": 106.700}
HANOI = {"lat": 21.028, "lon": 105.852}
NOWHERE = {"lat": 16.0, "lon": 108.2}  # Đà Nẵng: no demo area


async def report(client, headers=None, ip_client=None, **body) -> dict:
    r = await client.post(
        "/public/outage-reports", json={"kind": "no_power", **body}, headers=headers
    )
    assert r.status_code == 202, r.text
    return r.json()


async def status_of(client, tracking_no: str) -> dict:
    r = await client.get(f"/public/outage-reports/{tracking_no}")
    assert r.status_code == 200, r.text
    return r.json()


async def move(client, incident_id: int, status: str, **extra) -> dict:
    r = await client.post(
        f"/admin/incidents/{incident_id}/transition",
        json={"status": status, **extra},
        headers=STAFF,
    )
    assert r.status_code == 200, r.text
    return r.json()


async def incident_count(ctx, area: str | None = None) -> int:
    async with ctx.sessions() as session:
        q = select(func.count()).select_from(Incident)
        if area:
            q = q.where(Incident.area_code == area)
        return await session.scalar(q)
