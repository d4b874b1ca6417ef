"""A credit from an adjustment bill (issue 18) on the client: lists, the home card and the
detail say "Đã trừ X đ từ hóa đơn điều chỉnh" and pay amount_due; the pay screen draws a QR
only when it pays exactly amount_due; a bill its credit covers is paid by credit, no QR."""

from __future__ import annotations

from datetime import UTC, datetime

from app.i18n import Translator
from app.views.bills.view_model import BillsViewModel
from app.views.bills.widgets import channel_text, credit_note
from app.views.pay.all_view_model import PayAllViewModel
from app.views.pay.checks import refusal
from app.views.pay.view_model import PayViewModel
from domain.models.bills import Bill
from domain.vietqr import build_payload
from tests.app.fakes.bills import ACCOUNT, BANK_BIN, FakeBills, demo_bills, payment_qr
from tests.app.fakes.usage import TODAY

CODE = "PE01000123456"
CREDIT = 50_000


async def _no_wait(_seconds: float) -> None:
    return None


def _credited(credit: int = CREDIT) -> dict[int, Bill]:
    bills = demo_bills()
    bills[94] = bills[94].model_copy(update={"credit": credit})
    return bills


def test_amount_due_is_the_total_less_the_credit_and_never_below_zero():
    bill = _credited()[94]
    assert bill.amount_due == bill.total - CREDIT and bill.total == demo_bills()[94].total
    assert _credited(10**9)[94].amount_due == 0
    assert demo_bills()[94].amount_due == demo_bills()[94].total


def test_the_credit_is_said_in_both_languages():
    bill = _credited()[94]
    assert credit_note(Translator("vi"), bill) == "Đã trừ 50.000 đ từ hóa đơn điều chỉnh"
    assert (
        credit_note(Translator("en"), bill) == "₫50,000 deducted from an adjustment bill's credit"
    )
    assert credit_note(Translator("vi"), demo_bills()[94]) is None
    assert channel_text(Translator("vi"), "credit") == "Trừ vào khoản điều chỉnh giảm"


async def test_the_unpaid_total_of_the_year_counts_the_amount_due():
    repo = FakeBills(by_id=_credited())
    vm = BillsViewModel(repo=repo, today=TODAY)
    await vm.load(CODE)
    assert vm.unpaid_total == repo.by_id[94].total - CREDIT + repo.by_id[90].total


async def test_the_pay_screen_draws_a_qr_of_the_amount_due_only():
    bills = _credited()
    vm = PayViewModel(repo=FakeBills(by_id=bills), sleep=_no_wait)
    await vm.open(CODE, 94)
    assert vm.refused is None and vm.qr is not None and vm.qr.amount == bills[94].amount_due
    honest = payment_qr(bills[94])
    full = build_payload(BANK_BIN, ACCOUNT, bills[94].total, honest.bill_no, honest.purpose)
    whole = honest.model_copy(update={"payload": full, "amount": bills[94].total})
    assert refusal(whole, bills[94]) == "amount"  # the total, not less the credit: refused
    vm = PayViewModel(repo=FakeBills(by_id=bills, qr_for={94: whole}), sleep=_no_wait)
    await vm.open(CODE, 94)
    assert vm.refused == "amount" and vm.image is None


async def test_pay_all_counts_the_amount_due():
    bills = _credited()
    vm = PayAllViewModel(repo=FakeBills(by_id=bills), sleep=_no_wait)
    await vm.open(CODE)
    assert vm.refused is None and vm.batch is not None
    assert vm.batch.amount == bills[90].total + bills[94].total - CREDIT


async def test_a_bill_paid_by_credit_shows_paid_without_a_qr():
    bills = demo_bills()
    at = datetime(2026, 11, 3, 2, tzinfo=UTC)
    bills[94] = bills[94].model_copy(
        update={"credit": bills[94].total + 1, "status": "paid", "channel": "credit", "paid_at": at}
    )
    repo = FakeBills(by_id=bills)
    vm = PayViewModel(repo=repo, sleep=_no_wait)
    await vm.open(CODE, 94)
    assert vm.paid and vm.qr is None and vm.image is None
    assert not [c for c in repo.calls if c[0] == "qr"]
    assert bills[94].amount_due == 0
