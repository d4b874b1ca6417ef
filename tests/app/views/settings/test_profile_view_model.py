"""Cài đặt (signed in): channels and consents per purpose, e-mail, devices, export, erasure."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
import pytest

from app.app_state import AppState
from app.i18n import catalogue
from app.services.accounts_repository import AccountsRepository
from app.services.auth_repository import AuthRepository
from app.services.errors import ValidationError
from app.services.notice_feed import NoticeFeed
from app.services.notice_repository import NoticeRepository
from app.services.preferences import MemoryPreferences
from app.services.profile_repository import ProfileRepository
from app.views.accounts.view_model import AccountsViewModel
from app.views.notices.view_model import NoticeCenter
from app.views.settings.profile_view_model import (
    CHANNELS,
    PURPOSES,
    ProfileSettingsViewModel,
    phone_digits,
)
from domain.models.auth import Channels
from tests.app.fake_backend import BASE, FakeBackend, tokens
from tests.app.fakes import FakeProfile, user

AT = datetime(2026, 11, 24, 3, tzinfo=UTC)


async def loaded(**me) -> tuple[ProfileSettingsViewModel, FakeProfile]:
    repo = FakeProfile(me_now=user(**me))
    vm = ProfileSettingsViewModel(repo=repo)
    await vm.load()
    return vm, repo


async def test_turning_a_channel_on_gives_its_consent_in_the_same_act():
    vm, repo = await loaded()
    assert await vm.set_channel("sms", True)
    assert repo.updates[-1]["consents"] == {"notices_sms": True}
    assert repo.updates[-1]["channels"].sms is True
    assert vm.channel_on("sms") and vm.consent_given("notices_sms") and vm.notice == "privacy.saved"
    assert await vm.set_channel("sms", False)  # off again: the consent stays until withdrawn
    assert repo.updates[-1].get("consents") is None and vm.consent_given("notices_sms")
    assert await vm.set_channel("push", False)
    assert repo.updates[-1].get("consents") is None  # push needs no separate consent


async def test_email_channel_needs_an_address_first():
    vm, repo = await loaded()
    assert not await vm.set_channel("email", True)
    assert vm.field_errors == {"email": "email_needed"} and repo.updates == []
    vm.email_text = "an@"
    assert not await vm.save_email()
    assert vm.field_errors == {"email": "email"} and repo.updates == []
    vm.email_text = " an@example.vn "
    assert await vm.save_email()
    assert repo.updates[-1] == {"email": "an@example.vn"}
    assert await vm.set_channel("email", True)
    assert vm.channel_on("email") and vm.consent_given("notices_email")


async def test_clearing_the_email_switches_the_email_channel_off():
    vm, repo = await loaded(
        email="an@example.vn",
        channels=Channels(email=True),
        consents={"service": True, "notices_email": True},
    )
    vm.email_text = ""
    assert await vm.save_email()
    assert repo.updates[-1]["clear_email"] is True
    assert repo.updates[-1]["channels"].email is False and not vm.channel_on("email")


async def test_withdrawing_asks_first_then_turns_the_channel_off_too():
    vm, repo = await loaded(
        channels=Channels(zalo=True), consents={"service": True, "notices_zalo": True}
    )
    assert not await vm.set_consent("notices_zalo", False)
    assert vm.withdrawing == "notices_zalo" and repo.updates == []  # nothing sent yet
    assert vm.consent_given("notices_zalo") and not vm.consent_shown("notices_zalo")
    vm.cancel_withdraw()
    assert vm.consent_shown("notices_zalo")  # the switch goes back on
    assert not await vm.confirm_withdraw() and repo.updates == []
    await vm.set_consent("notices_zalo", False)
    assert await vm.confirm_withdraw()
    assert repo.updates[-1]["consents"] == {"notices_zalo": False}
    assert repo.updates[-1]["channels"].zalo is False
    assert not vm.consent_given("notices_zalo") and not vm.channel_on("zalo")
    assert vm.notice == "privacy.consent_withdrawn"


async def test_giving_marketing_consent_is_immediate_and_a_refusal_is_shown():
    vm, repo = await loaded()
    assert await vm.set_consent("marketing", True)
    assert repo.updates[-1] == {"consents": {"marketing": True}}
    repo.fail_with = ValidationError(code="service_consent", status=409)
    assert not await vm.set_consent("notices_sms", True)
    assert vm.error.code == "service_consent"


async def test_language_follows_the_app_and_devices_sign_out():
    vm, repo = await loaded()
    await vm.sync_language("vi")
    assert repo.updates == []
    await vm.sync_language("en")
    assert repo.updates == [{"language": "en"}]
    assert await vm.end_session(vm.sessions[1])
    assert repo.ended == [2] and [s.id for s in vm.sessions] == [1]
    assert await vm.export() == b"{}"


def test_phone_digits_accepts_the_forms_people_type():
    assert phone_digits("0901 234 567") == phone_digits("+84901234567") == "0901234567"
    assert phone_digits("84-901-234-567") == "0901234567"


async def test_delete_needs_the_right_phone_typed():
    vm, repo = await loaded()
    after_calls: list[int] = []

    async def after() -> None:
        after_calls.append(1)

    vm.ask_delete()
    vm.delete_confirm_text = "0912345678"
    assert not vm.delete_confirmed
    assert not await vm.delete_account(after)
    assert not repo.deleted and vm.field_errors == {"delete_confirm": "phone_mismatch"}
    vm.delete_confirm_text = "0901 234 567"
    assert vm.delete_confirmed
    assert await vm.delete_account(after)
    assert repo.deleted and after_calls == [1] and not vm.deleting and vm.user is None


async def test_deleting_the_account_wipes_everything_on_the_device(
    api, backend: FakeBackend, store
):
    """The real stack over a scripted backend: DELETE /me, then the session, accounts and
    inbox are gone and the refresh token is no longer stored."""
    me = user().model_dump(mode="json")
    backend.on("POST", "auth/login", lambda r: httpx.Response(200, json=tokens(1)))
    backend.on("GET", "me", me)
    backend.on("GET", "me/sessions", [])
    backend.on("DELETE", "me", 204)
    backend.on(
        "GET",
        "accounts",
        [
            {
                "customer_code": "PE01000123456",
                "role": "owner",
                "status": "approved",
                "name": "Nguyễn Văn An",
                "address": "12 Nguyễn Huệ",
                "meter_type": "ami",
                "link_id": 1,
            }
        ],
    )
    backend.on(
        "GET",
        "notifications",
        {"items": [json.loads(_NOTICE)], "next_cursor": None, "unread_count": 1},
    )
    logouts: list[httpx.Request] = []
    backend.on("POST", "auth/logout", lambda r: logouts.append(r) or httpx.Response(204))

    auth = AuthRepository(api)
    state = AppState(auth=auth, prefs=MemoryPreferences())
    accounts = AccountsViewModel(repo=AccountsRepository(api))
    notices_repo = NoticeRepository(api, BASE, transport=httpx.MockTransport(backend))
    center = NoticeCenter(repo=notices_repo, feed=NoticeFeed(notices_repo))
    center.follow_session(state)
    await auth.sign_in("0901234567", "DienNha@2025")
    state.signed_in()
    await accounts.load()
    await center.load()
    assert accounts.accounts and center.unread_count == 1 and await store.load()

    vm = ProfileSettingsViewModel(repo=ProfileRepository(api))
    await vm.load()

    async def wipe() -> None:  # what the settings screen does after a successful erasure
        await state.sign_out()
        accounts.clear()

    vm.ask_delete()
    vm.delete_confirm_text = "0901234567"
    assert await vm.delete_account(wipe)
    for _ in range(50):
        await asyncio.sleep(0)
    assert "DELETE me" in backend.paths()
    assert logouts == []  # the account is gone: nothing left to revoke on the server
    assert await store.load() is None and api.credentials.access_token is None
    assert state.session == "signed_out" and state.error is None
    assert accounts.accounts == [] and not accounts.loaded
    assert center.items == [] and center.unread_count == 0 and not center.live
    await notices_repo.aclose()


_NOTICE = json.dumps(
    {
        "id": 1,
        "kind": "bill_issued",
        "title": "Hóa đơn",
        "body": "…",
        "created_at": "2026-11-24T03:00:00Z",
    }
)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_every_channel_and_purpose_is_explained(locale):
    messages = catalogue(locale)
    for name in CHANNELS:
        assert f"channels.{name}" in messages and f"channels.{name}_help" in messages
    for purpose in PURPOSES:
        for key in (f"privacy.purpose.{purpose}", f"privacy.purpose.{purpose}_help"):
            assert key in messages
        assert f"privacy.withdraw.{purpose}" in messages
    assert catalogue("vi")["privacy.export"] == "Xuất dữ liệu của tôi"
    assert catalogue("vi")["privacy.delete"] == "Xóa tài khoản"
    assert catalogue("en")["privacy.export"] == "Export my data"


async def test_profile_repository_sends_only_what_changed(api, backend: FakeBackend):
    api.credentials._access_token = "access-1"
    sent: list[dict] = []
    backend.on(
        "PATCH",
        "me",
        lambda r: (
            sent.append(json.loads(r.content))
            or httpx.Response(200, json=user().model_dump(mode="json"))
        ),
    )
    backend.on("GET", "me/data-export", {"profile": {"full_name": "Nguyễn Văn An"}})
    backend.on("DELETE", "me/sessions/2", 204)
    repo = ProfileRepository(api)
    await repo.update(consents={"marketing": False})
    await repo.update(clear_email=True)
    await repo.update(channels=Channels(sms=True), language="en")
    assert sent == [
        {"consents": {"marketing": False}},
        {"email": None},
        {"channels": {"email": False, "sms": True, "zalo": False, "push": True}, "language": "en"},
    ]
    exported = await repo.data_export()
    assert "Nguyễn Văn An" in exported.decode("utf-8")  # readable, not \\u escapes
    await repo.end_session(2)
    assert backend.paths()[-1] == "DELETE me/sessions/2"
