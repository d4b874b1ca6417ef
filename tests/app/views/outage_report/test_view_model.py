"""Báo mất điện against the real backend in-process: a guest reports by code and reads the
status page; the location is asked only when tapped, and a refusal keeps the form working;
hazards show advice before sending; a signed-in report follows the token; staff move with an
estimate; a notice about an incident leads to it."""

from __future__ import annotations

from datetime import UTC, datetime

from app.services.api_client import ApiClient
from app.services.auth_repository import AuthRepository
from app.services.credentials import Credentials
from app.services.location import Position
from app.services.outage_reports_repository import OutageReportsRepository
from app.services.token_store import MemoryTokenStore
from app.views.notices.deep_links import target_for
from app.views.outage_report.staff_view_model import StaffIncidentsViewModel
from app.views.outage_report.view_model import (
    ReportStatusViewModel,
    ReportViewModel,
)
from domain.models import NotificationPublic
from server.config import DEV_STAFF_KEY
from tests.app.services.test_client_against_server import BASE, client, transport  # noqa: F401

CODE = "PE01000123456"


class StaffKeyApi(ApiClient):
    """The staff key stands in for a staff user's token here (the e2e signs one in)."""

    def __init__(self, transport) -> None:  # noqa: F811
        super().__init__(BASE, Credentials(MemoryTokenStore()), transport=transport)
        self._http.headers["X-Staff-Key"] = DEV_STAFF_KEY

    async def get(self, path, params=None, auth=True):
        return await super().get(path, params, auth=False)

    async def post(self, path, json=None, auth=True):
        return await super().post(path, json, auth=False)


class FakeLocator:
    """Counts how often the permission would have been asked; answers as told."""

    def __init__(self, answer: Position | None) -> None:
        self.answer, self.asked = answer, 0

    async def locate(self) -> Position | None:
        self.asked += 1
        return self.answer


async def test_a_guest_reports_by_code_and_follows_it(transport):  # noqa: F811
    repo = OutageReportsRepository(client(transport))
    locator = FakeLocator(Position(10.7685, 106.7))
    form = ReportViewModel(repo=repo, locator=locator)
    assert locator.asked == 0  # nothing asked before the tap
    form.customer_code = "pe01 000 123 456"
    form.phone = "0909 111 222"
    assert await form.submit(), form.error
    status = ReportStatusViewModel(repo=repo, tracking_no=form.tracking_no)
    await status.load()
    assert status.report.incident.area == "HCM-SG-01"
    assert status.report.incident.status == "reported"
    nearby = await repo.for_code(CODE)  # what Lịch marks and lists (tests/app/views/calendar)
    assert [i.id for i in nearby] == [status.report.incident.id]


async def test_location_granted_places_the_report_and_refused_still_works(transport):  # noqa: F811
    repo = OutageReportsRepository(client(transport))
    granted = ReportViewModel(repo=repo, locator=FakeLocator(Position(10.7675, 106.7)))
    await granted.use_location()
    assert granted.position and not granted.location_refused
    assert await granted.submit(), granted.error
    page = await repo.status(granted.tracking_no)
    assert page.incident.area == "HCM-SG-02"

    refused = ReportViewModel(repo=repo, locator=FakeLocator(None))
    await refused.use_location()
    assert refused.position is None and refused.location_refused
    assert not await refused.submit()  # nowhere given yet
    assert refused.field_errors == {"customer_code": "where_needed"}
    refused.address = "Hẻm 42 Lê Lợi"
    assert await refused.submit(), refused.error
    assert (await repo.status(refused.tracking_no)).placed is False


async def test_hazard_advice_shows_before_sending_and_bad_input_stays_here(transport):  # noqa: F811
    form = ReportViewModel(repo=OutageReportsRepository(client(transport)))
    assert not form.hazard and not form.can_locate
    form.choose("hazard")
    assert form.hazard
    form.choose("nonsense")
    assert form.kind == "hazard"
    form.customer_code, form.phone = "PE01", "12345"
    assert not await form.submit()
    assert form.field_errors == {"customer_code": "customer_code", "phone": "phone"}


async def test_staff_confirm_with_an_estimate_then_restore(transport):  # noqa: F811
    api = client(transport)
    repo = OutageReportsRepository(api)
    await repo.report({"kind": "no_power", "customer_code": CODE})
    vm = StaffIncidentsViewModel(repo=OutageReportsRepository(StaffKeyApi(transport)))
    await vm.load()
    assert len(vm.items) == 1 and vm.items[0].next[0] == "confirmed"
    incident_id = vm.items[0].id
    vm.set_eta(incident_id, "99")
    assert not await vm.move(incident_id, "confirmed")
    assert vm.field_errors == {f"eta-{incident_id}": "eta_hours"}
    vm.set_eta(incident_id, "2,5")
    assert await vm.move(incident_id, "confirmed"), vm.error
    assert vm.items[0].status == "confirmed" and vm.items[0].eta is not None
    assert await vm.move(incident_id, "restored"), vm.error
    assert vm.items == []  # the list shows open incidents


async def test_signed_in_reports_carry_the_token(transport):  # noqa: F811
    api = client(transport)
    await AuthRepository(api).sign_in("0901234567", "DienNha@2025")
    done = await OutageReportsRepository(api).report({"kind": "flicker", "customer_code": CODE})
    assert done.tracking_no.startswith("BC")


def test_an_incident_notice_leads_to_the_incident():
    n = NotificationPublic(
        id=1, kind="incident_restored", title="t", body="b", created_at=datetime.now(UTC),
        read=False, ref_type="incident", ref_id="7", customer_code=CODE,
    )  # fmt: skip
    assert target_for(n) == "/incidents/7"
