"""Link approval view model: approve / deny / revoke / leave, confirmation, 409s, refreshes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.i18n import Translator, catalogue
from app.services.errors import ValidationError
from app.views.accounts.view_model import AccountsViewModel
from app.views.links.dialogs import done_message
from app.views.links.view_model import LinksViewModel, local_phone
from domain.models import AuditRecord
from tests.app.fakes import FakeAccounts, FakeLinks, account, link

CODE, OTHER = "PE01000123456", "PD01000654321"
AT = datetime(2026, 11, 21, 3, tzinfo=UTC)


def owner_world(**links_kwargs) -> tuple[LinksViewModel, FakeLinks, FakeAccounts]:
    accounts_repo = FakeAccounts(
        accounts=[account(OTHER), account(CODE), account("PE02000777888", "member", "pending")]
    )
    repo = FakeLinks(
        by_code={
            CODE: [
                link(1, "approved", "owner", "Nguyễn Văn An"),
                link(4, "pending"),
                link(5, "approved", name="Lê Minh Châu"),
            ],
            OTHER: [],
        },
        **links_kwargs,
    )
    accounts = AccountsViewModel(repo=accounts_repo)
    return LinksViewModel(repo=repo, accounts=accounts), repo, accounts_repo


async def loaded_owner() -> tuple[LinksViewModel, FakeLinks, FakeAccounts]:
    vm, repo, accounts_repo = owner_world()
    await vm.accounts.load()
    vm.accounts.select(OTHER)
    await vm.load()
    return vm, repo, accounts_repo


async def test_owner_sees_pending_and_linked_people_of_every_owned_code():
    vm, repo, _ = await loaded_owner()
    assert vm.owned_codes == [OTHER, CODE]  # the selected code first
    assert {c for op, c in repo.calls if op == "links"} == {CODE, OTHER}
    assert [lk.id for lk in vm.pending(CODE)] == [4]
    assert [lk.id for lk in vm.linked(CODE)] == [5]  # the owner's own link is not listed
    assert vm.all_pending == [(CODE, vm.pending(CODE)[0])]
    assert [a.customer_code for a in vm.my_requests] == ["PE02000777888"]


async def test_approve_asks_first_then_decides_refreshes_and_reports():
    vm, repo, accounts_repo = await loaded_owner()
    pending = vm.pending(CODE)[0]
    vm.ask("approve", CODE, pending)
    assert vm.asking is not None and ("approve", CODE, 4) not in repo.calls  # nothing yet
    accounts_repo.accounts.append(account("PE03000000001"))  # the account list changed meanwhile
    assert await vm.confirm()
    assert ("approve", CODE, 4) in repo.calls and vm.asking is None
    assert vm.done is not None and vm.done.action == "approve" and vm.error is None
    assert vm.pending(CODE) == [] and [lk.id for lk in vm.linked(CODE)] == [4, 5]
    assert any(a.customer_code == "PE03000000001" for a in vm.accounts.accounts)
    message = done_message(Translator("vi"), vm.done)
    assert "Trần Thị Bình" in message and "0912 345 678" in message and CODE in message


@pytest.mark.parametrize(
    ("action", "lid", "status"), [("deny", 4, "denied"), ("revoke", 5, "revoked")]
)
async def test_deny_and_revoke(action, lid, status):
    vm, repo, _ = await loaded_owner()
    target = next(lk for lk in repo.by_code[CODE] if lk.id == lid)
    vm.ask(action, CODE, target)
    assert await vm.confirm()
    assert (action, CODE, lid) in repo.calls
    assert [lk.status for lk in vm.past(CODE)] == [status]


async def test_cancel_does_nothing():
    vm, repo, _ = await loaded_owner()
    vm.ask("deny", CODE, vm.pending(CODE)[0])
    vm.cancel()
    assert not await vm.confirm()
    assert not any(c[0] == "deny" for c in repo.calls) and vm.done is None


async def test_conflict_shows_the_translated_reason_and_what_is_true_now():
    vm, repo, _ = await loaded_owner()
    pending = vm.pending(CODE)[0]
    # Someone else (another owner device) denied it meanwhile: the server answers 409.
    repo.by_code[CODE] = [
        lk.model_copy(update={"status": "denied"}) if lk.id == 4 else lk
        for lk in repo.by_code[CODE]
    ]
    repo.fail_with = ValidationError(code="invalid_link_state", status=409)
    vm.ask("approve", CODE, pending)
    assert not await vm.confirm()
    assert vm.error.code == "invalid_link_state" and vm.done is None
    assert vm.pending(CODE) == [] and [lk.status for lk in vm.past(CODE)] == ["denied"]
    assert Translator("vi").error(vm.error) == "Yêu cầu liên kết này đã được xử lý."
    assert Translator("en").error(vm.error) != Translator("en").t("error.generic")


async def test_member_leaves_and_the_code_goes_from_the_list():
    vm, repo, accounts_repo = await loaded_owner()
    vm.ask("leave", "PE02000777888")
    accounts_repo.accounts = [
        a for a in accounts_repo.accounts if a.customer_code != "PE02000777888"
    ]
    assert await vm.confirm()
    assert ("leave", "PE02000777888") in repo.calls
    assert vm.my_requests == []
    assert done_message(Translator("vi"), vm.done) == "Bạn đã rời khỏi mã PE02000777888."


async def test_owner_cannot_leave_own_code_is_explained():
    vm, repo, _ = await loaded_owner()
    repo.fail_with = ValidationError(code="owner_cannot_leave", status=409)
    vm.ask("leave", CODE)
    assert not await vm.confirm()
    assert "Chủ hợp đồng" in Translator("vi").error(vm.error)


async def test_audit_is_loaded_on_demand_and_kept_fresh():
    record = AuditRecord(
        id=1,
        at=AT,
        actor="090****567",
        action="link_approved",
        customer_code=CODE,
        subject="091****678",
        purpose="household_data_sharing",
    )
    vm, repo, _ = await loaded_owner()
    repo.audit_rows = [record]
    assert CODE not in vm.audit
    await vm.load_audit(CODE)
    assert vm.audit[CODE] == [record]
    vm.ask("revoke", CODE, vm.linked(CODE)[0])
    repo.calls.clear()
    await vm.confirm()
    assert ("audit", CODE) in repo.calls  # an open history shows the new record too


async def test_a_member_only_person_has_nothing_to_decide():
    accounts = AccountsViewModel(repo=FakeAccounts(accounts=[account(CODE, "member", "pending")]))
    vm = LinksViewModel(repo=FakeLinks(), accounts=accounts)
    await accounts.load()
    await vm.load()
    assert vm.loaded and vm.owned_codes == [] and vm.all_pending == []
    assert vm.repo.calls == []  # members may not list links: no 403s on the way


def test_phone_shown_the_vietnamese_way():
    assert local_phone("+84912345678") == "0912 345 678"
    assert local_phone("12345") == "12345"


def test_link_words_exist_in_both_languages():
    for locale in ("vi", "en"):
        messages = catalogue(locale)
        for action in ("approve", "deny", "revoke", "leave"):
            assert f"links.{action}" in messages
            assert f"links.done.{action}" in messages
            assert f"links.confirm.{action}.title" in messages
            assert f"links.confirm.{action}.body" in messages
    vi = catalogue("vi")
    assert (vi["links.approve"], vi["links.deny"], vi["links.revoke"], vi["links.leave"]) == (
        "Duyệt",
        "Từ chối",
        "Thu hồi",
        "Rời khỏi",
    )
    assert (
        vi["links.audit"] == "Nhật ký liên kết" and catalogue("en")["links.audit"] == "Link history"
    )


async def test_home_counts_the_linked_people_of_the_selected_code_only():
    """Issue 21.5: "Người liên kết (1)" on OTHER counted CODE's people."""
    vm, _, _ = await loaded_owner()  # OTHER selected: nobody linked to it
    assert vm.selected_linked_count == 0
    vm.accounts.select(CODE)
    assert vm.selected_linked_count == 1
    vm.accounts.select("PE02000777888")  # a code the person does not own
    assert vm.selected_linked_count is None


def test_own_codes_carry_the_owner_badge_not_approved():
    """Issue 21.5: on one's own code "Đã duyệt" says nothing; the switcher names the place."""
    from app.views.accounts.widgets import badge_key, switcher_subtitle

    vi = Translator("vi")
    own = account(CODE)
    asked = account("PE02000777888", "member", "pending")
    assert badge_key(own) == "link.role.owner"
    assert badge_key(asked) == "link.status.pending"
    assert badge_key(account(OTHER, "member", "approved")) == "link.status.approved"
    assert switcher_subtitle(vi, own) == "12 Lê Lợi"
    assert switcher_subtitle(vi, asked) == vi.t("link.status.pending")


def test_a_pending_request_is_cancelled_not_left_and_the_masked_name_reads_as_initials():
    """Issue 21.6: "Rời khỏi" on a request nobody approved yet, and "N***** V** A*"."""
    from app.views.accounts.widgets import display_name
    from app.views.links.widgets import leave_key

    vi, en = Translator("vi"), Translator("en")
    pending = account(CODE, "member", "pending").model_copy(update={"name": "N***** V** A*"})
    assert display_name(vi, pending) == "N. V. A. (tên đầy đủ hiện khi được duyệt)"
    assert display_name(en, pending) == "N. V. A. (full name shown once approved)"
    assert display_name(vi, account(CODE)) == "Nguyễn Văn An"
    assert vi.t(leave_key("pending")) == "Hủy yêu cầu"
    assert vi.t(leave_key("approved")) == "Rời khỏi"
    assert "chưa duyệt" in vi.t("accounts.note.pending")  # what to do if nobody answers


def test_the_link_history_shows_the_owner_his_own_phone():
    """Issue 21.12: the history masked the owner's own number to him ("090****567")."""
    from app.views.links.widgets import audit_who

    vi = Translator("vi")
    record = AuditRecord(
        id=1,
        at=AT,
        actor="090****567",
        action="link_approved",
        customer_code=CODE,
        subject="091****678",
        purpose="household_data_sharing",
    )
    who = audit_who(vi, record, own_phone="+84901234567")
    assert "0901 234 567" in who and "090****567" not in who and "091****678" in who
    assert "090****567" in audit_who(vi, record, own_phone=None)
