"""Kiosk start screen: one code, its latest bill's status and its planned outages."""

from __future__ import annotations

from datetime import date

from app.services.errors import error_for_status
from app.views.kiosk.view_model import KioskLookupViewModel
from tests.app.fakes import BILL_STATUS, FakePublic

CODE = BILL_STATUS.customer_code
STATUS = BILL_STATUS


async def test_a_typed_code_is_normalised_and_both_answers_shown():
    public = FakePublic()
    vm = KioskLookupViewModel(public=public, code=" pe02 0007 77888 ")
    assert await vm.look_up()
    assert sorted(public.calls) == [("bill_status", CODE), ("outages", CODE)]
    assert vm.looked_up == CODE and vm.bill == STATUS and vm.outages == [] and not vm.no_bill


async def test_a_contract_without_bills_is_not_an_error():
    vm = KioskLookupViewModel(public=FakePublic(status=None), code=CODE)
    assert await vm.look_up()
    assert vm.no_bill and vm.bill is None and vm.error is None


async def test_a_malformed_code_never_reaches_the_server():
    public = FakePublic()
    vm = KioskLookupViewModel(public=public, code="12345")
    assert not await vm.look_up()
    assert vm.field_errors == {"code": "customer_code"} and public.calls == []


async def test_an_unknown_code_shows_the_error_and_nothing_of_before():
    public = FakePublic()
    vm = KioskLookupViewModel(public=public, code=CODE)
    await vm.look_up()

    async def unknown(code):
        raise error_for_status(404, "customer_code_not_found", None)

    public.bill_status = unknown
    vm.code = "PE09999999999"
    assert not await vm.look_up()
    assert vm.error.code == "customer_code_not_found" and vm.bill is None and vm.looked_up is None
    vm.clear()
    assert vm.code == "" and vm.error is None


def test_the_kiosk_names_every_unpaid_bill_and_the_overdue_one():
    """Issue 21.1: the look-up must mention an older overdue bill, not only the newest."""
    from app.i18n import Translator
    from app.views.kiosk.widgets import unpaid_note

    vi, en = Translator("vi"), Translator("en")
    newest_unpaid = STATUS.model_copy(
        update={
            "status": "unpaid",
            "unpaid_count": 2,
            "unpaid_total": 1_000_000,
            "overdue_count": 1,
            "oldest_unpaid_due": date(2026, 11, 8),
        }
    )
    note = unpaid_note(vi, newest_unpaid)
    assert note and "2 hóa đơn" in note and "1.000.000" in note and "08/11/2026" in note
    assert "tạm ngừng cung cấp điện" in note
    assert "2 unpaid bills" in (unpaid_note(en, newest_unpaid) or "")
    only_one = STATUS.model_copy(
        update={"status": "unpaid", "unpaid_count": 1, "unpaid_total": STATUS.total}
    )
    assert unpaid_note(vi, only_one) is None  # the card already says it


async def test_the_answer_is_forgotten_soon_after_a_look_up():
    """Issue 21.11: the next person at the counter must not find the previous code and amount."""
    public = FakePublic()
    vm = KioskLookupViewModel(public=public, code=CODE)
    assert await vm.look_up()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    await vm.forget_later(sleep)
    assert slept == [vm.forget_after_s] and vm.forget_after_s <= 60
    assert vm.looked_up is None and vm.bill is None and vm.code == ""


async def test_a_newer_look_up_is_not_forgotten_by_the_older_timer():
    public = FakePublic()
    vm = KioskLookupViewModel(public=public, code=CODE)
    assert await vm.look_up()

    async def sleep(seconds: float) -> None:
        vm.code = "PE01000123456"
        await vm.look_up()  # someone looked up another code meanwhile

    await vm.forget_later(sleep)
    assert vm.looked_up == "PE01000123456"


async def test_kiosk_sign_in_before_the_code_is_sent_says_to_send_it():
    from app.views.auth.view_model import SignInViewModel
    from tests.app.fakes import FakeAuth

    vm = SignInViewModel(auth=FakeAuth(), otp_only=True, phone="0901234567")
    assert not await vm.submit()
    assert vm.error and vm.error.code == "otp_not_sent"
