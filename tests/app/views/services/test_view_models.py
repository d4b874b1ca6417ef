"""Services view models with a fake repository: catalogue rules, the form's checks, filing,
OTP signing with what is signed shown, my requests, cancel and messages."""

from __future__ import annotations

from datetime import date

from app.services.errors import ValidationError
from app.views.services.form_rules import check_field
from app.views.services.requests_view_model import MyRequestsViewModel, RequestDetailViewModel
from app.views.services.view_model import CatalogueViewModel, ServiceFormViewModel
from tests.app.fakes.services import AT, CHECK, CODE, NORM, FakeServiceRequests, request


async def test_catalogue_loads_in_the_language_and_knows_who_may_file():
    repo = FakeServiceRequests()
    vm = CatalogueViewModel(repo=repo)
    await vm.load("en")
    assert repo.calls == [("catalogue", "en")] and vm.find("meter_check") is CHECK
    assert vm.may_file(NORM, "owner", "approved")
    assert not vm.may_file(NORM, "member", "approved")
    assert vm.may_file(CHECK, "member", "approved")
    assert not vm.may_file(CHECK, "member", "pending")


def test_field_rules_on_the_device():
    residents, day = NORM.fields
    assert check_field(residents, "6") == (6, None)
    assert check_field(residents, "0") == (None, "too_small")
    assert check_field(residents, "sáu") == (None, "not_number")
    assert check_field(residents, "") == (None, "required")
    assert check_field(day, "03/12/2026") == (None, "bad_date")
    assert check_field(day, date(2026, 12, 3).isoformat()) == ("2026-12-03", None)
    reason, kind = CHECK.fields
    assert check_field(reason, "x" * 21) == (None, "too_long")
    assert check_field(kind, "") == (None, None) and check_field(kind, "b") == (None, "not_choice")


async def test_form_refuses_bad_values_without_calling_the_server():
    repo = FakeServiceRequests()
    vm = ServiceFormViewModel(repo=repo, service=NORM, customer_code=CODE)
    vm.set("residents", "0")
    assert not await vm.submit()
    assert vm.field_errors == {"residents": "too_small", "effective_date": "required"}
    assert repo.calls == []
    vm.set("residents", "6")
    assert "residents" not in vm.field_errors


async def test_file_then_sign_shows_what_is_signed():
    repo = FakeServiceRequests()
    vm = ServiceFormViewModel(repo=repo, service=NORM, customer_code=CODE)
    vm.set("residents", " 6 ")
    vm.set("effective_date", "2026-12-03")
    vm.note = "Có 2 phòng cho thuê"
    assert await vm.submit()
    assert repo.calls[-1] == (
        "file", "household_norm", CODE, {"residents": 6, "effective_date": "2026-12-03"}, "Có 2 phòng cho thuê"
    )  # fmt: skip
    assert vm.must_sign and not vm.signed
    assert vm.signed_lines() == [
        ("Số người", "6"), ("Ngày hiệu lực", "2026-12-03"), ("note", "Có 2 phòng cho thuê")
    ]  # fmt: skip
    assert await vm.send_code() and vm.code_sent and vm.notice == "services.code_sent"
    vm.otp = "12a"
    assert not await vm.sign() and vm.field_errors == {"otp": "bad_format"}
    vm.otp = "123456"
    assert await vm.sign()
    assert vm.signed and vm.filed.status == "submitted" and ("sign", 7, "123456") in repo.calls


async def test_a_wrong_code_keeps_the_sheet_open_with_the_message():
    repo = FakeServiceRequests()
    vm = ServiceFormViewModel(repo=repo, service=NORM, customer_code=CODE)
    vm.values = {"residents": "6", "effective_date": "2026-12-03"}
    await vm.submit()
    repo.fail_with = ValidationError(code="otp_invalid", status=400)
    vm.otp = "000000"
    assert not await vm.sign()
    assert vm.error.code == "otp_invalid" and vm.must_sign and not vm.signed


async def test_server_field_errors_land_next_to_their_fields():
    repo = FakeServiceRequests(
        fail_with=ValidationError(
            code="validation_failed", status=422, fields={"fields.residents": "must be at least 1"}
        )
    )
    vm = ServiceFormViewModel(repo=repo, service=NORM, customer_code=CODE)
    vm.values = {"residents": "6", "effective_date": "2026-12-03"}
    assert not await vm.submit()
    assert vm.field_errors == {"residents": "invalid"}


async def test_a_type_without_signature_is_done_when_filed_and_needs_no_code_when_new():
    repo = FakeServiceRequests()
    vm = ServiceFormViewModel(repo=repo, service=CHECK, customer_code=CODE)
    vm.set("reason", "Số nhảy")
    assert await vm.submit() and not vm.must_sign
    new = ServiceFormViewModel(
        repo=repo, service=NORM.model_copy(update={"needs_code": False}), customer_code=CODE
    )
    new.values = {"residents": "1", "effective_date": "2026-12-03"}
    await new.submit()
    assert repo.calls[-1][2] is None


async def test_my_requests_and_the_detail_cancel_and_messages():
    repo = FakeServiceRequests()
    mine = MyRequestsViewModel(repo=repo)
    await mine.load()
    assert mine.loaded and mine.items[0].status == "scheduled"
    vm = RequestDetailViewModel(repo=repo, request_id=7)
    await vm.load()
    assert vm.can_cancel
    vm.ask_cancel()
    assert vm.confirming_cancel
    assert await vm.cancel()
    assert vm.request.status == "cancelled" and not vm.can_cancel and not vm.confirming_cancel
    vm.draft = "   "
    assert not await vm.send_message() and vm.field_errors == {"message": "required"}
    vm.draft = "Chiều nay có nhà"
    assert await vm.send_message() and vm.draft == ""
    assert ("message", 7, "Chiều nay có nhà") in repo.calls


async def test_cancel_refused_once_work_started_shows_the_error():
    repo = FakeServiceRequests(current=request("in_progress"))
    vm = RequestDetailViewModel(repo=repo, request_id=7)
    await vm.load()
    assert not vm.can_cancel
    repo.fail_with = ValidationError(code="invalid_transition", status=409)
    assert not await vm.cancel()
    assert vm.error.code == "invalid_transition"


def test_a_service_notice_deep_links_to_its_request():
    from app.views.notices.deep_links import target_for
    from domain.models import NotificationPublic

    fields = NotificationPublic.model_fields
    base = {
        "id": 1, "kind": "service_request_done", "title": "t", "body": "b",
        "customer_code": CODE, "ref_type": "service_request", "ref_id": "7",
        "created_at": AT, "read_at": None,
    }  # fmt: skip
    notice = NotificationPublic(**{k: v for k, v in base.items() if k in fields})
    assert target_for(notice) == "/services/requests/7"
