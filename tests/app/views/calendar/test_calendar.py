"""Lịch: month grids, outage days in Vietnam's time, marks, month navigation, the repository."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest

from app.i18n import Translator, catalogue
from app.services.errors import ForbiddenError, RateLimitedError
from app.services.outage_repository import OutageRepository
from app.views.calendar.month import WEEKDAYS, month_grid, outage_days
from app.views.calendar.month_view import day_label
from app.views.calendar.view_model import CalendarViewModel
from app.views.calendar.widgets import time_window
from app.views.months import add_months
from domain.models.incidents import IncidentPublic
from domain.models.outages import OutagePublic
from tests.app.fake_backend import FakeBackend, problem
from tests.app.fakes import FakeIncidents, FakeOutages, FakePublic

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def outage(oid: int, start: datetime, end: datetime, status: str = "planned") -> OutagePublic:
    return OutagePublic(
        id=oid, area="HCM-SG-01", starts_at=start, ends_at=end, reason="Bảo trì", status=status
    )


# 08:00–16:00 on 1/12 local (UTC+7); a night job from 22:00 on 5/12 to 02:00 on 6/12 local.
DEC_1 = outage(2, datetime(2026, 12, 1, 1, tzinfo=UTC), datetime(2026, 12, 1, 9, tzinfo=UTC))
NIGHT = outage(3, datetime(2026, 12, 5, 15, tzinfo=UTC), datetime(2026, 12, 5, 19, tzinfo=UTC))
OFF = outage(
    4, datetime(2026, 12, 9, 1, tzinfo=UTC), datetime(2026, 12, 9, 5, tzinfo=UTC), "cancelled"
)
PAST = outage(5, datetime(2026, 11, 24, 0, tzinfo=UTC), datetime(2026, 11, 24, 2, tzinfo=UTC))


def test_month_grid_starts_on_monday_and_pads_other_months():
    weeks = month_grid(date(2026, 11, 1))  # 1/11/2026 is a Sunday
    assert weeks[0] == [None] * 6 + [date(2026, 11, 1)]
    assert weeks[1][0] == date(2026, 11, 2) and weeks[1][0].weekday() == 0
    assert weeks[-1][0] == date(2026, 11, 30) and weeks[-1][1:] == [None] * 6
    assert all(len(w) == 7 for w in weeks)
    assert WEEKDAYS[0] == "mon" and WEEKDAYS[-1] == "sun"


def test_add_months_crosses_years():
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_outage_days_are_local_and_midnight_ends_do_not_spill():
    assert outage_days(DEC_1) == [date(2026, 12, 1)]
    assert outage_days(NIGHT) == [date(2026, 12, 5), date(2026, 12, 6)]  # 22:00–02:00 local
    to_midnight = outage(
        9, datetime(2026, 12, 1, 10, tzinfo=UTC), datetime(2026, 12, 1, 17, tzinfo=UTC)
    )
    assert outage_days(to_midnight) == [date(2026, 12, 1)]  # 17:00–24:00 local


async def test_load_marks_outage_reading_and_today():
    repo = FakeOutages(items=[DEC_1, NIGHT, OFF, PAST])
    vm = CalendarViewModel(repo=repo, today=TODAY, now=NOW)
    await vm.load("PE01000123456")
    assert vm.loaded and vm.month == date(2026, 11, 1)
    assert ("outages", "PE01000123456", date(2026, 11, 1), date(2026, 11, 30)) in repo.calls
    assert vm.marks(TODAY).today and vm.marks(TODAY).outage  # the past one earlier today
    assert vm.marks(date(2026, 11, 30)).reading and not vm.marks(date(2026, 11, 30)).outage
    # Upcoming: ended ones are gone, cancelled ones stay (people were told of them).
    assert [o.id for o in vm.upcoming] == [2, 3, 4]
    assert vm.next_outage == DEC_1


async def test_month_navigation_reloads_that_month_only():
    repo = FakeOutages(items=[DEC_1, NIGHT, OFF])
    vm = CalendarViewModel(repo=repo, today=TODAY, now=NOW)
    await vm.load("PE01000123456")
    vm.select_day(TODAY)
    repo.calls.clear()
    await vm.show_month(1)
    assert repo.calls == [("outages", "PE01000123456", date(2026, 12, 1), date(2026, 12, 31))]
    assert vm.month == date(2026, 12, 1) and vm.selected_day is None
    assert vm.marks(date(2026, 12, 1)).outage
    assert vm.marks(date(2026, 12, 6)).outage  # the night job's second local day
    cancelled = vm.marks(date(2026, 12, 9))
    assert cancelled.cancelled and not cancelled.outage
    assert not vm.marks(date(2026, 12, 2)).outage
    await vm.show_month(-2)
    assert vm.month == date(2026, 10, 1) and vm.marks(date(2026, 10, 31)).reading


async def test_tapping_a_day_shows_its_outages_and_again_closes_it():
    vm = CalendarViewModel(repo=FakeOutages(items=[DEC_1, NIGHT]), today=TODAY, now=NOW)
    await vm.load("PE01000123456")
    await vm.show_month(1)
    vm.select_day(date(2026, 12, 6))
    assert vm.marks(date(2026, 12, 6)).selected
    assert vm.outages_on(date(2026, 12, 6)) == [NIGHT]
    vm.select_day(date(2026, 12, 6))
    assert vm.selected_day is None


async def test_switching_code_starts_over_and_errors_are_kept():
    repo = FakeOutages(items=[DEC_1])
    vm = CalendarViewModel(repo=repo, today=TODAY, now=NOW)
    await vm.load("PE01000123456")
    repo.fail_with = ForbiddenError(code="link_not_approved", status=403)
    await vm.load("PE01000999999")
    assert not vm.loaded and vm.error.code == "link_not_approved"
    await vm.load(None)  # nothing selected: nothing asked
    assert repo.calls[-1][1] == "PE01000999999"


@pytest.mark.parametrize(
    ("locale", "same_day", "overnight"),
    [
        ("vi", "01/12/2026 08:00 – 16:00", "05/12/2026 22:00 – 06/12/2026 02:00"),
        ("en", "1 Dec 2026 08:00 – 16:00", "5 Dec 2026 22:00 – 6 Dec 2026 02:00"),
    ],
)
def test_time_window_in_vietnam_time(locale, same_day, overnight):
    t = Translator(locale)
    assert time_window(t, DEC_1) == same_day
    assert time_window(t, NIGHT) == overnight


def test_calendar_words_exist_in_both_languages():
    for locale in ("vi", "en"):
        messages = catalogue(locale)
        for name in WEEKDAYS:
            assert f"calendar.weekday.{name}" in messages
            assert f"calendar.weekday_full.{name}" in messages
        for status in ("planned", "changed", "cancelled", "in_progress", "done"):
            assert f"calendar.status.{status}" in messages
    assert catalogue("vi")["calendar.weekday.sun"] == "CN"
    assert catalogue("vi")["calendar.weekday_full.mon"] == "Thứ Hai"


async def test_repository_asks_for_the_window_and_the_schedule(api, backend: FakeBackend):
    seen: list[httpx.Request] = []

    def outages(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[DEC_1.model_dump(mode="json")])

    backend.on("GET", "accounts/PE01000123456/outages", outages)
    backend.on(
        "GET",
        "accounts/PE01000123456/reading-schedule",
        {
            "customer_code": "PE01000123456",
            "area": "A",
            "dates": [{"month": "2026-11", "read_on": "2026-11-30"}],
        },
    )
    api.credentials._access_token = "access-1"
    repo = OutageRepository(api)
    got = await repo.outages("PE01000123456", date(2026, 12, 1), date(2026, 12, 31))
    assert got == [DEC_1]
    assert dict(seen[0].url.params) == {"from": "2026-12-01", "to": "2026-12-31"}
    assert seen[0].headers["Authorization"] == "Bearer access-1"
    schedule = await repo.reading_schedule("PE01000123456")
    assert schedule.dates[0].read_on == date(2026, 11, 30)


async def test_repository_turns_an_unapproved_link_into_its_code(api, backend: FakeBackend):
    backend.on("GET", "accounts/PE01000123456/outages", lambda r: problem(403, "link_not_approved"))
    api.credentials._access_token = "access-1"
    with pytest.raises(ForbiddenError) as e:
        await OutageRepository(api).outages("PE01000123456", TODAY, TODAY)
    assert e.value.code == "link_not_approved"


async def test_a_pending_relative_sees_the_public_outage_schedule_without_an_error():
    """Issue 21.6: the schedule is public by code; a link awaiting approval must not meet a
    red error with a useless Retry (the account route answers 403 link_not_approved)."""
    repo = FakeOutages(fail_with=ForbiddenError(code="link_not_approved", status=403))
    public = FakePublic(outage_list=[DEC_1, NIGHT, PAST])
    vm = CalendarViewModel(repo=repo, public=public, today=TODAY, now=NOW)
    await vm.load("PE01000123456", approved=False)
    assert vm.error is None and vm.loaded
    assert repo.calls == [] and public.calls == [("outages", "PE01000123456")]
    assert [o.id for o in vm.upcoming] == [2, 3]
    assert vm.reading_dates == [] and vm.limited
    await vm.show_month(1)
    assert [o.id for o in vm.month_outages] == [2, 3] and vm.error is None


def incident(iid: int, opened: datetime, closed: datetime | None = None) -> IncidentPublic:
    return IncidentPublic(
        id=iid,
        area="HCM-SG-01",
        status="restored" if closed else "crew_dispatched",
        opened_at=opened,
        updated_at=closed or opened,
        closed_at=closed,
    )


# Open since 22:30 local on 23/11 (15:30 UTC), so it touches 23/11 and today (24/11).
STORM = incident(7, datetime(2026, 11, 23, 15, 30, tzinfo=UTC))
# 08:00–09:00 local on 23/11, closed.
SHORT = incident(8, datetime(2026, 11, 23, 1, tzinfo=UTC), datetime(2026, 11, 23, 2, tzinfo=UTC))


async def test_unplanned_outages_are_marked_on_the_grid_and_listed_on_their_days():
    """Issue 17: unplanned outages beside planned ones, on the grid too (not colour alone)."""
    incidents = FakeIncidents(items=[STORM, SHORT])
    vm = CalendarViewModel(
        repo=FakeOutages(items=[PAST]), incidents_repo=incidents, today=TODAY, now=NOW
    )
    await vm.load("PE01000123456")
    assert incidents.calls == ["PE01000123456"]
    assert vm.marks(TODAY).unplanned and vm.marks(TODAY).outage  # planned and unplanned
    assert vm.marks(date(2026, 11, 23)).unplanned
    assert [i.id for i in vm.incidents_on(date(2026, 11, 23))] == [7, 8]
    assert [i.id for i in vm.incidents_on(TODAY)] == [7]  # the open one runs until now
    assert not vm.marks(date(2026, 11, 22)).unplanned
    assert "Mất điện đột xuất" in day_label(Translator("vi"), TODAY, vm.marks(TODAY))
    assert "Unplanned outage" in day_label(Translator("en"), TODAY, vm.marks(TODAY))


async def test_a_failing_incident_look_up_leaves_the_planned_calendar_and_no_old_marks():
    incidents = FakeIncidents(items=[STORM])
    vm = CalendarViewModel(
        repo=FakeOutages(items=[DEC_1]), incidents_repo=incidents, today=TODAY, now=NOW
    )
    await vm.load("PE01000123456")
    assert vm.marks(TODAY).unplanned
    incidents.fail_with = RateLimitedError(code="rate_limited", status=429)
    await vm.load("PE02000777888")  # another code: its area's cuts could not be read
    assert vm.error is None and vm.loaded and vm.incidents == []
    assert not vm.marks(TODAY).unplanned and vm.upcoming == [DEC_1]


async def test_a_pending_relative_sees_the_areas_unplanned_outages_too():
    vm = CalendarViewModel(
        repo=FakeOutages(fail_with=ForbiddenError(code="link_not_approved", status=403)),
        public=FakePublic(outage_list=[]),
        incidents_repo=FakeIncidents(items=[STORM]),
        today=TODAY,
        now=NOW,
    )
    await vm.load("PE01000123456", approved=False)
    assert vm.error is None and [i.id for i in vm.incidents] == [7]
