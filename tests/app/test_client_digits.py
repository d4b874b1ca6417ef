"""Issue 14.5 on the device: Python's isdigit(), int() and `\\d` take Arabic-Indic, Devanagari,
fullwidth and superscript digits. The server refuses them anyway, but the client must not
send them as if valid, show a wrong number back, or crash on them (int("²") raises)."""

from __future__ import annotations

from datetime import date

import pytest

from app.views.auth.view_model import check_otp
from app.views.guest.view_model import EstimatorViewModel
from app.views.notices.deep_links import target_for
from app.views.rooms.owner_view_model import RoomsViewModel, parse_day, parse_month
from app.views.route_ids import route_id
from app.views.services.form_rules import PHONE, check_field
from app.views.services.view_model import ServiceFormViewModel
from tests.app.fakes import FakePublic, FakeRooms, account, notice
from tests.app.fakes.services import CODE, NORM, FakeServiceRequests
from tests.app.views.rooms.test_rooms_view_models import _accounts

# Six in each script, so each is a well-formed one-time code to isdigit() and \d.
SIX = {
    "arabic-indic": "١٢٣٤٥٦",
    "devanagari": "१२३४५६",
    "fullwidth": "１２３４５６",
    "superscript": "¹²³⁴⁵⁶",
}


@pytest.mark.parametrize("script", SIX)
def test_one_time_codes_and_numbers_in_other_digits_are_refused(script):
    six = SIX[script]
    assert check_otp(six) == "otp"
    residents, _day = NORM.fields
    assert check_field(residents, six[:2]) == (None, "not_number")
    assert not PHONE.fullmatch("09" + six + "12")
    assert parse_day(f"{six[:1]}/3/2026") is None and parse_month(f"03/{six[:4]}") is None
    assert route_id(six) == 0
    assert target_for(notice(1, "bill_issued", ref_type="bill", ref_id=six)) is None


def test_route_ids_read_ascii_digits_only():
    assert route_id("97") == 97
    for bad in ("", "x", "²", "-1", "9" * 40):
        assert route_id(bad) == 0, bad


@pytest.mark.parametrize("script", SIX)
async def test_the_estimator_refuses_households_in_other_digits(script):
    public = FakePublic()
    vm = EstimatorViewModel(
        public=public, today=date(2025, 3, 15), kwh_text="150", households_text=SIX[script][:1]
    )
    assert not await vm.estimate()
    assert vm.field_errors == {"households_text": "households"} and public.calls == []


@pytest.mark.parametrize("script", SIX)
async def test_signing_refuses_a_code_in_other_digits_without_sending_it(script):
    repo = FakeServiceRequests()
    vm = ServiceFormViewModel(repo=repo, service=NORM, customer_code=CODE)
    vm.set("residents", "6")
    vm.set("effective_date", "2026-12-03")
    assert await vm.submit()
    vm.otp = SIX[script]
    assert not await vm.sign() and vm.field_errors == {"otp": "bad_format"}
    assert not [c for c in repo.calls if c[0] == "sign"]


@pytest.mark.parametrize("script", SIX)
async def test_a_room_for_residents_in_other_digits_is_refused(script):
    repo = FakeRooms()
    vm = RoomsViewModel(repo=repo, accounts=await _accounts(account("PE01000123456")))
    vm.name, vm.residents, vm.moved_in = "Phòng 1", SIX[script][:1], "1/3/2026"
    assert not await vm.add()
    assert vm.field_errors == {"residents": "residents"}
