"""Đổi mật khẩu in Settings (issue 21.3): checks before sending, the server's answer on the
right field, and the new-sign-in notice leading here."""

from __future__ import annotations

from app.services.errors import ValidationError
from app.views.notices.deep_links import target_for
from app.views.settings.password_view_model import PasswordChangeViewModel
from domain.models import NotificationPublic
from tests.app.fakes import FakeProfile


async def test_fields_are_checked_before_anything_is_sent():
    repo = FakeProfile()
    vm = PasswordChangeViewModel(repo=repo)
    vm.new_password, vm.confirm = "short", "other"
    assert not await vm.submit()
    assert vm.field_errors == {
        "current_password": "required",
        "new_password": "password_short",
        "confirm": "password_mismatch",
    }
    assert repo.passwords == []


async def test_a_wrong_current_password_marks_that_field():
    wrong = ValidationError(code="wrong_password", status=400, fields={"current_password": "wrong"})
    vm = PasswordChangeViewModel(repo=FakeProfile(fail_with=wrong))
    vm.current_password, vm.new_password, vm.confirm = (
        "old-pass",
        "Moi-mat-khau-9",
        "Moi-mat-khau-9",
    )
    assert not await vm.submit()
    assert vm.field_errors == {"current_password": "wrong_password"}
    assert vm.error and vm.error.code == "wrong_password"


async def test_success_says_other_devices_were_signed_out_and_clears_the_fields():
    repo = FakeProfile()
    vm = PasswordChangeViewModel(repo=repo)
    vm.current_password, vm.new_password, vm.confirm = (
        "old-pass",
        "Moi-mat-khau-9",
        "Moi-mat-khau-9",
    )
    assert await vm.submit()
    assert repo.passwords == [("old-pass", "Moi-mat-khau-9")]
    assert vm.notice == "settings.password_changed"
    assert (vm.current_password, vm.new_password, vm.confirm) == ("", "", "")


def test_the_new_sign_in_notice_opens_change_password():
    notice = NotificationPublic.model_validate(
        {
            "id": 1,
            "kind": "new_sign_in",
            "title": "Đăng nhập mới",
            "body": "…hãy đổi mật khẩu…",
            "created_at": "2026-11-20T01:00:00Z",
        }
    )
    assert target_for(notice) == "/settings/password"
