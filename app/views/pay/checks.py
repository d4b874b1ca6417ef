"""Refuse any QR that is not exactly this bill's: bad CRC, another amount, bill or account,
or an account that is not one of the company's own (the payees pinned in flet.toml)."""

from __future__ import annotations

from collections.abc import Sequence

from app.config import Payee
from domain.models.bills import Bill, PaymentQr
from domain.models.payment_batches import PaymentBatch
from domain.vietqr import VietQRError, parse_payload


def bill_number(bill: Bill) -> str:
    """What field 62.01 carries: invoice serial then number, e.g. 1C26TPE00000031."""
    return f"{bill.invoice_serial}{bill.invoice_no}"


def refusal(qr: PaymentQr, bill: Bill, payees: Sequence[Payee] = ()) -> str | None:
    """None when the payload may be shown; otherwise the reason (a message key suffix).

    The payload is what the banking app reads, so it is the payload that is checked: its CRC
    and fields must agree with the bill the person is looking at and with the text shown
    beside it. A payload altered on the way (or by a compromised server) is never drawn, and
    with `payees` pinned, neither is one that pays any account but the company's."""
    try:
        parsed = parse_payload(qr.payload)
    except VietQRError:
        return "invalid"
    # The amount due: the bill's total less the credits carried to it from adjustment bills.
    due = bill.amount_due
    if not parsed.dynamic or parsed.amount != due or qr.amount != due:
        return "amount"
    if parsed.bill_number != bill_number(bill) or qr.bill_no != bill_number(bill):
        return "bill"
    if parsed.bank_bin != qr.bank_bin or parsed.account != qr.account:
        return "account"
    if payees and Payee(parsed.bank_bin, parsed.account) not in payees:
        return "payee"
    return None


def batch_refusal(batch: PaymentBatch, owed: int, payees: Sequence[Payee] = ()) -> str | None:
    """The same checks for one QR paying several bills (issue 21): the payload must pay
    exactly `owed` (the sum of the bills as read one by one, not the batch's own word) and
    carry the batch reference as its bill number."""
    qr = batch.qr
    try:
        parsed = parse_payload(qr.payload)
    except VietQRError:
        return "invalid"
    amounts = {parsed.amount, qr.amount, batch.amount}
    if not parsed.dynamic or amounts != {owed}:
        return "amount"
    if parsed.bill_number != batch.reference or qr.bill_no != batch.reference:
        return "bill"
    if parsed.bank_bin != qr.bank_bin or parsed.account != qr.account:
        return "account"
    if payees and Payee(parsed.bank_bin, parsed.account) not in payees:
        return "payee"
    return None
