"""Rented rooms (owner) and My room (tenant) view models, against the fake rooms repository."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.services.errors import AppError
from app.views.accounts.view_model import AccountsViewModel
from app.views.links.view_model import LinksViewModel
from app.views.rooms.owner_view_model import RoomsViewModel, parse_day, parse_month
from app.views.rooms.tenant_view_model import MyRoomViewModel, compare
from domain.models.rooms import MyRoom, RoomInvitation
from tests.app.fakes import FakeAccounts, FakeLinks, FakeRooms, account, link, room, share

CODE, OTHER = "PE01000123456", "PE02000777888"


async def _accounts(*accounts) -> AccountsViewModel:
    vm = AccountsViewModel(repo=FakeAccounts(accounts=list(accounts)))
    await vm.load()
    return vm


async def test_tenant_links_stay_out_of_the_household_switcher():
    accounts = await _accounts(account(OTHER, "tenant"), account(CODE))
    assert [a.customer_code for a in accounts.accounts] == [CODE]
    assert [a.customer_code for a in accounts.tenancies] == [OTHER]
    assert accounts.selected_code == CODE
    only_tenant = await _accounts(account(OTHER, "tenant"))
    assert only_tenant.selected_code is None


async def test_owner_adds_a_room_and_invites_its_tenant():
    repo = FakeRooms(by_code={CODE: [room(1)]})
    vm = RoomsViewModel(repo=repo, accounts=await _accounts(account(CODE)))
    await vm.load()
    assert [r.id for r in vm.rooms] == [1]
    vm.name, vm.residents, vm.moved_in, vm.invite_phone = "Phòng 2", "5", "01/03/2026", "0912345678"
    assert await vm.add()
    added = repo.calls[-1][2]
    assert (added.residents, added.moved_in, added.invite_phone) == (
        5,
        date(2026, 3, 1),
        "+84912345678",
    )
    assert vm.rooms[-1].households == 2 and vm.rooms[-1].tenant_status == "invited"
    assert vm.name == "" and vm.notice == "rooms.added"
    vm.invite_to[1] = "0987654321"
    assert await vm.invite(1)
    assert repo.calls[-1] == ("invite", CODE, 1, "0987654321")


async def test_the_room_form_is_checked_before_sending():
    repo = FakeRooms()
    vm = RoomsViewModel(repo=repo, accounts=await _accounts(account(CODE)))
    vm.name, vm.residents, vm.moved_in = "", "51", "31/02/2026"
    assert not await vm.add()
    assert vm.field_errors == {"name": "required", "residents": "residents", "moved_in": "date"}
    assert not [c for c in repo.calls if c[0] == "add_room"]


async def test_a_sub_meter_reading_is_sent_as_a_month_and_kwh():
    repo = FakeRooms(by_code={CODE: [room(1)]})
    vm = RoomsViewModel(repo=repo, accounts=await _accounts(account(CODE)))
    await vm.load()
    vm.reading_month[1], vm.reading_kwh[1] = "8/2026", "42,5"
    assert await vm.record(1)
    assert repo.calls[-1] == ("reading", CODE, 1, "2026-08", Decimal("42.5"))
    vm.reading_month[1], vm.reading_kwh[1] = "13/2026", "-1"
    assert not await vm.record(1)
    assert vm.field_errors == {"month_1": "month", "kwh_1": "kwh"}


async def test_a_member_or_tenant_has_no_rooms_to_manage():
    vm = RoomsViewModel(repo=FakeRooms(), accounts=await _accounts(account(CODE, "member")))
    await vm.load()
    assert vm.code is None and vm.loaded and vm.rooms == []


def test_parsers():
    assert parse_day("1/3/2026") == date(2026, 3, 1) and parse_day("2026-03-01") is None
    assert parse_month("03/2026") == "2026-03" and parse_month("0/2026") is None


async def test_a_tenant_reads_their_room_and_shares():
    my = MyRoom(
        customer_code=OTHER, name="Phòng 1", residents=2, households=1,
        moved_in=date(2026, 1, 1), moved_out=None,
    )  # fmt: skip
    repo = FakeRooms(rooms_of_tenant={OTHER: my}, shares_of={OTHER: [share("2026-10")]})
    vm = MyRoomViewModel(repo=repo, accounts=await _accounts(account(OTHER, "tenant")))
    await vm.load()
    assert vm.room == my and [s.period_month for s in vm.shares] == ["2026-10"]
    assert ("rooms", OTHER) not in repo.calls  # never the owner's list


async def test_a_pending_tenant_waits_and_an_invitation_is_accepted():
    invitation = RoomInvitation(room_id=7, customer_code=OTHER, room_name="P7")
    repo = FakeRooms(pending=[invitation])
    accounts_repo = FakeAccounts(accounts=[])
    accounts = AccountsViewModel(repo=accounts_repo)
    await accounts.load()
    vm = MyRoomViewModel(repo=repo, accounts=accounts)
    await vm.load()
    assert vm.invitations == [invitation] and vm.room is None and not vm.waiting
    accounts_repo.accounts = [account(OTHER, "tenant", "pending")]
    assert await vm.accept(7)
    assert vm.invitations == [] and vm.waiting and vm.notice == "my_room.accepted"


async def test_errors_land_in_the_form_state():
    repo = FakeRooms(fail_with=AppError(code="tenant_moved_out", status=403))
    vm = MyRoomViewModel(repo=repo, accounts=await _accounts(account(OTHER, "tenant")))
    await vm.load()
    assert not vm.loaded and vm.error is not None and vm.error.code == "tenant_moved_out"


def test_the_landlords_price_against_the_legal_share():
    s = share("2026-10", kwh="120", amount=300_000)  # 2,500 đ/kWh allowed on average
    assert compare(s, 3500).over == 120 * 3500 - 300_000
    assert compare(s, 2000).over < 0
    vm = MyRoomViewModel(repo=FakeRooms(), accounts=AccountsViewModel(repo=FakeAccounts()))
    vm.landlord_price = "3.500"
    c = vm.comparison(s)
    assert c is not None and (c.charged, c.legal, c.over) == (420_000, 300_000, 120_000)
    vm.landlord_price = "abc"
    assert vm.comparison(s) is None


async def test_an_owner_sees_a_tenants_request_among_those_to_approve():
    repo = FakeLinks(by_code={CODE: [link(1, "approved", "owner"), link(9, "pending", "tenant")]})
    vm = LinksViewModel(repo=repo, accounts=await _accounts(account(CODE)))
    await vm.load()
    assert [lk.id for lk in vm.pending(CODE)] == [9]
