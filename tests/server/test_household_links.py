"""Only approved owner and member links read a household's data or are told of it
(server/models/accounts.py `household_link`). A link of any other role — a tenant's sees one
room (issue 18) — gets no payment notice, no reminder, no adjustment notice, no API token scope
and no service request of the household; and no service may pick links by status alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from server.models import Link, User
from tests.server.api import OWNER_CODE
from tests.server.billing_support import billing_demo, notices  # noqa: F401 (fixture)
from tests.server.test_payments import _payment, _post, _unpaid

pytestmark = pytest.mark.usefixtures("billing_demo")
ROOT = Path(__file__).resolve().parents[2]


async def _approved_link_of_another_role(ctx, role: str = "tenant") -> int:
    async with ctx.sessions() as session:
        user = User(phone="0977000111", full_name="Người thuê", password_hash="x")
        session.add(user)
        await session.flush()
        session.add(Link(user_id=user.id, customer_code=OWNER_CODE, role=role, status="approved"))
        await session.commit()
        return user.id


async def test_a_payment_is_told_to_owner_and_member_not_to_another_role(client, ctx, api):
    other = await _approved_link_of_another_role(ctx)
    bill = await _unpaid(client, api)
    r = await _post(client, _payment(bill))
    assert r.status_code == 200, r.text
    told = {user for user, *_ in await notices(ctx, "payment_received")}
    assert len(told) == 2 and other not in told


# Links picked by status alone, where that is right: notices to everyone in an area (an outage
# is public), and the owner-only checks that name the role on the next lines.
BY_STATUS_ALONE = {
    "server/services/notices/announcements.py",
    "server/services/notices/outages.py",
    "server/services/incidents/notices.py",
    "server/services/accounts/link_requests.py",
    "server/services/service_requests/access.py",
    "server/notify/contacts.py",
}


def test_no_service_picks_links_by_status_alone():
    found = set()
    for path in [*ROOT.glob("server/services/**/*.py"), *ROOT.glob("server/notify/*.py")]:
        text = path.read_text(encoding="utf-8")
        raw_sql = [line for line in text.splitlines() if "status = 'approved'" in line]
        if re.search(r'Link\.status == "approved"', text) or any(
            "role" not in line
            for line in raw_sql  # the PostgreSQL bill run's own SQL
        ):
            found.add(str(path.relative_to(ROOT)))
    assert found <= BY_STATUS_ALONE, sorted(found - BY_STATUS_ALONE)
