"""Theo giờ's view model with a fake repository: the day shown, hourly bars with export or
the day compared, the 48-row table, the change against the compared day, stepping days."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.services.errors import AppError
from app.views.usage.intervals_view_model import IntervalsViewModel
from domain.models.intervals import DayIntervals

TODAY = date(2026, 11, 24)


def curve(day: date, solar: bool, available: bool = True) -> DayIntervals:
    imp = [Decimal("0.100")] * 48
    imp[39] = Decimal("0.900")  # 19:30 the peak
    exp = [Decimal("0.050") if 20 <= s < 28 else Decimal(0) for s in range(48)]
    compare = {
        "date": day - timedelta(days=1),
        "available": True,
        "import_kwh": [str(Decimal("0.200"))] * 48,
        "total_kwh": "9.600",
    }
    week = {"date": day - timedelta(days=7), "available": False, "import_kwh": []}
    data = {
        "customer_code": "PE01000123456",
        "date": day,
        "has_export": solar,
        "available": available,
        "slots": [
            {
                "start": f"{s // 2:02d}:{30 * (s % 2):02d}",
                "import_kwh": str(imp[s]),
                "export_kwh": str(exp[s]) if solar else None,
                "net_kwh": str(imp[s] - (exp[s] if solar else 0)),
            }
            for s in range(48)
        ]
        if available
        else [],
        "totals": {"import_kwh": str(sum(imp)), "export_kwh": None, "net_kwh": str(sum(imp))}
        if available
        else None,
        "previous_day": compare,
        "same_weekday_last_week": week,
    }
    return DayIntervals.model_validate(data)


class FakeIntervals:
    def __init__(self, solar: bool = False, fail: str | None = None) -> None:
        self.calls: list[tuple[str, date]] = []
        self.solar, self.fail = solar, fail

    async def day(self, code: str, day: date) -> DayIntervals:
        self.calls.append((code, day))
        if self.fail:
            raise AppError(code=self.fail)
        return curve(day, self.solar, available=day != TODAY)


async def test_opens_on_yesterday_with_hourly_bars_against_the_day_before():
    repo = FakeIntervals()
    vm = IntervalsViewModel(repo=repo, today=TODAY)
    await vm.load("PE01000123456")
    assert repo.calls == [("PE01000123456", TODAY - timedelta(days=1))]
    bars = vm.hours()
    assert len(bars) == 24 and bars[19].import_kwh == Decimal("1.000")
    assert bars[0].compare_kwh == Decimal("0.400") and bars[0].export_kwh is None
    assert len(vm.rows()) == 48 and vm.rows()[39].start == "19:30"
    # 5.6 kWh against 9.6 kWh the day before
    assert vm.change() == (Decimal("5.600") - Decimal("9.600")) * 100 / Decimal("9.600")
    vm.set_against("last_week")  # no data that day: nothing to compare, never zeros
    assert vm.compared is None and vm.hours()[0].compare_kwh is None and vm.change() is None


async def test_solar_bars_carry_export_and_days_step_within_bounds():
    repo = FakeIntervals(solar=True)
    vm = IntervalsViewModel(repo=repo, today=TODAY)
    await vm.load("PE01000123456")
    assert vm.solar and vm.hours()[10].export_kwh == Decimal("0.100")
    assert vm.rows()[20].net_kwh == Decimal("0.050")
    vm.select(10)
    await vm.show_day(1)  # to today: not over, no data yet
    assert vm.day == TODAY and vm.selected is None and vm.hours() == []
    assert not vm.can_go_forward
    await vm.show_day(1)  # never past today
    assert vm.day == TODAY and len(repo.calls) == 2
    await vm.show_day(-2)
    assert repo.calls[-1][1] == TODAY - timedelta(days=2)


async def test_a_manual_meter_is_an_error_the_card_explains():
    vm = IntervalsViewModel(repo=FakeIntervals(fail="manual_meter"), today=TODAY)
    await vm.load("PD01000654321")
    assert vm.error is not None and vm.error.code == "manual_meter" and vm.hours() == []
