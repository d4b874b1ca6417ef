"""Staff screens' view models: queue filters, next steps from the state machine, appointment
and reason checks; and the repository against the in-process server with a staff user."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy import update

from app.i18n import Translator
from app.services.auth_repository import AuthRepository
from app.services.staff_requests_repository import StaffRequestsRepository
from app.views.services.staff_view import filters, step_controls
from app.views.services.staff_view_model import StaffQueueViewModel, StaffRequestViewModel
from domain import clock
from tests.app.fakes.services import request
from tests.app.services.test_client_against_server import client, transport  # noqa: F401


@dataclass
class FakeStaff:
    calls: list[tuple] = field(default_factory=list)
    current: object = None

    async def queue(self, status=None, type_code=None, area=None, overdue=None):
        self.calls.append(("queue", status, overdue))
        return []

    async def get(self, request_id):
        return self.current or request("submitted")

    async def transition(self, request_id, status, note=None, appointment=None):
        self.calls.append(("move", status, note, appointment))
        self.current = request(status)
        return self.current

    async def message(self, request_id, text):
        self.calls.append(("message", text))


async def test_queue_filters_reload():
    repo = FakeStaff()
    vm = StaffQueueViewModel(repo=repo)
    await vm.load()
    await vm.filter(status="received")
    await vm.filter(overdue_only=True)
    await vm.filter(status="")
    assert repo.calls == [
        ("queue", None, None), ("queue", "received", None), ("queue", "received", True),
        ("queue", None, True),
    ]  # fmt: skip
    filters(Translator("vi"), vm)  # draws


async def test_next_steps_appointment_and_reason():
    repo = FakeStaff(current=request("received"))
    vm = StaffRequestViewModel(repo=repo, request_id=7)
    await vm.load()
    assert vm.next_steps == ["scheduled", "in_progress", "rejected"]  # the order work goes
    assert "scheduled" in vm.next_steps and "done" not in vm.next_steps
    step_controls(Translator("en"), vm)  # draws
    vm.appointment_date = "7/12"
    assert not await vm.move("scheduled") and vm.field_errors == {"appointment_date": "bad_date"}
    vm.appointment_date = "2026-12-07"
    vm.window = "13-17"
    assert await vm.move("scheduled")
    assert repo.calls[-1][1] == "scheduled" and repo.calls[-1][3][1] == "13-17"
    assert not await vm.move("rejected") and vm.field_errors == {"note": "required"}
    vm.note = "Thiếu giấy tờ"
    assert await vm.move("rejected") and vm.note == ""


async def test_staff_user_completes_a_request_through_the_repository(transport):  # noqa: F811
    from server.models import User

    ctx = transport.app.state.ctx
    async with ctx.sessions() as s:
        await s.execute(update(User).where(User.phone == "+84938000111").values(is_staff=True))
        await s.commit()
    owner_api = client(transport)
    await AuthRepository(owner_api).sign_in("0987654321", "DienNha@2025")  # the member
    from app.services.service_requests_repository import ServiceRequestsRepository

    filed = await ServiceRequestsRepository(owner_api).file(
        "meter_check", "PE01000123456", {"reason": "Số nhảy"}, None
    )
    staff_api = client(transport)
    await AuthRepository(staff_api).sign_in("0938000111", "DienNha@2025")
    staff = StaffRequestsRepository(staff_api)
    assert staff.looks_like_staff() and not StaffRequestsRepository(owner_api).looks_like_staff()
    assert filed.id in {r.id for r in await staff.queue(status="submitted")}
    await staff.transition(filed.id, "received")
    done = await staff.transition(filed.id, "scheduled", "Sáng thứ Hai", (clock.today(), "08-12"))
    assert done.appointment.window == "08-12"
    await staff.transition(filed.id, "in_progress")
    assert (await staff.transition(filed.id, "done")).status == "done"
    await owner_api.aclose()
    await staff_api.aclose()


async def test_a_customer_is_refused_the_queue(transport):  # noqa: F811
    from app.services.errors import ForbiddenError

    api = client(transport)
    await AuthRepository(api).sign_in("0901234567", "DienNha@2025")
    with pytest.raises(ForbiddenError) as refused:
        await StaffRequestsRepository(api).queue()
    assert refused.value.code == "staff_only"
    await api.aclose()
