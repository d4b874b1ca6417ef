"""E-invoice serials and numbers: serial 1C{yy}T{company} (Circular 78/2021 form: 1 = VAT
invoice, C = with tax-authority code, yy = year, T = registered by the seller, then the
seller's two letters — here the company letters of the customer code, PE/PD…), numbers
counted per serial from 1, taken in the caller's transaction so a rollback leaves no gap."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.digits import is_ascii_digits
from server import dialect
from server.models import InvoiceCounter

NUMBER_DIGITS = 8


def invoice_serial(customer_code: str, issued_on: date) -> str:
    return f"1C{issued_on.year % 100:02d}T{customer_code[:2]}"


def invoice_number(number: int) -> str:
    return f"{number:0{NUMBER_DIGITS}d}"


def bill_number(serial: str, number: int) -> str:
    """What the VietQR (field 62.01) and the bank transfer carry: serial + number, 15 chars."""
    return serial + invoice_number(number)


def split_bill_number(text: str) -> tuple[str, int] | None:
    text = text.strip().upper()
    serial, digits = text[:-NUMBER_DIGITS], text[-NUMBER_DIGITS:]
    if len(serial) != 7 or not serial.isascii() or not is_ascii_digits(digits):
        return None
    return serial, int(digits)


async def take_numbers(session: AsyncSession, serial: str, count: int) -> int:
    """Reserves `count` consecutive numbers of `serial`; returns the first. The row lock this
    takes holds other bill runs on the same serial until the caller commits."""
    insert = dialect.upsert_insert(session)
    await session.execute(
        insert(InvoiceCounter)
        .values(serial=serial, last_no=0)
        .on_conflict_do_nothing(index_elements=["serial"])
    )
    last = await session.scalar(
        update(InvoiceCounter)
        .where(InvoiceCounter.serial == serial)
        .values(last_no=InvoiceCounter.last_no + count)
        .returning(InvoiceCounter.last_no)
    )
    return int(last) - count + 1
