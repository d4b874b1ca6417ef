"""Finding 5 of issue 14: only ASCII digits make a phone, customer code, amount, bill number,
timestamp or id. Python's isdigit()/int()/Decimal()/`\\d` (and pydantic's patterns) take any
script's digits, so each spelling of one phone was a new number to the per-phone limits."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.customer_code import (
    InvalidCustomerCode,
    InvalidPhone,
    normalize_customer_code,
    normalize_phone,
)
from domain.digits import ascii_int, is_ascii_digits
from server.models import Bill, OtpCode, PaymentEvent
from server.services.billing.invoices import split_bill_number
from server.services.billing.periods import parse_month
from server.services.usage.readings_import import parse_row
from tests.server.billing_support import signed

ROOT = Path(__file__).resolve().parents[2]
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
SPELLINGS = {"arabic-indic": ARABIC, "fullwidth": FULLWIDTH, "devanagari": DEVANAGARI}


@pytest.mark.parametrize("script", SPELLINGS)
def test_domain_parsers_refuse_other_scripts_digits(script):
    t = SPELLINGS[script]
    with pytest.raises(InvalidPhone):
        normalize_phone("0901234567".translate(t))
    with pytest.raises(InvalidCustomerCode):
        normalize_customer_code("PE01000123456".translate(t))
    assert split_bill_number("1C25TPE00000123".translate(t)) is None
    with pytest.raises(ValueError):
        parse_month("2025-06".translate(t))
    with pytest.raises(ValueError):
        parse_row("row 1", {"customer_code": "PE01000123456", "date": "2025-06-01",
                            "kwh": "12".translate(t)}, date(2025, 7, 1))  # fmt: skip
    assert not is_ascii_digits("123".translate(t)) and ascii_int("123".translate(t)) is None


def test_ascii_int_refuses_what_int_would_choke_on():
    assert ascii_int("²") is None and ascii_int("1" * 5000) is None and ascii_int("") is None
    assert ascii_int(" 12") is None and ascii_int("12") == 12


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("script", SPELLINGS)
async def test_a_phone_in_other_digits_is_refused_before_any_limit_or_sms(client, ctx, script):
    phone = "0901234567".translate(SPELLINGS[script])
    for path, body in (
        ("/auth/otp", {"phone": phone, "purpose": "login"}),
        ("/auth/otp", {"phone": phone, "purpose": "register"}),
        ("/auth/login", {"phone": phone, "password": "DienNha@2025"}),
        ("/auth/login/otp", {"phone": phone, "otp": "123456"}),
        ("/auth/login/otp", {"phone": "0901234567", "otp": "123456".translate(SPELLINGS[script])}),
    ):
        r = await client.post(path, json=body)
        assert r.status_code == 422, (path, r.text)
        assert r.headers["content-type"] == "application/problem+json"
    async with ctx.sessions() as s:
        assert await s.scalar(select(func.count()).select_from(OtpCode)) == 0


@pytest.mark.usefixtures("demo")
async def test_a_customer_code_in_other_digits_is_refused(api, client):
    h = await api.headers("0912345678")
    for t in SPELLINGS.values():
        r = await client.post(
            "/accounts/links", json={"customer_code": "PE01000123456".translate(t)}, headers=h
        )
        assert r.status_code == 422, r.text
        r = await client.get("/public/bill-status", params={"code": "PE01000123456".translate(t)})
        assert r.status_code == 422, r.text


@pytest.mark.usefixtures("billing_demo")
async def test_the_webhook_takes_a_bill_number_in_ascii_digits_only(client, ctx):
    async with ctx.sessions() as s:
        bill = (await s.execute(select(Bill).where(Bill.status == "unpaid").limit(1))).scalar()
        before = await s.scalar(select(func.count()).select_from(PaymentEvent))
    for i, t in enumerate(SPELLINGS.values()):
        odd = bill.invoice_serial + f"{bill.invoice_no:08d}".translate(t)  # the number part
        payload = {"transaction_id": f"DIG-{i}", "bill_no": odd,
                   "amount": bill.total}  # fmt: skip
        body, headers = signed(payload)
        r = await client.post("/payments/webhook", content=body, headers=headers)
        assert r.status_code in (404, 422), r.text
    async with ctx.sessions() as s:
        assert await s.scalar(select(Bill.status).where(Bill.id == bill.id)) == "unpaid"
        after = await s.scalar(select(func.count()).select_from(PaymentEvent))
    assert after - before == len(SPELLINGS)


# Where `\d`, isdigit() or a bare int() of text may stay: masking logs (more is safer) and the
# one pattern that must see every script's digits (phone numbers inside a note).
_ALLOWED = {"server/logging_setup.py", "domain/user_text.py", "domain/digits.py"}
_REGEX_DIGIT = re.compile(r"""r["'][^"'\n]*\\d""")
_ISDIGIT = re.compile(r"\.(isdigit|isdecimal|isnumeric)\(\)")


def test_no_parser_in_the_code_takes_other_scripts_digits():
    """The class, not the instances: every `\\d` in a pattern and every isdigit() not guarded
    by isascii() in server/, domain/ and the whole client (app/: views parse codes, ids from
    links and numbers people type too)."""
    found = []
    files = [*ROOT.glob("server/**/*.py"), *ROOT.glob("domain/**/*.py")]
    files += [*ROOT.glob("app/**/*.py")]
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel in _ALLOWED or "/migrations/" in rel:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _REGEX_DIGIT.search(code):
                found.append(f"{rel}:{n}: \\d in a pattern: {line.strip()}")
            if _ISDIGIT.search(code) and "isascii()" not in code:
                found.append(f"{rel}:{n}: isdigit() without isascii(): {line.strip()}")
    assert not found, "\n".join(found)
