"""Vì sao hóa đơn thay đổi (issue 18): the explain view model and the home card's sentence,
with the fake repository."""

from __future__ import annotations

from app.services.errors import OfflineError
from app.views.bills.explain_model import ExplainViewModel
from app.views.bills.home_model import HomeBillViewModel
from domain.models.bill_explain import BillEffect, BillExplanation
from tests.app.usage_bills_fakes import TODAY, FakeBills, FakeUsage

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
    assert repo.explain_calls == [(CODE, 94, "previous", "vi")]
