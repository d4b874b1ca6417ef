"""Issue 21.5: the switcher listed bare codes. A person names a code; the switcher and the card
show the name first; renaming replaces only that code; a failure keeps the old name."""

from __future__ import annotations

from app.services.errors import OfflineError
from app.views.accounts.view_model import AccountsViewModel
from app.views.accounts.widgets import switcher_title
from tests.app.fakes.accounts import FakeAccounts, account

HOME, MUM = "PE01000123456", "PD01000654321"


async def loaded() -> tuple[AccountsViewModel, FakeAccounts]:
    repo = FakeAccounts(accounts=[account(HOME), account(MUM)])
    vm = AccountsViewModel(repo=repo)
    await vm.load()
    return vm, repo


async def test_naming_a_code_shows_in_the_switcher_and_leaves_the_others():
    vm, _ = await loaded()
    assert await vm.rename(MUM, "  Nhà   mẹ ")
    names = {a.customer_code: a.nickname for a in vm.accounts}
    assert names == {HOME: None, MUM: "Nhà mẹ"}
    mum = next(a for a in vm.accounts if a.customer_code == MUM)
    assert switcher_title(mum) == f"Nhà mẹ · {MUM}"
    assert switcher_title(account(HOME)) == HOME


async def test_a_blank_name_removes_it():
    vm, _ = await loaded()
    await vm.rename(MUM, "Nhà mẹ")
    await vm.rename(MUM, None)
    assert next(a for a in vm.accounts if a.customer_code == MUM).nickname is None


async def test_a_failed_rename_keeps_the_old_name_and_says_why():
    vm, repo = await loaded()
    await vm.rename(MUM, "Nhà mẹ")
    repo.fail_with = OfflineError(code="offline")
    assert not await vm.rename(MUM, "Nhà ngoại")
    assert vm.error is not None
    assert next(a for a in vm.accounts if a.customer_code == MUM).nickname == "Nhà mẹ"
