"""Thanh toán tất cả (issue 21): one QR for every unpaid bill — its total is checked against
the bills read one by one, it is drawn only then, and the screen waits until all are paid."""

from __future__ import annotations

import io

from PIL import Image
from pyzbar.pyzbar import decode

from app.config import Payee
from app.services.errors import OfflineError
from app.views.pay.all_view_model import PayAllViewModel
from domain.models.bills import PaymentQr
from domain.vietqr import build_payload, parse_payload
from tests.app.fakes.bills import ACCOUNT, BANK_BIN, FakeBills, demo_bills

CODE = "PE01000123456"


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _vm(repo: FakeBills, **kw) -> PayAllViewModel:
    return PayAllViewModel(repo=repo, sleep=Sleeps(), **kw)


async def test_one_qr_pays_the_total_of_every_unpaid_bill_overdue_first():
    repo = FakeBills()
    vm = _vm(repo, payees=(Payee(BANK_BIN, ACCOUNT),))
    await vm.open(CODE)
    bills = demo_bills()
    assert vm.loaded and vm.refused is None and vm.image is not None
    assert [b.id for b in vm.bills] == [90, 94]  # September (overdue) before October
    assert vm.count == 2 and vm.has_overdue
    assert vm.batch is not None and vm.batch.amount == bills[90].total + bills[94].total
    parsed = parse_payload(vm.batch.qr.payload)
    assert parsed.amount == vm.batch.amount and parsed.bill_number == vm.batch.reference
    picture = Image.open(io.BytesIO(vm.image.png))
    assert [s.data.decode() for s in decode(picture)] == [vm.batch.qr.payload]
    # opening again (back and forth) reuses the same batch
    await vm.open(CODE)
    assert len(repo.batches) == 1


async def test_a_qr_that_does_not_pay_the_bills_total_is_never_drawn():
    repo = FakeBills()
    bills = demo_bills()
    short = bills[90].total  # pays only the overdue bill, claims to pay all
    repo.batch_qr = PaymentQr(
        payload=build_payload(BANK_BIN, ACCOUNT, short, "TTFAKE0000001", "TD"),
        amount=short, bill_no="TTFAKE0000001", bank_bin=BANK_BIN, account=ACCOUNT,
        account_name="X", purpose="TD",
    )  # fmt: skip
    vm = _vm(repo)
    await vm.open(CODE)
    assert (vm.refused, vm.image) == ("amount", None)
    other = bills[90].total + bills[94].total
    repo.batch_qr = PaymentQr(
        payload=build_payload(BANK_BIN, "999999999", other, "TTFAKE0000001", "TD"),
        amount=other, bill_no="TTFAKE0000001", bank_bin=BANK_BIN, account="999999999",
        account_name="X", purpose="TD",
    )  # fmt: skip
    repo.batches.clear()
    pinned = _vm(repo, payees=(Payee(BANK_BIN, ACCOUNT),))
    await pinned.open(CODE)
    assert (pinned.refused, pinned.image) == ("payee", None)


async def test_the_screen_waits_until_every_bill_is_paid():
    # reads of each bill: 1 on opening, then one per poll; September reads paid on the
    # second poll, October only on the third: one paid bill is not "all paid"
    repo = FakeBills(paid_after={90: 2, 94: 3})
    vm = _vm(repo)
    await vm.open(CODE)
    await vm.check_once()
    await vm.check_once()
    assert not vm.paid
    await vm.poll_until_paid()
    assert vm.paid and all(b.status == "paid" for b in vm.bills)
    assert len(vm.sleep.waits) == 1


async def test_nothing_owed_and_offline():
    repo = FakeBills()
    for b in list(repo.by_id.values()):
        repo.by_id[b.id] = b.model_copy(update={"status": "paid"})
    vm = _vm(repo)
    await vm.open(CODE)
    assert vm.nothing_owed and vm.loaded and vm.image is None
    offline = _vm(FakeBills(fail_with=OfflineError()))
    await offline.open(CODE)
    assert offline.error is not None and not offline.loaded
