"""Guest home: the bill estimator and the outage look-up by customer code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.services.errors import NotFoundError, OfflineError
from app.views.guest.view_model import EstimatorViewModel, OutageLookupViewModel, parse_kwh
from tests.app.fakes import FakePublic, outage


def test_parse_kwh():
    assert parse_kwh("150") == Decimal(150)
    assert parse_kwh(" 150,5 ") == Decimal("150.5")
    for bad in ("", "abc", "-1", "100001", "1.2345", "NaN", "inf"):
        assert parse_kwh(bad) is None, bad


async def test_estimator_defaults_to_last_month_and_estimates():
    public = FakePublic()
    vm = EstimatorViewModel(public=public, today=date(2025, 3, 15))
    assert (vm.period_start, vm.period_end) == (date(2025, 2, 1), date(2025, 2, 28))
    vm.kwh_text, vm.households_text = "150", "2"
    assert await vm.estimate()
    assert vm.result.total == 324000
    assert public.calls == [("estimate", Decimal(150), date(2025, 2, 1), date(2025, 2, 28), 2)]
    vm.set_period(start=date(2025, 2, 5))
    assert vm.result is None  # a changed period invalidates the old answer


async def test_estimator_refuses_bad_input():
    public = FakePublic()
    vm = EstimatorViewModel(
        public=public, today=date(2025, 3, 15), kwh_text="x", households_text="0"
    )
    vm.set_period(start=date(2025, 3, 1), end=date(2025, 2, 1))
    assert not await vm.estimate()
    # Issue 21.4: under the names of the fields that show them (kwh_text, households_text).
    assert vm.field_errors == {
        "kwh_text": "kwh",
        "households_text": "households",
        "period": "period",
    }
    assert public.calls == []


async def test_estimator_drops_the_old_result_when_the_new_input_is_wrong():
    vm = EstimatorViewModel(public=FakePublic(), today=date(2025, 3, 15), kwh_text="150")
    assert await vm.estimate() and vm.result is not None
    vm.kwh_text = "abc"
    assert not await vm.estimate()
    assert vm.result is None and vm.field_errors == {"kwh_text": "kwh"}


async def test_estimator_warns_about_an_implausible_household_usage():
    vm = EstimatorViewModel(public=FakePublic(), today=date(2025, 3, 15), kwh_text="99999")
    assert await vm.estimate()
    assert vm.warning == "estimate.unusual_kwh"
    vm.kwh_text = "350"
    assert await vm.estimate() and vm.warning is None


async def test_outage_look_up_of_another_code_forgets_the_previous_results():
    public = FakePublic(outage_list=[outage()])
    vm = OutageLookupViewModel(public=public, code="PE01000123456")
    assert await vm.look_up() and len(vm.outages) == 1
    public.fail_with = NotFoundError(code="customer_code_not_found", status=404)
    vm.code = "PE09999999999"
    assert not await vm.look_up()
    assert vm.outages == [] and vm.looked_up is None
    vm.code = "abc"
    assert not await vm.look_up()
    assert vm.outages == [] and vm.looked_up is None


async def test_outage_look_up_normalises_code_and_reports_none():
    public = FakePublic()
    vm = OutageLookupViewModel(public=public, code="pe01 000 123456")
    assert await vm.look_up()
    assert public.calls == [("outages", "PE01000123456")]
    assert vm.looked_up == "PE01000123456" and vm.outages == []
    public.outage_list = [outage()]
    assert await vm.look_up() and len(vm.outages) == 1


async def test_outage_look_up_offline():
    vm = OutageLookupViewModel(
        public=FakePublic(fail_with=OfflineError(code="offline")), code="PE01000123456"
    )
    assert not await vm.look_up()
    assert vm.error.code == "offline" and vm.looked_up is None
