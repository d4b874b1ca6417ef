"""The transfer note of a bill's VietQR names the bill's month (issue 21.10): with two unpaid
bills both notes read "Tien dien PE01000123456" and a bank statement could not tell them apart."""

from __future__ import annotations

import pytest

from domain import clock
from tests.server.api import OWNER, OWNER_CODE
from tests.server.billing_support import billing_demo  # noqa: F401 (fixture)


@pytest.mark.usefixtures("billing_demo")
async def test_each_unpaid_bill_has_its_own_transfer_note(client, api):
    headers = await api.headers(OWNER)
    year = clock.today().year
    bills = []
    for y in (year, year - 1):
        r = await client.get(f"/accounts/{OWNER_CODE}/bills", params={"year": y}, headers=headers)
        bills += r.json()
    unpaid = [b for b in bills if b["status"] != "paid"]
    assert len(unpaid) >= 2, "the demo has an overdue and an unpaid bill"
    notes = []
    for b in unpaid:
        qr = (
            await client.get(f"/accounts/{OWNER_CODE}/bills/{b['id']}/payment-qr", headers=headers)
        ).json()
        end = b["period_end"]  # YYYY-MM-DD
        assert f"T{end[5:7]}/{end[2:4]}" in qr["purpose"] and OWNER_CODE in qr["purpose"]
        assert len(qr["purpose"]) <= 25
        notes.append(qr["purpose"])
    assert len(set(notes)) == len(notes)
