"""Vì sao hóa đơn thay đổi (issue 18): the explain view model and the home card's sentence,
with the fake repository."""

from __future__ import annotations

from decimal import Decimal

from app.services.errors import OfflineError
from app.views.bills.adjustment_view_model import AdjustmentViewModel
from app.views.bills.explain_view_model import ExplainViewModel
from app.views.bills.home_view_model import HomeBillViewModel
from app.views.bills.view_model import BillsViewModel
from domain.models.bill_explain import BillEffect, BillExplanation
from domain.models.bill_review import Adjustment
from domain.vietqr import parse_payload
from tests.app.fakes.bills import FakeBills
from tests.app.fakes.usage import TODAY, FakeUsage

CODE = "PE01000123456"


def _explained(bill_id: int, against: str, sentence: str) -> BillExplanation:
    effects = [
        BillEffect(kind="days", amount=6200, detail={}),
        BillEffect(kind="usage", amount=76100, detail={}),
        BillEffect(kind="households", amount=0, detail={}),
        BillEffect(kind="price", amount=-3100, detail={}),
        BillEffect(kind="vat", amount=0, detail={}),
        BillEffect(kind="other", amount=0, detail={}),
    ]
    return BillExplanation(
        bill_id=bill_id, against=against, against_bill=None, difference=79200,
        effects=effects, sentence=sentence,
    )  # fmt: skip


async def test_detail_explains_against_last_month_then_last_year() -> None:
    repo = FakeBills()
    repo.explained[(94, "previous")] = _explained(94, "previous", "tăng so với tháng trước")
    repo.explained[(94, "last_year")] = _explained(94, "last_year", "so với cùng kỳ năm trước")
    vm = ExplainViewModel(repo=repo, lang="vi")
    await vm.load(CODE, 94)
    assert vm.explanation and vm.explanation.sentence == "tăng so với tháng trước"
    assert [e.kind for e in vm.effects] == ["usage", "days", "price"]  # no zeros, largest first
    await vm.compare_with("last_year")
    assert vm.explanation.sentence == "so với cùng kỳ năm trước"
    await vm.compare_with("next_year")  # not a choice: nothing asked
    assert repo.explain_calls == [(CODE, 94, "previous", "vi"), (CODE, 94, "last_year", "vi")]


async def test_detail_in_english_and_offline() -> None:
    repo = FakeBills()
    vm = ExplainViewModel(repo=repo)
    await vm.load(CODE, 94, "en")
    assert vm.explanation.sentence == "en: nothing to compare" and vm.effects == []
    repo.fail_with = OfflineError()
    await vm.compare_with("last_year")
    assert vm.explanation is None and isinstance(vm.error, OfflineError)


async def test_home_card_carries_the_latest_bills_sentence() -> None:
    repo = FakeBills()
    repo.explained[(94, "previous")] = _explained(94, "previous", "Hóa đơn tăng 79.200 đ")
    vm = HomeBillViewModel(bills=repo, usage=FakeUsage(), today=TODAY, lang="vi")
    await vm.load(CODE)
    assert vm.explanation and vm.explanation.sentence == "Hóa đơn tăng 79.200 đ"
    explained = [c for c in repo.explain_calls if c[0] != "adjustments"]
    assert explained == [(CODE, 94, "previous", "vi")]


async def test_review_in_one_tap_then_it_says_where_to_follow_it() -> None:
    repo = FakeBills()
    vm = ExplainViewModel(repo=repo)
    await vm.load(CODE, 94)
    assert await vm.review() and vm.filed and vm.filed.request_id == 794
    assert not await vm.review()  # filed: the button is gone, a second tap files nothing
    other = ExplainViewModel(repo=repo)
    await other.load(CODE, 94)
    assert not await other.review()
    assert other.review_error is not None and other.review_error.code == "review_open"


def _adjustment(total: int, status: str) -> Adjustment:
    from datetime import date

    return Adjustment(
        id=5 if total > 0 else 6, customer_code=CODE, bill_id=94, invoice_serial="1C26TPE",
        invoice_no="00000201", issued_on=date(2026, 11, 28), due_date=date(2026, 12, 5),
        period_start=date(2026, 10, 1), period_end=date(2026, 10, 31), total=total,
        status=status, kwh_before=Decimal(187), kwh_after=Decimal(217), kwh=Decimal(30),
        total_before=500000, total_after=500000 + total, subtotal=total, vat_rate=Decimal("0.08"),
        vat=0, households=1, reason="Ghi sai chỉ số", request_id=1,
        breakdown=FakeBills().by_id[94].breakdown,
    )  # fmt: skip


async def test_adjustment_owed_has_its_own_qr_and_a_credit_has_none() -> None:
    repo = FakeBills()
    repo.adjustment_list = [_adjustment(77000, "unpaid"), _adjustment(-20000, "credit")]
    vm = AdjustmentViewModel(repo=repo)
    await vm.load(CODE, 5)
    assert vm.owed and vm.qr and vm.qr.amount == 77000 and vm.image and vm.image.png
    assert parse_payload(vm.qr.payload).bill_number == "1C26TPE00000201"
    credit = AdjustmentViewModel(repo=repo)
    await credit.load(CODE, 6)
    assert not credit.owed and credit.qr is None and credit.image is None


async def test_the_years_totals_count_adjustments() -> None:
    repo = FakeBills()
    repo.adjustment_list = [_adjustment(77000, "unpaid"), _adjustment(-20000, "credit")]
    vm = BillsViewModel(repo=repo, today=TODAY)
    await vm.load(CODE)
    bills = sum(b.total for b in vm.bills)
    unpaid = sum(b.total for b in vm.bills if b.status != "paid")
    assert vm.total == bills + 77000 - 20000
    assert vm.unpaid_total == unpaid + 77000 and vm.unpaid_count == 3


async def test_home_card_lists_an_owed_adjustment_and_counts_it_in_pay_all() -> None:
    """Issue 18: an adjustment bill owed after a review is on Trang chủ with the bills, and the
    one QR for everything counts it; a credit is not something to pay."""
    repo = FakeBills()
    repo.adjustment_list = [_adjustment(77000, "unpaid"), _adjustment(-20000, "credit")]
    vm = HomeBillViewModel(bills=repo, usage=FakeUsage(), today=TODAY)
    await vm.load(CODE)
    assert [a.id for a in vm.owed_adjustments] == [5]
    bills = sum(b.amount_due for b in vm.unpaid)
    assert vm.unpaid_total == bills + 77000 and vm.unpaid_count == len(vm.unpaid) + 1


async def test_home_card_stands_when_adjustments_cannot_be_read() -> None:
    class NoAdjustments(FakeBills):
        async def adjustments(self, code, year):
            raise OfflineError(code="offline", status=0)

    vm = HomeBillViewModel(bills=NoAdjustments(), usage=FakeUsage(), today=TODAY)
    await vm.load(CODE)
    assert vm.error is None and vm.latest is not None and vm.owed_adjustments == []
