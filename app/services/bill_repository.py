"""Bills of one customer code: a year's list, one bill, its VietQR and its e-invoice PDF."""

from __future__ import annotations

import re

from pydantic import TypeAdapter

from app.services.api_client import ApiClient
from app.services.protocols import BillsRepo
from domain.models.bill_explain import BillExplanation, BillReadings
from domain.models.bill_review import Adjustment, AdjustmentSummary, ReviewFiled
from domain.models.bills import Bill, BillSummary, PaymentQr
from domain.models.payment_batches import PaymentBatch

_SUMMARIES = TypeAdapter(list[BillSummary])
_ADJUSTMENTS = TypeAdapter(list[AdjustmentSummary])
_FILENAME = re.compile(r'filename="([A-Za-z0-9_-][A-Za-z0-9._-]{0,75}\.pdf)"')


class BillRepository(BillsRepo):
    def __init__(self, api: ApiClient) -> None:
        self._api = api

    async def bills(self, code: str, year: int) -> list[BillSummary]:
        """Bills whose period ends in `year`, newest first."""
        data = await self._api.get(f"accounts/{code}/bills", params={"year": year})
        return _SUMMARIES.validate_python(data)

    async def bill(self, code: str, bill_id: int) -> Bill:
        return Bill.model_validate(await self._api.get(f"accounts/{code}/bills/{bill_id}"))

    async def payment_qr(self, code: str, bill_id: int) -> PaymentQr:
        """Dynamic VietQR of an unpaid bill (ValidationError `bill_already_paid` once paid)."""
        data = await self._api.get(f"accounts/{code}/bills/{bill_id}/payment-qr")
        return PaymentQr.model_validate(data)

    async def payment_batch(self, code: str, bill_ids: list[int] | None = None) -> PaymentBatch:
        """One VietQR paying several unpaid bills (issue 21); without ids, everything owed
        (ValidationError `nothing_to_pay` when nothing is). A live identical batch is reused."""
        body = {} if bill_ids is None else {"bill_ids": bill_ids}
        data = await self._api.post(f"accounts/{code}/payment-batches", json=body)
        return PaymentBatch.model_validate(data)

    async def invoice_pdf(self, code: str, bill_id: int, lang: str = "vi") -> tuple[bytes, str]:
        """The e-invoice PDF and its file name, fetched with the bearer header: the token
        never travels in a URL, so nothing leaks into history, logs or Referer headers."""
        path = f"accounts/{code}/bills/{bill_id}/invoice.pdf"
        response = await self._api.send("GET", path, params={"lang": lang})
        found = _FILENAME.search(response.headers.get("content-disposition", ""))
        name = found.group(1) if found else f"hoa-don-{bill_id}.pdf"
        return response.content, name

    async def explain(
        self, code: str, bill_id: int, against: str = "previous", lang: str = "vi"
    ) -> BillExplanation:
        """Why this bill differs from the previous one or the same month last year (issue 18)."""
        params = {"against": against, "lang": lang}
        data = await self._api.get(f"accounts/{code}/bills/{bill_id}/explain", params=params)
        return BillExplanation.model_validate(data)

    async def request_review(self, code: str, bill_id: int, note: str | None = None) -> ReviewFiled:
        """Yêu cầu kiểm tra lại hóa đơn (ConflictError-like `review_open` while one is open)."""
        data = await self._api.post(f"accounts/{code}/bills/{bill_id}/review", json={"note": note})
        return ReviewFiled.model_validate(data)

    async def adjustments(self, code: str, year: int) -> list[AdjustmentSummary]:
        """Adjustment bills issued in `year`, newest first (total signed: < 0 is a credit)."""
        data = await self._api.get(f"accounts/{code}/adjustments", params={"year": year})
        return _ADJUSTMENTS.validate_python(data)

    async def adjustment(self, code: str, adjustment_id: int) -> Adjustment:
        return Adjustment.model_validate(
            await self._api.get(f"accounts/{code}/adjustments/{adjustment_id}")
        )

    async def adjustment_qr(self, code: str, adjustment_id: int) -> PaymentQr:
        data = await self._api.get(f"accounts/{code}/adjustments/{adjustment_id}/payment-qr")
        return PaymentQr.model_validate(data)

    async def readings(self, code: str, bill_id: int) -> BillReadings:
        """How the bill's indexes were read (issue 18)."""
        data = await self._api.get(f"accounts/{code}/bills/{bill_id}/readings")
        return BillReadings.model_validate(data)
