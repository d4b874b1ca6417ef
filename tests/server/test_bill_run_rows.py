"""The bill run's hand-made COPY text is what the ORM path stored: the breakdown JSON byte for
byte pydantic's, bill_issued inbox params and outbox intents as notify() writes them, and
COPY's escaping for text that would need it."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import orjson
import pytest

from domain.tariff import compute_bill
from domain.tariff_lines import to_kwh
from server.notify.fanout import notice_intent
from server.services.billing.bill_run_rows import breakdown_json, copy_text, price
from server.services.billing.notice_bulk import bill_issued_copy


def _unescape(field: str) -> str | None:
    """One field of COPY's text format back to its value (\\N is NULL)."""
    if field == "\\N":
        return None
    out, chars = [], iter(field)
    for ch in chars:
        if ch == "\\":
            ch = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[next(chars)]
        out.append(ch)
    return "".join(out)


def _rows(text: str) -> list[list[str | None]]:
    return [[_unescape(f) for f in line.split("\t")] for line in text.splitlines()]


def test_a_priced_bill_is_the_engines_and_its_json_pydantics_for_every_kind_of_bill():
    rng = random.Random(4)
    start = date(2023, 5, 4)  # the first tariff table
    for _ in range(3000):
        first = start + timedelta(days=rng.randint(0, 900))
        last = first + timedelta(days=rng.randint(0, 60))
        wh = rng.choice([rng.randint(0, 2_000_000), rng.randint(0, 2000) * 1000])
        households = rng.choice([1, 1, 2, 5])
        bill = compute_bill(to_kwh(wh, 3), first, last, households)  # as the run did before
        stored = orjson.dumps(bill.model_dump(mode="json")).decode()
        assert breakdown_json(bill) == bill.model_dump_json() == stored
        priced = price(wh, first, last, households)
        assert priced == (bill.subtotal, bill.vat, bill.total, str(bill.kwh), stored, stored)
        assert priced.kwh == str(to_kwh(wh, 3))


def test_copy_text_escapes_what_copy_would_misread():
    value = 'a\\b\tc\nd\re "q" Điện'
    assert _unescape(copy_text(value)) == value
    assert "\t" not in copy_text(value) and "\n" not in copy_text(value)
    assert copy_text("plain") == "plain"


@pytest.mark.parametrize(
    "code", ["PE01000123456", 'PE"quoted\\code', "PE\ttab\nline"], ids=["plain", "q", "ws"]
)
def test_bill_issued_rows_are_what_notify_writes(code):
    users, bill_id, now = (7, 12), 4711, "2025-06-30T17:00:00+00:00"
    inbox, outbox = bill_issued_copy(users, code, bill_id, "2025-06", "150.5", 346356, "2025-07-07", now)  # fmt: skip
    params = {
        "code": code,
        "bill_id": bill_id,
        "month": "2025-06",
        "kwh": "150.5",
        "total": 346356,
        "due_date": "2025-07-07",
    }
    ref = ("bill", str(bill_id))
    assert _rows(inbox) == [
        [str(u), "bill_issued", orjson.dumps(params).decode(), code, "bill", str(bill_id), now]
        for u in users
    ]
    expected = []
    for user in users:
        intent = notice_intent(user, "bill_issued", params, code, ref)
        expected.append([intent.channel, intent.to, intent.body, now, "pending", "0", now])
    assert _rows(outbox) == expected
    assert json.loads(_rows(outbox)[0][2])["params"] == params
