"""Usage and bill repositories over httpx.MockTransport: query shapes, typed answers, problems."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
import pytest

from app.services.bill_repository import BillRepository
from app.services.errors import ValidationError
from app.services.usage_repository import UsageRepository
from domain.models import Tokens
from domain.models.alerts import AlertSettings
from domain.models.bills import BillSummary
from tests.app.fake_backend import FakeBackend, problem, tokens
from tests.app.fakes.bills import demo_bills, payment_qr
from tests.app.fakes.usage import forecast

CODE = "PE01000123456"


@pytest.fixture
async def signed_in(api):
    await api.credentials.accept(Tokens(**tokens(1)))
    return api


async def test_daily_and_monthly_windows(signed_in, backend: FakeBackend):
    backend.on("GET", f"accounts/{CODE}/usage/daily", [{"date": "2026-11-01", "kwh": "6.45"}])
    backend.on(
        "GET",
        f"accounts/{CODE}/usage/monthly",
        [{"month": "2026-11", "kwh": "131.41", "amount": None, "billed": False}],
    )
    repo = UsageRepository(signed_in)
    [day] = await repo.daily(CODE, date(2026, 11, 1), date(2026, 11, 24))
    assert day.kwh == Decimal("6.45") and not day.estimated
    backend.on("GET", f"accounts/{CODE}/usage/estimated-months", {"months": ["2026-11"]})
    [month] = await repo.monthly(CODE, date(2024, 12, 1), date(2026, 11, 1))
    assert month.amount is None and not month.billed
    assert month.estimated  # issue 18: marked from usage/estimated-months
    daily, monthly, marks = backend.calls
    assert marks.url.path.endswith("/usage/estimated-months")
    assert dict(daily.url.params) == {"from": "2026-11-01", "to": "2026-11-24"}
    assert dict(monthly.url.params) == {"from": "2024-12", "to": "2026-11"}
    assert daily.headers["Authorization"] == "Bearer access-1"


async def test_manual_meter_is_a_coded_refusal(signed_in, backend: FakeBackend):
    backend.on(
        "GET",
        f"accounts/{CODE}/usage/daily",
        lambda r: problem(409, "manual_meter", "This meter is read by hand once a month"),
    )
    with pytest.raises(ValidationError) as e:
        await UsageRepository(signed_in).daily(CODE, date(2026, 11, 1), date(2026, 11, 2))
    assert e.value.code == "manual_meter" and e.value.status == 409


async def test_forecast_and_no_history(signed_in, backend: FakeBackend):
    backend.on("GET", f"accounts/{CODE}/forecast", forecast().model_dump(mode="json"))
    repo = UsageRepository(signed_in)
    assert (await repo.forecast(CODE)).projected_total == 375000
    backend.on("GET", f"accounts/{CODE}/forecast", lambda r: problem(409, "no_usage_history"))
    assert await repo.forecast(CODE) is None


async def test_alerts_get_and_put(signed_in, backend: FakeBackend):
    backend.on("GET", f"accounts/{CODE}/alerts", {"kwh_per_day": "12", "bill_forecast_vnd": 600000})
    backend.on(
        "PUT", f"accounts/{CODE}/alerts", lambda r: httpx.Response(200, json=FakeBackend.body(r))
    )
    repo = UsageRepository(signed_in)
    assert await repo.alerts(CODE) == AlertSettings(
        kwh_per_day=Decimal(12), bill_forecast_vnd=600000
    )
    saved = await repo.save_alerts(CODE, AlertSettings(kwh_per_day=Decimal("15.5")))
    assert FakeBackend.body(backend.calls[-1]) == {"kwh_per_day": "15.5", "bill_forecast_vnd": None}
    assert saved.kwh_per_day == Decimal("15.5") and saved.bill_forecast_vnd is None


async def test_bills_bill_and_qr(signed_in, backend: FakeBackend):
    bill = demo_bills()[94]
    summary = bill.model_dump(mode="json", include=set(BillSummary.model_fields))
    backend.on("GET", f"accounts/{CODE}/bills", [summary])
    backend.on("GET", f"accounts/{CODE}/bills/94", bill.model_dump(mode="json"))
    backend.on("GET", f"accounts/{CODE}/bills/94/payment-qr", payment_qr(bill).model_dump())
    repo = BillRepository(signed_in)
    [item] = await repo.bills(CODE, 2026)
    assert item.status == "unpaid" and dict(backend.calls[0].url.params) == {"year": "2026"}
    assert (await repo.bill(CODE, 94)).breakdown == bill.breakdown
    assert (await repo.payment_qr(CODE, 94)).amount == bill.total
    backend.on(
        "GET", f"accounts/{CODE}/bills/86/payment-qr", lambda r: problem(409, "bill_already_paid")
    )
    with pytest.raises(ValidationError) as e:
        await repo.payment_qr(CODE, 86)
    assert e.value.code == "bill_already_paid"


async def test_invoice_pdf_travels_with_the_header_not_the_url(signed_in, backend: FakeBackend):
    pdf = b"%PDF-1.7\n..."
    backend.on(
        "GET",
        f"accounts/{CODE}/bills/94/invoice.pdf",
        lambda r: httpx.Response(
            200,
            content=pdf,
            headers={
                "content-type": "application/pdf",
                "content-disposition": 'inline; filename="hoa-don-1C26TPE-00000031.pdf"',
            },
        ),
    )
    data, name = await BillRepository(signed_in).invoice_pdf(CODE, 94)
    assert data == pdf and name == "hoa-don-1C26TPE-00000031.pdf"
    request = backend.calls[-1]
    assert request.headers["Authorization"] == "Bearer access-1"
    assert "access-1" not in str(request.url)


async def test_invoice_pdf_odd_file_name_is_not_trusted(signed_in, backend: FakeBackend):
    backend.on(
        "GET",
        f"accounts/{CODE}/bills/94/invoice.pdf",
        lambda r: httpx.Response(
            200, content=b"%PDF", headers={"content-disposition": 'inline; filename="../../x.pdf"'}
        ),
    )
    _, name = await BillRepository(signed_in).invoice_pdf(CODE, 94)
    assert name == "hoa-don-94.pdf"
