"""The account switcher and adding a customer code."""

from __future__ import annotations

from app.services.errors import NotFoundError
from app.views.accounts.view_model import AccountsViewModel, AddAccountViewModel
from tests.app.fakes import FakeAccounts, account


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
