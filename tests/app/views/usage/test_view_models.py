"""Sản lượng view models with a fake repository: months, units, last year, manual meters, alerts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.i18n import Translator
from app.services.errors import OfflineError, ValidationError
from app.views.usage.alerts_view_model import AlertsViewModel, parse_kwh_per_day, parse_vnd
from app.views.usage.labels import bar_caption, change_text
from app.views.usage.view_model import UsageViewModel
from domain.models.alerts import AlertSettings
from tests.app.fakes.usage import TODAY, FakeUsage

AMI, MANUAL = "PE01000123456", "PD01000654321"


async def loaded(code: str = AMI, meter: str = "ami", repo: FakeUsage | None = None):
    vm = UsageViewModel(repo=repo or FakeUsage(), today=TODAY)
    await vm.load(code, meter)
    assert vm.loaded and vm.error is None
    return vm


async def test_daily_bars_cover_the_month_and_leave_missing_days_empty():
    repo = FakeUsage()
    vm = await loaded(repo=repo)
    assert vm.mode == "daily" and vm.month == date(2026, 11, 1)
    assert ("daily", AMI, date(2026, 11, 1), TODAY) in repo.calls
    points = vm.daily_points()
    assert [p.key.day for p in points] == list(range(1, 31))
    assert points[0].value == Decimal("0.75")
    assert points[2].value is None  # no reading on the 3rd: no bar, never a 0
    assert points[3].estimated and all(p.value is None for p in points[23:])
    assert vm.month_total() == Decimal("142.0")
    assert vm.average() == Decimal("142.0") / 22


async def test_month_switching_stays_within_24_months():
    repo = FakeUsage()
    vm = await loaded(repo=repo)
    assert not vm.can_go_forward
    await vm.show_month(1)  # already this month: nothing asked
    assert vm.month == date(2026, 11, 1)
    await vm.show_month(-1)
    assert vm.month == date(2026, 10, 1) and vm.selected is None
    assert repo.calls[-1] == ("daily", AMI, date(2026, 10, 1), date(2026, 10, 31))
    assert len(vm.daily_points()) == 31
    for _ in range(30):
        await vm.show_month(-1)
    assert vm.month == date(2024, 12, 1) and not vm.can_go_back


async def test_kwh_vnd_toggle_daily_and_monthly():
    vm = await loaded()
    vm.set_unit("vnd")
    # This month has no bill yet: days are priced at the forecast's average (375000/150).
    assert vm.daily_points()[0].value == 1875
    await vm.show_month(-1)  # October is billed: 160 kWh for 320000 đ
    assert vm.day_price() == Decimal(2000) and vm.daily_points()[0].value == 1500
    vm.set_mode("monthly")
    points = vm.monthly_points()
    assert points[-2].value == 160 * 2000 and points[-2].previous == 150 * 2000
    assert points[-1].value == 251250 and not points[-1].billed  # 100.5 kWh so far × 2500
    vm.set_unit("kwh")
    assert vm.monthly_points()[-2].value == Decimal(160)


async def test_monthly_average_and_change_versus_last_year():
    vm = await loaded()
    vm.set_mode("monthly")
    assert len(vm.monthly_points()) == 24
    # Billed months with last year's: Dec 2025..Oct 2026, 1717 kWh against 1607.
    assert vm.change_vs_last_year() == Decimal(110) * 100 / Decimal(1607)
    assert vm.average() == Decimal(3595) / 23  # the unbilled month does not count
    vm.set_unit("vnd")
    assert vm.change_vs_last_year() == Decimal(110 * 2000) * 100 / Decimal(1607 * 2000)


async def test_phone_pages_of_twelve_months():
    vm = await loaded()
    vm.set_mode("monthly")
    assert vm.monthly_points(12)[0].key == date(2025, 12, 1)
    vm.show_page(1)
    shown = vm.monthly_points(12)
    assert (shown[0].key, shown[-1].key) == (date(2024, 12, 1), date(2025, 11, 1))
    assert vm.change_vs_last_year(12) is None  # no data from two years ago


async def test_daily_change_compares_average_days():
    vm = await loaded()
    # November last year: 151 kWh over 30 days; this November: 142 kWh over 22 read days.
    expected = (Decimal(142) / 22 - Decimal(151) / 30) * 100 / (Decimal(151) / 30)
    assert vm.change_vs_last_year() == expected
    assert change_text(Translator("vi"), vm.change_vs_last_year()) == "+28,2%"


async def test_tapping_a_bar_selects_it_and_captions_it():
    vm = await loaded()
    vm.select(5)
    point = vm.selected_point()
    assert point and point.key == date(2026, 11, 6)
    assert (
        bar_caption(Translator("vi"), point, monthly=False, unit="kwh")
        == "Ngày 06/11/2026: 3,3 kWh"
    )
    vm.select(99)
    assert vm.selected is None
    vm.select(3)
    vm.set_mode("monthly")
    assert vm.selected is None  # another chart: nothing chosen yet
    vm.select(22)
    caption = bar_caption(Translator("en"), vm.selected_point(), monthly=True, unit="kwh")
    assert caption == "October 2026: 160 kWh\nSame month last year: 150 kWh (+6.7%)"


async def test_manual_meter_explains_instead_of_showing_zeros():
    repo = FakeUsage()
    vm = await loaded(MANUAL, "manual", repo)
    assert vm.mode == "monthly"  # the chart that has data comes first
    assert vm.daily_note == "manual_meter"
    vm.set_mode("daily")
    assert all(p.value is None for p in vm.daily_points())
    assert vm.month_total() is None and vm.average() is None
    assert "ghi chỉ số tại chỗ" in Translator("vi").t("usage.manual_meter")


async def test_switching_code_resets_and_errors_keep_retry_possible():
    repo = FakeUsage(fail_with=OfflineError(code="offline"))
    vm = UsageViewModel(repo=repo, today=TODAY)
    await vm.load(AMI, "ami")
    assert not vm.loaded and vm.error.code == "offline"
    repo.fail_with = None
    await vm.load(AMI, "ami")
    assert vm.loaded and vm.error is None
    await vm.show_month(-1)
    await vm.load(MANUAL, "manual")
    assert vm.code == MANUAL and vm.month == date(2026, 11, 1) and vm.mode == "monthly"


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", Decimal(12)), ("12,5", Decimal("12.5")), (" 0.125 ", Decimal("0.125"))],
)
def test_kwh_threshold_parsing_accepts(text, value):
    assert parse_kwh_per_day(text) == value


@pytest.mark.parametrize("text", ["0", "-1", "abc", "10000.5", "1.2345", "NaN", "1e3x"])
def test_kwh_threshold_parsing_refuses(text):
    assert parse_kwh_per_day(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("600000", 600000), ("600.000", 600000), ("600,000 đ", 600000), ("1 200 000 VND", 1200000)],
)
def test_vnd_threshold_parsing(text, value):
    assert parse_vnd(text) == value


@pytest.mark.parametrize("text", ["0", "-5", "12,5k", "10000000001", "١٢٣"])
def test_vnd_threshold_parsing_refuses(text):
    assert parse_vnd(text) is None


async def test_alert_thresholds_load_validate_and_save():
    repo = FakeUsage()
    vm = AlertsViewModel(repo=repo)
    await vm.load(AMI)
    assert (vm.kwh_text, vm.vnd_text) == ("12", "600000")
    vm.kwh_text, vm.vnd_text = "0", "much"
    assert not await vm.save()
    assert vm.field_errors == {"kwh_text": "alert_kwh", "vnd_text": "alert_vnd"}
    assert not [c for c in repo.calls if c[0] == "save_alerts"]  # refused before sending
    translated = Translator("vi").t(f"field_error.{vm.field_errors['kwh_text']}")
    assert translated == "Nhập số kWh lớn hơn 0, tối đa 10.000."
    vm.kwh_text, vm.vnd_text = "15,5", "750.000"
    assert await vm.save() and vm.notice == "usage.alerts_saved"
    assert repo.calls[-1] == (
        "save_alerts",
        AMI,
        AlertSettings(kwh_per_day=Decimal("15.5"), bill_forecast_vnd=750000),
    )
    assert (vm.kwh_text, vm.vnd_text) == ("15,5", "750000")
    vm.kwh_text = ""  # empty turns the alert off
    assert await vm.save() and repo.settings.kwh_per_day is None


async def test_alert_thresholds_server_refusal_marks_the_field():
    repo = FakeUsage()
    vm = AlertsViewModel(repo=repo)
    await vm.load(AMI)
    repo.fail_with = ValidationError(code="validation", fields={"body.kwh_per_day": "too big"})
    assert not await vm.save()
    assert vm.field_errors == {"kwh_text": "invalid"} and vm.error.code == "validation"


def test_the_money_axis_reads_as_money_not_0k_200k():
    """Issue 21.8: "0k 200k 400k" is not how Vietnamese write money; the axis names its unit
    once ("nghìn đồng") and its labels are plain thousands."""
    from app.i18n import Translator
    from app.views.usage.labels import axis_title, axis_value

    vi, en = Translator("vi"), Translator("en")
    assert [axis_value(vi, v, "vnd") for v in (0, 200_000, 1_400_000)] == ["0", "200", "1.400"]
    assert axis_title(vi, "vnd") == "nghìn đồng" and axis_title(en, "vnd") == "thousand ₫"
    assert axis_title(vi, "kwh") == "kWh"
