"""LinkRepository over httpx.MockTransport: paths, methods, typed answers, 409 codes."""

from __future__ import annotations

import httpx
import pytest

from app.services.errors import NotFoundError, ValidationError
from app.services.link_repository import LinkRepository
from tests.app.fake_backend import FakeBackend, problem

CODE = "PE01000123456"
LINK = {
    "id": 4,
    "phone": "+84912345678",
    "full_name": "Trần Thị Bình",
    "role": "member",
    "status": "pending",
    "note": "Con gái",
    "requested_at": "2026-11-21T03:08:00Z",
    "decided_at": None,
}


@pytest.fixture
def repo(api) -> LinkRepository:
    api.credentials._access_token = "access-1"
    return LinkRepository(api)


async def test_list_and_decide(repo, backend: FakeBackend):
    backend.on("GET", f"accounts/{CODE}/links", [LINK])
    backend.on(
        "POST",
        f"accounts/{CODE}/links/4/approve",
        lambda r: httpx.Response(
            200, json=LINK | {"status": "approved", "decided_at": "2026-11-24T03:00:00Z"}
        ),
    )
    assert (await repo.links(CODE))[0].full_name == "Trần Thị Bình"
    approved = await repo.decide(CODE, 4, "approve")
    assert approved.status == "approved" and approved.decided_at is not None
    assert backend.paths() == [
        f"GET accounts/{CODE}/links",
        f"POST accounts/{CODE}/links/4/approve",
    ]


async def test_decision_on_a_decided_link_is_a_409_with_its_code(repo, backend):
    backend.on(
        "POST", f"accounts/{CODE}/links/4/deny", lambda r: problem(409, "invalid_link_state")
    )
    with pytest.raises(ValidationError) as e:
        await repo.decide(CODE, 4, "deny")
    assert e.value.code == "invalid_link_state" and e.value.status == 409


async def test_leave_is_a_delete_and_unknown_codes_look_unknown(repo, backend):
    backend.on("DELETE", f"accounts/{CODE}/links/me", 204)
    await repo.leave(CODE)
    assert backend.calls[-1].method == "DELETE"
    with pytest.raises(NotFoundError):
        await repo.leave("PE09999999999")


async def test_audit_records(repo, backend):
    backend.on(
        "GET",
        f"accounts/{CODE}/audit",
        [
            {
                "id": 1,
                "at": "2026-11-24T03:00:00Z",
                "actor": "090****567",
                "action": "link_approved",
                "customer_code": CODE,
                "subject": "091****678",
                "purpose": "household_data_sharing",
            }
        ],
    )
    rows = await repo.audit(CODE)
    assert rows[0].action == "link_approved" and rows[0].subject == "091****678"
