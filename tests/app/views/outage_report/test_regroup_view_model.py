"""Staff regrouping against the real backend in-process (issue 17): an incident's reports,
split to the right area, merge into another incident, place a report left for staff, and
edit an area's boundary as GeoJSON — with the refusals a person can act on."""

from __future__ import annotations

import json

from app.services.outage_reports_repository import OutageReportsRepository
from app.views.outage_report.regroup_view_model import (
    AreaBoundariesViewModel,
    StaffIncidentViewModel,
    UnplacedReportsViewModel,
    parse_boundary,
)
from tests.app.services.test_client_against_server import client, transport  # noqa: F401
from tests.app.views.outage_report.test_view_model import CODE, StaffKeyApi

NORTH = {"lat": 10.7685, "lon": 106.700}  # HCM-SG-01
HANOI = {"lat": 21.028, "lon": 105.852}  # HN-HK-02
BOX = [[108.1, 15.9], [108.3, 15.9], [108.3, 16.1], [108.1, 16.1], [108.1, 15.9]]


class StaffApi(StaffKeyApi):
    async def put(self, path, json=None):
        return (await self.send("PUT", path, json=json, auth=False)).json()  # errors raise


def staff_repo(transport) -> OutageReportsRepository:  # noqa: F811
    return OutageReportsRepository(StaffApi(transport))


async def _report(transport, **where) -> str:  # noqa: F811
    done = await OutageReportsRepository(client(transport)).report({"kind": "no_power", **where})
    return done.tracking_no


async def _incident_of(repo, area: str) -> int:
    return next(i.id for i in await repo.staff_list() if i.area == area)


async def test_split_a_misplaced_report_then_merge_the_rest(transport):  # noqa: F811
    await _report(transport, customer_code=CODE)  # HCM-SG-01 by code
    misplaced = await _report(transport, **NORTH)  # HCM-SG-01 by point
    await _report(transport, **HANOI)
    repo = staff_repo(transport)
    sg01, hanoi = await _incident_of(repo, "HCM-SG-01"), await _incident_of(repo, "HN-HK-02")

    vm = StaffIncidentViewModel(repo=repo, incident_id=sg01)
    await vm.load()
    assert vm.incident and vm.incident.area == "HCM-SG-01" and len(vm.reports) == 2
    assert [i.id for i in vm.others] == [hanoi] and vm.reports[0].phone is None
    assert "HCM-SG-01" not in {a.code for a in vm.split_areas}  # not to its own area
    # Nothing ticked, no area: both refused before the server is asked.
    assert not await vm.split()
    assert vm.field_errors == {"reports": "required", "split_area": "required"}
    point = next(r for r in vm.reports if r.tracking_no == misplaced)
    vm.toggle(point.id)
    vm.choose_split_area("HCM-SG-02")
    assert await vm.split(), vm.error
    sg02 = await _incident_of(repo, "HCM-SG-02")
    assert vm.moved_to == sg02 and vm.notice == "incidents.split_done"
    assert misplaced not in {r.tracking_no for r in vm.reports} and vm.selected == frozenset()
    assert [r.tracking_no for r in await repo.staff_reports(sg02)] == [misplaced]

    # Merge: a choice is needed; then every report goes to the chosen incident.
    assert not await vm.merge()
    assert vm.field_errors == {"merge_into": "required"}
    vm.choose_merge("999999")  # not one of the open incidents: no choice
    assert vm.merge_into is None
    vm.choose_merge(str(hanoi))
    assert await vm.merge(), vm.error
    assert vm.moved_to == hanoi
    assert len(await repo.staff_reports(hanoi)) == 2
    closed = StaffIncidentViewModel(repo=repo, incident_id=sg01)
    await closed.load()
    assert closed.incident is None and closed.reports == []  # merged: closed, nothing left
    # A closed incident cannot be merged again: the server's 409 reaches the screen.
    again = StaffIncidentViewModel(repo=repo, incident_id=sg01)
    await again.load()
    again.merge_into = hanoi
    assert not await again.merge()
    assert again.error and again.error.code == "incident_closed"


async def test_place_a_report_sent_with_an_address_only(transport):  # noqa: F811
    tracking = await _report(transport, address="Hẻm 42 Lê Lợi, phường Bến Thành")
    repo = staff_repo(transport)
    vm = UnplacedReportsViewModel(repo=repo)
    await vm.load()
    assert [r.tracking_no for r in vm.items] == [tracking]
    assert vm.items[0].address.startswith("Hẻm 42") and vm.areas
    rid = vm.items[0].id
    assert not await vm.place(rid)
    assert vm.field_errors == {f"area-{rid}": "required"}
    vm.choose(rid, "HCM-SG-01")
    assert await vm.place(rid), vm.error
    assert vm.items == [] and vm.placed_in == await _incident_of(repo, "HCM-SG-01")
    status = await OutageReportsRepository(client(transport)).status(tracking)
    assert status.placed and status.incident and status.incident.area == "HCM-SG-01"


async def test_edit_a_boundary_and_a_point_follows_it(transport):  # noqa: F811
    repo = staff_repo(transport)
    vm = AreaBoundariesViewModel(repo=repo)
    await vm.load()
    assert "HN-HK-02" in {a.code for a in vm.areas}
    vm.edit("HN-HK-02")
    assert json.loads(vm.text)["type"] in ("Polygon", "MultiPolygon")  # today's, to edit
    vm.set_text('{"type": "Polygon", "coordinates": [[[108.1, 15.9], ')  # cut off
    assert not await vm.save()
    assert vm.field_errors == {"boundary": "boundary"}
    bowtie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]
    vm.set_text(json.dumps({"type": "Polygon", "coordinates": [bowtie]}))
    assert not await vm.save()
    assert vm.error and vm.error.code == "invalid_boundary"  # the server's check, translated
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [BOX]},
    }
    vm.set_text(json.dumps(feature))
    assert await vm.save(), vm.error
    assert vm.editing is None and vm.notice == "incidents.boundary_saved"
    saved = next(a for a in vm.areas if a.code == "HN-HK-02")
    assert saved.boundary == {"type": "Polygon", "coordinates": [BOX]}
    tracking = await _report(transport, lat=16.0, lon=108.2)  # Đà Nẵng, now inside it
    status = await OutageReportsRepository(client(transport)).status(tracking)
    assert status.incident and status.incident.area == "HN-HK-02"


def test_only_polygons_pass_the_client_check():
    poly = {"type": "Polygon", "coordinates": [BOX]}
    assert parse_boundary(json.dumps(poly)) == poly
    assert parse_boundary(json.dumps({"type": "Feature", "geometry": poly})) == poly
    multi = {"type": "MultiPolygon", "coordinates": [[BOX]]}
    assert parse_boundary(json.dumps(multi)) == multi
    for bad in ("", "   ", "[1, 2]", '{"type": "Point", "coordinates": [1, 2]}',
                '{"type": "Polygon", "coordinates": []}', '{"type": "Polygon"}', "null",
                '{"type": "Feature", "geometry": null}', "{" * 10):  # fmt: skip
        assert parse_boundary(bad) is None, bad
    assert parse_boundary(json.dumps(poly) + " " * 200_001) is None  # too long to be pasted
