"""View models without a page: fake repositories in, observable state and results out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.app_state import AppState
from app.services.errors import AuthError, NotFoundError, OfflineError, RateLimitedError
from app.services.preferences import MemoryPreferences
from app.views.accounts.view_model import AccountsViewModel, AddAccountViewModel
from app.views.auth.view_model import RegisterViewModel, ResetPasswordViewModel, SignInViewModel
from app.views.guest.view_model import EstimatorViewModel, OutageLookupViewModel, parse_kwh
from tests.app.fakes import FakeAccounts, FakeAuth, FakePublic, account, outage


async def test_sign_in_checks_fields_before_calling():
    auth = FakeAuth()
    vm = SignInViewModel(auth=auth, phone="123", password="")
    assert not await vm.submit()
    assert vm.field_errors == {"phone": "phone", "password": "required"}
    assert vm.error.code == "check_fields" and auth.calls == []


async def test_sign_in_with_password_and_busy_flag():
    auth = FakeAuth()
    vm = SignInViewModel(auth=auth, phone="0901234567", password="DienNha@2025")
    seen: list[bool] = []

    def listener(sender, name):  # held here: observables keep only weak references
        if name == "busy":
            seen.append(sender.busy)

    vm.subscribe(listener)
    assert await vm.submit()
    assert auth.calls == [("sign_in", "0901234567", "DienNha@2025")]
    assert seen == [True, False] and vm.error is None


async def test_wrong_password_shows_the_server_code():
    vm = SignInViewModel(
        auth=FakeAuth(fail_with=AuthError(code="invalid_credentials")),
        phone="0901234567",
        password="x",
    )
    assert not await vm.submit()
    assert vm.error.code == "invalid_credentials" and not vm.busy


async def test_sign_in_with_otp_needs_a_sent_code():
    auth = FakeAuth()
    vm = SignInViewModel(auth=auth, phone="0901234567")
    vm.set_mode("otp")
    assert await vm.send_otp() and vm.otp_sent and vm.notice == "auth.otp_sent"
    vm.otp = "12345"
    assert not await vm.submit() and vm.field_errors == {"otp": "otp"}
    vm.otp = " 123456 "
    assert await vm.submit()
    assert auth.calls[-1] == ("sign_in_otp", "0901234567", "123456")


def test_kiosk_sign_in_is_otp_only():
    vm = SignInViewModel(auth=FakeAuth(), otp_only=True)
    vm.set_mode("password")
    assert vm.mode == "otp"


async def test_rate_limited_otp_keeps_form_usable():
    limited = RateLimitedError(code="rate_limited")
    limited.retry_after_s = 120
    vm = SignInViewModel(auth=FakeAuth(fail_with=limited), phone="0901234567")
    assert not await vm.send_otp()
    assert not vm.otp_sent and vm.error is limited and not vm.busy


async def test_register_requires_consent_and_a_real_password():
    auth = FakeAuth()
    vm = RegisterViewModel(
        auth=auth, phone="0912345678", otp="123456", full_name=" Bình ", password="short"
    )
    assert not await vm.submit()
    assert vm.field_errors == {"password": "password_short", "consent": "consent"}
    vm.password, vm.consent = "MatKhau@2025", True
    assert await vm.submit()
    assert auth.calls == [("register", "0912345678", "123456", "MatKhau@2025", "Bình", "vi")]


async def test_reset_password_flow():
    auth = FakeAuth()
    vm = ResetPasswordViewModel(auth=auth, phone="0912345678")
    assert await vm.send_otp()
    vm.otp, vm.new_password = "111111", "MatKhauMoi@1"
    assert await vm.submit() and vm.notice == "auth.reset_done"
    assert auth.calls == [
        ("otp", "0912345678", "reset"),
        ("reset", "0912345678", "111111", "MatKhauMoi@1"),
    ]


def test_parse_kwh():
    assert parse_kwh("150") == Decimal(150)
    assert parse_kwh(" 150,5 ") == Decimal("150.5")
    for bad in ("", "abc", "-1", "100001", "1.2345", "NaN", "inf"):
        assert parse_kwh(bad) is None, bad


async def test_estimator_defaults_to_last_month_and_estimates():
    public = FakePublic()
    vm = EstimatorViewModel(public=public, today=date(2025, 3, 15))
    assert (vm.period_start, vm.period_end) == (date(2025, 2, 1), date(2025, 2, 28))
    vm.kwh_text, vm.households_text = "150", "2"
    assert await vm.estimate()
    assert vm.result.total == 324000
    assert public.calls == [("estimate", Decimal(150), date(2025, 2, 1), date(2025, 2, 28), 2)]
    vm.set_period(start=date(2025, 2, 5))
    assert vm.result is None  # a changed period invalidates the old answer


async def test_estimator_refuses_bad_input():
    public = FakePublic()
    vm = EstimatorViewModel(
        public=public, today=date(2025, 3, 15), kwh_text="x", households_text="0"
    )
    vm.set_period(start=date(2025, 3, 1), end=date(2025, 2, 1))
    assert not await vm.estimate()
    # Issue 21.4: under the names of the fields that show them (kwh_text, households_text).
    assert vm.field_errors == {
        "kwh_text": "kwh",
        "households_text": "households",
        "period": "period",
    }
    assert public.calls == []


async def test_estimator_drops_the_old_result_when_the_new_input_is_wrong():
    vm = EstimatorViewModel(public=FakePublic(), today=date(2025, 3, 15), kwh_text="150")
    assert await vm.estimate() and vm.result is not None
    vm.kwh_text = "abc"
    assert not await vm.estimate()
    assert vm.result is None and vm.field_errors == {"kwh_text": "kwh"}


async def test_estimator_warns_about_an_implausible_household_usage():
    vm = EstimatorViewModel(public=FakePublic(), today=date(2025, 3, 15), kwh_text="99999")
    assert await vm.estimate()
    assert vm.warning == "estimate.unusual_kwh"
    vm.kwh_text = "350"
    assert await vm.estimate() and vm.warning is None


async def test_outage_look_up_of_another_code_forgets_the_previous_results():
    public = FakePublic(outage_list=[outage()])
    vm = OutageLookupViewModel(public=public, code="PE01000123456")
    assert await vm.look_up() and len(vm.outages) == 1
    public.fail_with = NotFoundError(code="customer_code_not_found", status=404)
    vm.code = "PE09999999999"
    assert not await vm.look_up()
    assert vm.outages == [] and vm.looked_up is None
    vm.code = "abc"
    assert not await vm.look_up()
    assert vm.outages == [] and vm.looked_up is None


async def test_outage_look_up_normalises_code_and_reports_none():
    public = FakePublic()
    vm = OutageLookupViewModel(public=public, code="pe01 000 123456")
    assert await vm.look_up()
    assert public.calls == [("outages", "PE01000123456")]
    assert vm.looked_up == "PE01000123456" and vm.outages == []
    public.outage_list = [outage()]
    assert await vm.look_up() and len(vm.outages) == 1


async def test_outage_look_up_offline():
    vm = OutageLookupViewModel(
        public=FakePublic(fail_with=OfflineError(code="offline")), code="PE01000123456"
    )
    assert not await vm.look_up()
    assert vm.error.code == "offline" and vm.looked_up is None


async def test_accounts_prefer_an_approved_owned_code_and_switch():
    repo = FakeAccounts(
        [
            account("PD01000654321", role="member", status="pending"),
            account("PE02000777888", role="member", status="approved"),
            account("PE01000123456", role="owner", status="approved"),
        ]
    )
    vm = AccountsViewModel(repo=repo)
    await vm.load()
    assert vm.loaded and vm.selected_code == "PE01000123456"
    vm.select("PD01000654321")
    assert vm.selected.status == "pending"
    vm.select("PX00000000000")  # not one of theirs: ignored
    assert vm.selected_code == "PD01000654321"
    await vm.load()  # reload keeps the choice
    assert vm.selected_code == "PD01000654321"


async def test_adding_a_code_shows_it_pending_and_selects_it():
    repo = FakeAccounts([account()])
    accounts = AccountsViewModel(repo=repo)
    await accounts.load()
    form = AddAccountViewModel(repo=repo, code="pd01000654321", note="Con gái")
    assert await form.submit()
    assert form.result.status == "pending" and repo.requests == [("pd01000654321", "Con gái")]
    accounts.added(form.result)
    assert accounts.selected_code == "PD01000654321"
    assert [a.status for a in accounts.accounts] == ["approved", "pending"]


async def test_adding_an_invalid_or_unknown_code():
    repo = FakeAccounts(fail_with=NotFoundError(code="account_not_found"))
    form = AddAccountViewModel(repo=repo, code="123")
    assert not await form.submit() and form.field_errors == {"code": "customer_code"}
    form.code = "PE09999999999"
    assert not await form.submit() and form.error.code == "account_not_found"


async def test_app_state_session_preferences_and_offline():
    auth, prefs = FakeAuth(resumes=True), MemoryPreferences()
    state = AppState(auth=auth, prefs=prefs)
    state.restore_preferences("vi")
    assert (state.locale, state.theme, state.session) == ("vi", "system", "starting")
    await state.start()
    assert state.session == "signed_in"
    state.set_locale("en")
    state.set_theme("dark")
    assert (prefs.load().locale, prefs.load().theme) == ("en", "dark")
    state.report_connectivity("offline")
    assert state.offline and state.connection == "offline"
    token = state.reload_token
    state.retry()
    assert not state.offline and state.reload_token == token + 1
    state.session_lost()
    assert state.session == "signed_out" and state.error == "session_expired"


async def test_back_online_reloads_the_screens_and_retries_back_off():
    """Issue 21.2: cards left in error reload by themselves once the service answers again,
    and while it does not, retries come at growing intervals (2, 4, 8 … 30 s)."""
    state = AppState(auth=FakeAuth(resumes=True), prefs=MemoryPreferences())
    state.report_connectivity("unavailable")
    assert state.offline and state.connection == "unavailable"
    token = state.reload_token
    state.report_connectivity("ok")
    assert not state.offline and state.reload_token == token + 1  # the cards try again
    state.report_connectivity("ok")
    assert state.reload_token == token + 1  # only on the way back, not on every call

    slept: list[float] = []
    state.report_connectivity("offline")

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 6:
            state.report_connectivity("ok")  # the next reload succeeds

    before = state.reload_token
    await state.keep_retrying(sleep)
    assert slept == [2, 4, 8, 16, 30, 30]
    assert state.reload_token > before and not state.offline


@pytest.mark.parametrize("everywhere", [False, True])
async def test_sign_out_always_ends_locally(everywhere):
    auth = FakeAuth(fail_with=OfflineError(code="offline"))
    state = AppState(auth=auth, prefs=MemoryPreferences(), session="signed_in")
    await state.sign_out(everywhere=everywhere)
    assert state.session == "signed_out" and state.error == "offline"
    assert auth.calls == [("sign_out", everywhere)]


def test_text_size_is_a_kept_preference(tmp_path):
    """Issue 21.7: older people need larger text; the choice is kept like the theme."""
    from app.services.preferences import FilePreferences

    prefs = FilePreferences(tmp_path)
    state = AppState(auth=FakeAuth(), prefs=prefs)
    state.restore_preferences("vi")
    assert state.large_text is False
    state.set_large_text(True)
    again = AppState(auth=FakeAuth(), prefs=FilePreferences(tmp_path))
    again.restore_preferences("vi")
    assert again.large_text is True


async def test_a_new_session_takes_the_language_of_the_profile():
    """Issue 21.9: the language belongs to the person's profile. A fresh session (a web tab
    keeps nothing) follows the profile; a choice made on this device wins over it."""
    fresh = AppState(auth=FakeAuth(), prefs=MemoryPreferences())
    fresh.restore_preferences("vi")
    assert not fresh.locale_chosen
    fresh.adopt_profile_language("en")
    assert fresh.locale == "en" and not fresh.locale_chosen

    chosen = AppState(auth=FakeAuth(), prefs=MemoryPreferences())
    chosen.restore_preferences("vi")
    chosen.set_locale("en")
    chosen.adopt_profile_language("vi")
    assert chosen.locale == "en" and chosen.locale_chosen
