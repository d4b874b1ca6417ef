"""Issue 16: the demo had no staff user, so the staff screens could only be reached by editing
the database. The seeded clerk signs in like anyone and passes the staff gate; nobody else does."""

from __future__ import annotations

import pytest

from server.seed.demo import STAFF
from tests.server.api import OWNER

pytestmark = pytest.mark.usefixtures("demo")


async def test_the_demo_clerk_reaches_the_staff_queue_and_an_owner_does_not(api, client):
    clerk = await api.headers("0" + STAFF[0].removeprefix("+84"))
    assert (await client.get("/admin/service-requests", headers=clerk)).status_code == 200
    owner = await client.get("/admin/service-requests", headers=await api.headers(OWNER))
    assert owner.status_code == 403 and owner.json()["code"] == "staff_only"
    assert (await client.get("/accounts", headers=clerk)).json() == []  # no household
