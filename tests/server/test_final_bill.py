"""A done `terminate` (issue 16): the final bill's period ends on the last day of supply,
with only those days' kWh and tier widths prorated by days; no bill after it. Both
databases (on PostgreSQL the bill run reads through bill_run_pg)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain import clock
from server.services.billing.periods import add_months, month_end, month_label
from tests.server.api import OWNER, OWNER_CODE
from tests.server.service_support import STAFF, complete, file_and_sign, norm_body
from tests.server.test_service_effects import _bill_last_month, _bill_month

pytestmark = pytest.mark.usefixtures("demo")
_DAY = timedelta(days=1)


async def _bills(client, owner, year: int) -> list[dict]:
    r = await client.get(f"/accounts/{OWNER_CODE}/bills", params={"year": year}, headers=owner)
    assert r.status_code == 200, r.text
    return r.json()


async def _final_bill(client, owner, norm_on_the_6th: bool = False) -> tuple[dict, object, object]:
    """Bills up to the month supply ends in, terminates on the 12th of it (after a household
    norm of 6 residents from the 6th, if asked), loads the whole month's readings and runs its
    bill: (the final bill's detail, the first of that month, the 12th)."""
    this = clock.today().replace(day=1)
    final = add_months(this, 1)  # the month supply ends in
    end = final.replace(day=12)
    await _bill_last_month(client, OWNER_CODE, owner)
    with clock.shifted_to(final + _DAY):
        await _bill_month(client, OWNER_CODE, owner, this)  # billed up to the final month
    with clock.shifted_to(final + 4 * _DAY):
        if norm_on_the_6th:
            norm = norm_body(OWNER_CODE, residents=6, days_ahead=1)
            await complete(client, (await file_and_sign(client, owner, OWNER, norm))["id"])
        body = {"type": "terminate", "customer_code": OWNER_CODE, "fields": {}}
        body["fields"]["end_date"] = end.isoformat()
        await complete(client, (await file_and_sign(client, owner, OWNER, body))["id"])
    with clock.shifted_to(add_months(final, 1) + _DAY):
        # the meter kept sending after the last day of supply: those days are not billed
        days = [final + i * _DAY for i in range((month_end(final) - final).days + 1)]
        rows = [{"customer_code": OWNER_CODE, "date": d.isoformat(), "kwh": "5.5"} for d in days]
        r = await client.post("/admin/readings", json={"readings": rows}, headers=STAFF)
        assert r.status_code == 200, r.text
        r = await client.post("/admin/bill-run", json={"month": month_label(final)}, headers=STAFF)
        assert r.status_code == 200, r.text
    [bill] = [b for b in await _bills(client, owner, final.year) if b["period_start"] == iso(final)]
    assert (bill["period_start"], bill["period_end"]) == (iso(final), iso(end))
    detail = (await client.get(f"/accounts/{OWNER_CODE}/bills/{bill['id']}", headers=owner)).json()
    return detail, final, end


async def test_a_norm_change_inside_the_final_period_prorates_by_the_regular_period(api, client):
    """Households 1 until the 5th, 2 from the 6th, supply ends on the 12th: each part's tier 1
    is 50 × households × its days / the days of the whole month, not / 12."""
    owner = await api.headers(OWNER)
    detail, final, _ = await _final_bill(client, owner, norm_on_the_6th=True)
    month_days = (month_end(final) - final).days + 1
    first, second = detail["breakdown"]["parts"]
    assert (first["days"], second["days"]) == (5, 7)
    for part, households in ((first, 1), (second, 2)):
        width = float(part["tiers"][0]["width_kwh"])
        assert abs(width - 50 * households * part["days"] / month_days) <= 0.5, part


async def test_a_contract_terminated_on_the_12th_gets_a_final_bill_for_1_to_12_then_none(
    api, client, ctx
):
    from server.services.billing.bill_sources import unbilled

    owner = await api.headers(OWNER)
    detail, final, end = await _final_bill(client, owner)
    month_days = (month_end(final) - final).days + 1
    [part] = detail["breakdown"]["parts"]
    assert part["days"] == 12
    widths = [t["width_kwh"] for t in part["tiers"]]
    assert widths[0] == round(50 * 12 / month_days) and widths[:2] == [widths[0]] * 2
    assert widths[2] == round(100 * 12 / month_days)
    # nothing after the final bill: the next runs find nothing to bill for this code
    after = add_months(final, 1)
    with clock.shifted_to(add_months(after, 1) + _DAY):
        r = await client.post("/admin/bill-run", json={"month": month_label(after)}, headers=STAFF)
        assert r.status_code == 200, r.text
        async with ctx.sessions() as s:
            for month in (after, add_months(after, 1)):
                assert OWNER_CODE not in {c.code for c in await unbilled(s, month, "")}
    ends = [b["period_end"] for b in await _bills(client, owner, after.year)]
    if after.year != final.year:
        ends += [b["period_end"] for b in await _bills(client, owner, final.year)]
    assert max(ends) == iso(end)


def iso(day) -> str:
    return day.isoformat()
