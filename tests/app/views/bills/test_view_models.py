"""Hóa đơn view models with a fake repository: years, totals, split tiers, e-invoice, home card."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.i18n import Translator
from app.services.errors import NotFoundError, OfflineError
from app.views.bills.breakdown import part_spans
from app.views.bills.home_view_model import HomeBillViewModel
from app.views.bills.view_model import BillDetailViewModel, BillsViewModel, parse_bill_id
from app.views.bills.widgets import bill_kwh, channel_text
from tests.app.fakes.bills import FakeBills
from tests.app.fakes.usage import TODAY, FakeUsage

CODE = "PE01000123456"


async def test_list_is_by_year_with_totals_and_unpaid():
    repo = FakeBills()
    vm = BillsViewModel(repo=repo, today=TODAY)
    await vm.load(CODE)
    assert vm.year == 2026 and repo.calls == [("bills", CODE, 2026)]
    assert [b.id for b in vm.bills] == [94, 90, 86]  # newest first
    assert {b.id: b.status for b in vm.bills} == {94: "unpaid", 90: "overdue", 86: "paid"}
    assert vm.total == sum(repo.by_id[i].total for i in (94, 90, 86))
    assert vm.unpaid_count == 2
    assert vm.unpaid_total == repo.by_id[94].total + repo.by_id[90].total
    await vm.show_year(2025)
    assert repo.calls[-1] == ("bills", CODE, 2025)
    assert [b.id for b in vm.bills] == [30, 26] and vm.unpaid_count == 0
    await vm.show_year(2024)
    assert vm.bills == [] and vm.total == 0 and vm.loaded


async def test_early_january_opens_last_year_when_this_year_has_no_bill_yet():
    repo = FakeBills()
    vm = BillsViewModel(repo=repo, today=date(2027, 1, 2))
    await vm.load(CODE)
    assert repo.calls == [("bills", CODE, 2027), ("bills", CODE, 2026)]
    assert vm.year == 2026 and [b.id for b in vm.bills] == [94, 90, 86]
    await vm.show_year(2027)  # the person may still look at the empty year
    assert vm.year == 2027 and vm.bills == [] and vm.loaded


async def test_year_choice_is_limited_to_the_selector():
    repo = FakeBills()
    vm = BillsViewModel(repo=repo, today=TODAY)
    await vm.load(CODE)
    assert vm.years == [2026, 2025, 2024, 2023, 2022]
    await vm.show_year(2027)
    await vm.show_year(2021)
    assert vm.year == 2026 and len(repo.calls) == 1


async def test_switching_code_goes_back_to_this_year_and_errors_show():
    repo = FakeBills()
    vm = BillsViewModel(repo=repo, today=TODAY)
    await vm.load(CODE)
    await vm.show_year(2025)
    await vm.load("PD01000654321")
    assert vm.year == 2026 and repo.calls[-1] == ("bills", "PD01000654321", 2026)
    repo.fail_with = OfflineError(code="offline")
    fresh = BillsViewModel(repo=repo, today=TODAY)
    await fresh.load(CODE)
    assert not fresh.loaded and fresh.error.code == "offline"


async def test_detail_with_split_parts_by_days_and_decision():
    vm = BillDetailViewModel(repo=FakeBills())
    await vm.load(CODE, 26)
    bill = vm.bill
    assert vm.loaded and bill and vm.split and not vm.payable
    first, second = bill.breakdown.parts
    assert (first.days, first.decision, second.days, second.decision) == (
        9,
        "2699/QĐ-BCT",
        22,
        "1279/QĐ-BCT",
    )
    # DOMAIN.md's worked example: 200 kWh in May 2025 -> 469,250 đ.
    assert (bill.subtotal, bill.vat, bill.total) == (434491, 34759, 469250)
    assert part_spans(bill) == [
        (date(2025, 5, 1), date(2025, 5, 9)),
        (date(2025, 5, 10), date(2025, 5, 31)),
    ]


async def test_detail_of_an_unpaid_bill_and_a_plain_one():
    vm = BillDetailViewModel(repo=FakeBills())
    await vm.load(CODE, 94)
    assert vm.payable and not vm.split
    assert part_spans(vm.bill) == [(date(2026, 10, 1), date(2026, 10, 31))]


async def test_unknown_bill_is_an_error_not_a_crash():
    vm = BillDetailViewModel(repo=FakeBills(fail_with=NotFoundError(code="not_found")))
    await vm.load(CODE, 4242)
    assert not vm.loaded and vm.error.code == "not_found"


async def test_invoice_pdf_and_its_failure():
    repo = FakeBills()
    vm = BillDetailViewModel(repo=repo)
    await vm.load(CODE, 26)
    assert await vm.invoice() == (b"%PDF-1.4 fake", "hoa-don-26.pdf")
    assert not vm.invoice_busy
    repo.pdf_fails = OfflineError(code="offline")
    assert await vm.invoice() is None
    assert vm.error.code == "offline" and vm.bill is not None  # the bill stays on screen


@pytest.mark.parametrize(
    ("text", "value"), [("26", 26), ("0", None), ("-1", None), ("x", None), ("٢٦", None)]
)
def test_route_bill_id(text, value):
    assert parse_bill_id(text) == value


def test_words_of_bills():
    vi, en = Translator("vi"), Translator("en")
    assert [vi.t(f"bills.status.{s}") for s in ("paid", "unpaid", "overdue")] == [
        "Đã thanh toán",
        "Chưa thanh toán",
        "Quá hạn",
    ]
    assert en.t("bills.pay_qr") == "Pay by QR" and vi.t("bills.pay_qr") == "Thanh toán bằng mã QR"
    assert (vi.t("bills.start_index"), vi.t("bills.end_index")) == ("Chỉ số đầu", "Chỉ số cuối")
    assert (
        channel_text(vi, "vietqr") == "Mã VietQR" and channel_text(vi, "new_wallet") == "new_wallet"
    )
    assert (
        # Issue 21.8: one decimal everywhere kWh is shown (usage says 187,4; bills said 171,45)
        bill_kwh(vi, Decimal("257.59")) == "257,6 kWh"
        and bill_kwh(vi, Decimal(187)) == "187 kWh"
        and bill_kwh(vi, Decimal("87.40")) == "87,4 kWh"
    )


async def test_home_card_shows_the_latest_bill_and_other_unpaid():
    vm = HomeBillViewModel(bills=FakeBills(), usage=FakeUsage(), today=TODAY)
    await vm.load(CODE)
    assert vm.latest and vm.latest.id == 94
    assert [b.id for b in vm.other_unpaid] == [90] and len(vm.unpaid) == 2
    assert vm.forecast and vm.forecast.projected_total == 375000


async def test_home_card_in_january_finds_last_years_bill():
    vm = HomeBillViewModel(bills=FakeBills(), usage=FakeUsage(), today=date(2027, 1, 5))
    await vm.load(CODE)
    assert vm.latest and vm.latest.id == 94  # nothing billed in 2027 yet


async def test_home_card_lists_every_unpaid_bill_overdue_first():
    """Issue 21.1: the overdue September bill must not hide behind the newest (October)."""
    repo = FakeBills()
    vm = HomeBillViewModel(bills=repo, usage=FakeUsage(), today=TODAY)
    await vm.load(CODE)
    assert [b.id for b in vm.unpaid] == [90, 94]  # overdue first, then by due date
    assert [b.id for b in vm.overdue] == [90]
    assert vm.disconnection_risk
    assert vm.unpaid_total == repo.by_id[90].total + repo.by_id[94].total


async def test_home_card_without_overdue_has_no_disconnection_risk():
    repo = FakeBills()
    del repo.by_id[90]
    vm = HomeBillViewModel(bills=repo, usage=FakeUsage(), today=TODAY)
    await vm.load(CODE)
    assert [b.id for b in vm.unpaid] == [94] and not vm.overdue and not vm.disconnection_risk


def test_a_long_value_goes_under_its_label_not_beside_it():
    """Beside a sentence-long value ("Ước tính: 1 ngày công tơ không gửi số liệu…") the label
    was squeezed to one letter a line (seen in the bill detail's screenshot)."""
    import flet as ft

    from app.views.bills.widgets import line

    short = line("Chỉ số đầu", "28.231,00")
    assert isinstance(short, ft.Row)
    long = line("Chỉ số cuối", "Ước tính: 1 ngày công tơ không gửi số liệu, hệ thống đo xa bù")
    assert isinstance(long, ft.Column)
    assert [c.value for c in long.controls] == [
        "Chỉ số cuối",
        "Ước tính: 1 ngày công tơ không gửi số liệu, hệ thống đo xa bù",
    ]
