"""QR pay: the payload is checked before it is drawn, the drawing decodes back to it, and the
screen waits for the webhook's payment by polling the bill until it reads paid."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from app.config import Payee
from app.services.errors import OfflineError
from app.views.pay.checks import refusal
from app.views.pay.qr_image import MIN_LOGICAL_PX, draw_qr
from app.views.pay.view_model import PayViewModel
from domain.vietqr import build_payload, crc16_ccitt_false, parse_payload
from tests.app.fakes.bills import ACCOUNT, BANK_BIN, FakeBills, demo_bills, payment_qr

CODE = "PE01000123456"
DOMAIN_VECTOR = (
    "00020101021238540010A00000072701240006970436011010175956000208QRIBFTTA5303704540618"
    "00005802VN62230819thanh toan don hang630470FA"
)


class Clock:
    """Stands in for asyncio.sleep: counts the waits and lets a test stop the screen."""

    def __init__(self, stop_after: int | None = None, vm: PayViewModel | None = None):
        self.waits: list[float] = []
        self.stop_after, self.vm = stop_after, vm

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.vm and self.stop_after is not None and len(self.waits) >= self.stop_after:
            self.vm.stop()


def decoded(png: bytes) -> list[str]:
    return [symbol.data.decode("ascii") for symbol in decode(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize(
    "payload",
    [
        DOMAIN_VECTOR,
        payment_qr(demo_bills()[94]).payload,
        build_payload(
            BANK_BIN, ACCOUNT, 9_999_999_999, "1C26TPE99999999", "Tien dien PE01000123456"
        ),
    ],
)
def test_drawn_qr_decodes_to_the_exact_payload_with_a_good_crc(payload):
    image = draw_qr(payload)
    assert decoded(image.png) == [payload]
    body, crc = payload[:-4], payload[-4:]
    assert f"{crc16_ccitt_false(body.encode('ascii')):04X}" == crc
    assert parse_payload(payload).dynamic
    picture = Image.open(io.BytesIO(image.png))
    assert image.size >= MIN_LOGICAL_PX and picture.width >= image.size * 3
    # Black modules on white, quiet zone included: the corner pixel is white.
    assert picture.convert("L").getpixel((0, 0)) == 255


async def test_unpaid_bill_shows_its_checked_qr_and_polls_until_paid():
    repo = FakeBills(paid_after={94: 3})  # the 4th read finds the webhook's payment
    vm = PayViewModel(repo=repo, poll_seconds=4)
    clock = Clock()
    vm.sleep = clock
    await vm.open(CODE, 94)
    assert vm.loaded and vm.refused is None and vm.image and not vm.paid
    assert decoded(vm.image.png) == [vm.qr.payload]
    await vm.poll_until_paid()
    assert vm.paid and vm.bill.status == "paid" and vm.bill.channel == "vietqr"
    assert clock.waits == [4, 4, 4]  # read 1 at open, 2 and 3 unpaid, 4 paid: stop
    assert len([c for c in repo.calls if c[0] == "bill"]) == 4


async def test_polling_stops_when_the_screen_closes_and_survives_blips():
    repo = FakeBills()
    vm = PayViewModel(repo=repo)
    clock = Clock(stop_after=3, vm=vm)
    vm.sleep = clock
    await vm.open(CODE, 94)
    repo.fail_with = OfflineError(code="offline")  # a blip: the QR stays, polling goes on
    await vm.poll_until_paid()
    assert vm.stopped and not vm.paid and vm.image is not None
    assert len(clock.waits) == 3 and vm.error is None


async def test_an_already_paid_bill_shows_success_without_a_qr():
    repo = FakeBills()
    vm = PayViewModel(repo=repo, sleep=Clock())
    await vm.open(CODE, 86)
    assert vm.paid and vm.qr is None and vm.image is None
    assert not [c for c in repo.calls if c[0] == "qr"]
    await vm.poll_until_paid()  # nothing to wait for
    # one read of the bill, no QR, no polling (the lists are read to offer the next bill)
    assert [c[0] for c in repo.calls if c[0] != "bills"] == ["bill"]


def tampered_crc(payload: str) -> str:
    last = payload[-1]
    return payload[:-1] + ("0" if last != "0" else "1")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda qr, bill: {"payload": tampered_crc(qr.payload)}, "invalid"),
        (lambda qr, bill: {"payload": qr.payload.replace("6304", "6305")}, "invalid"),
        (
            lambda qr, bill: {
                "payload": build_payload(BANK_BIN, ACCOUNT, bill.total + 1000, qr.bill_no)
            },
            "amount",
        ),
        (lambda qr, bill: {"amount": bill.total - 1}, "amount"),
        (lambda qr, bill: {"payload": build_payload(BANK_BIN, ACCOUNT)}, "amount"),  # static
        (
            lambda qr, bill: {
                "payload": build_payload(BANK_BIN, ACCOUNT, bill.total, "1C26TPE00000001")
            },
            "bill",
        ),
        (
            lambda qr, bill: {
                "payload": build_payload("970418", "123456789", bill.total, qr.bill_no)
            },
            "account",
        ),
    ],
)
async def test_a_tampered_qr_is_never_drawn(change, reason):
    bills = demo_bills()
    bill = bills[94]
    honest = payment_qr(bill)
    repo = FakeBills(qr_for={94: payment_qr(bill, **change(honest, bill))})
    vm = PayViewModel(repo=repo, sleep=Clock())
    await vm.open(CODE, 94)
    assert vm.loaded and vm.refused == reason and vm.image is None
    await vm.poll_until_paid()  # no QR on screen: nothing to wait for
    assert [c[0] for c in repo.calls] == ["bill", "qr"]


def test_the_honest_qr_passes_the_checks():
    bill = demo_bills()[94]
    assert refusal(payment_qr(bill), bill) is None


async def test_load_error_then_retry():
    repo = FakeBills(fail_with=OfflineError(code="offline"))
    vm = PayViewModel(repo=repo, sleep=Clock())
    await vm.open(CODE, 94)
    assert not vm.loaded and vm.error.code == "offline"
    repo.fail_with = None
    await vm.open(CODE, 94)
    assert vm.loaded and vm.image is not None


PINNED = (Payee(BANK_BIN, ACCOUNT),)


async def test_a_consistent_qr_to_another_account_is_refused_when_payees_are_pinned():
    """A compromised server can make payload and fields agree on its own account: only the
    payee list shipped with the app catches that."""
    bill = demo_bills()[94]
    number = f"{bill.invoice_serial}{bill.invoice_no}"
    rogue = payment_qr(
        bill,
        payload=build_payload("970418", "999888777", bill.total, number),
        bank_bin="970418",
        account="999888777",
    )
    assert refusal(rogue, bill) is None  # consistent in itself
    assert refusal(rogue, bill, PINNED) == "payee"
    vm = PayViewModel(repo=FakeBills(qr_for={94: rogue}), payees=PINNED, sleep=Clock())
    await vm.open(CODE, 94)
    assert vm.refused == "payee" and vm.image is None


def test_the_company_account_passes_the_pin():
    bill = demo_bills()[94]
    assert refusal(payment_qr(bill), bill, PINNED) is None


def test_the_shipped_payees_match_the_demo_server_account():
    from app.config import load_settings

    assert load_settings(environ={}).payees == PINNED


def test_the_bank_is_named_without_its_bin_and_paying_from_this_phone_is_explained():
    """Issue 21.10: "Vietcombank (970436)" shows a number nobody needs; and a person with one
    phone cannot scan their own screen, so the steps say how to pay from the same phone."""
    from app.i18n import Translator
    from app.views.pay.banks import bank_name

    assert bank_name("970436") == "Vietcombank" and bank_name("970999") == "970999"
    vi, en = Translator("vi"), Translator("en")
    assert "thư viện ảnh" in vi.t("pay.step_same_phone")
    assert "gallery" in en.t("pay.step_same_phone")


async def test_after_paying_one_bill_the_next_unpaid_one_is_offered():
    """Issue 21.1: pay every unpaid bill in turn, the overdue one first, without going back."""
    from datetime import date

    repo = FakeBills(paid_after={90: 1})
    vm = PayViewModel(repo=repo, poll_seconds=4, today=date(2026, 11, 24))
    vm.sleep = Clock()
    await vm.open(CODE, 90)  # the overdue September bill
    await vm.poll_until_paid()
    assert vm.paid and vm.next_bill is not None and vm.next_bill.id == 94
    assert vm.remaining_total == repo.by_id[94].total

    repo2 = FakeBills(paid_after={94: 1})
    del repo2.by_id[90]
    last = PayViewModel(repo=repo2, poll_seconds=4, today=date(2026, 11, 24))
    last.sleep = Clock()
    await last.open(CODE, 94)
    await last.poll_until_paid()
    assert last.paid and last.next_bill is None
