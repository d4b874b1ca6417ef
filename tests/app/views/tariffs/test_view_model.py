"""Biểu giá: the dated tables, the one in force on the day, older ones newest first, VAT."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.services.errors import OfflineError
from app.views.tariffs.view_model import TariffsViewModel, in_force
from tests.app.fakes import FakePublic


async def loaded(today: date) -> tuple[TariffsViewModel, FakePublic]:
    public = FakePublic()
    vm = TariffsViewModel(public=public, today=today)
    await vm.load()
    return vm, public


async def test_the_table_in_force_today_and_the_older_ones_newest_first():
    vm, public = await loaded(date(2025, 6, 1))
    assert public.calls == [("tariffs",)] and vm.error is None
    assert vm.current is not None and vm.current.decision == "1279/QĐ-BCT"
    assert vm.current.tiers[0].price == 1984 and vm.current.tiers[-1].to_kwh is None
    assert [t.decision for t in vm.older] == ["2699/QĐ-BCT", "2941/QĐ-BCT", "1062/QĐ-BCT"]
    assert vm.vat is not None and vm.vat.rate == Decimal("0.08")


async def test_the_day_a_decision_takes_effect_it_is_the_current_one():
    vm, _ = await loaded(date(2025, 5, 9))
    assert vm.current is not None and vm.current.decision == "2699/QĐ-BCT"
    vm.today = date(2025, 5, 10)
    assert vm.current.decision == "1279/QĐ-BCT"
    assert "1279/QĐ-BCT" not in [t.decision for t in vm.older]


async def test_vat_follows_its_own_dates():
    vm, _ = await loaded(date(2027, 1, 1))  # the 8 % reduction ends on 31/12/2026
    assert vm.vat is not None and vm.vat.rate == Decimal("0.10")


async def test_before_the_first_table_nothing_is_in_force_and_all_are_listed():
    vm, _ = await loaded(date(2020, 1, 1))
    assert vm.current is None and len(vm.older) == 4


async def test_offline_shows_the_error_and_no_table():
    public = FakePublic(fail_with=OfflineError(code="offline"))
    vm = TariffsViewModel(public=public, today=date(2025, 6, 1))
    await vm.load()
    assert vm.error is not None and vm.error.code == "offline"
    assert vm.tariffs is None and vm.current is None and vm.vat is None and vm.older == []
    public.fail_with = None
    await vm.load()  # Retry
    assert vm.error is None and vm.current is not None


def test_in_force_picks_the_latest_started_item():
    class Item:
        def __init__(self, day: date) -> None:
            self.valid_from = day

    items = [Item(date(2024, 1, 1)), Item(date(2025, 1, 1))]
    assert in_force(items, date(2023, 12, 31)) is None
    assert in_force(items, date(2024, 6, 1)) is items[0]
    assert in_force(items, date(2025, 1, 1)) is items[1]
