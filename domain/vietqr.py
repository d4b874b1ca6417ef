"""Build and parse VietQR payloads (NAPAS, EMVCo merchant-presented QR) for bank transfers.

Field order as DOMAIN.md says: 00=01, 01=11 static / 12 dynamic, 38 {00 A000000727,
01 {00 BIN, 01 account}, 02 QRIBFTTA}, 53=704, 54 amount (dynamic only), 58=VN, 59/60 name/
city (optional), 62 {01 bill number, 08 purpose}, 63 CRC over everything before it
including "6304". A payload with an amount is dynamic, one without is static.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.vietqr_tlv import (
    VietQRError,
    ascii_fold,
    crc16_ccitt_false,
    is_printable_ascii,
    parse_tlv,
    tlv,
)

__all__ = [
    "VietQRError",
    "VietQRPayload",
    "ascii_fold",
    "build_payload",
    "crc16_ccitt_false",
    "parse_payload",
]

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
SERVICES = frozenset({TO_ACCOUNT, "QRIBFTTC"})  # C: to a card number; parsed, never built
# fullmatch and [0-9], not match/$ and \d: "$" accepts a trailing newline, "\d" Arabic digits.
_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[A-Za-z0-9]{1,19}")
_AMOUNT = re.compile(r"[1-9][0-9]{0,12}")
_CRC = re.compile(r"[0-9A-F]{4}")


@dataclass(frozen=True, slots=True)
class VietQRPayload:
    bank_bin: str
    account: str
    amount: int | None
    bill_number: str | None
    purpose: str | None
    dynamic: bool
    service: str = TO_ACCOUNT
    merchant_name: str | None = None
    merchant_city: str | None = None


def _text(name: str, value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    if not 1 <= len(value) <= limit:
        raise VietQRError(f"{name} must be 1 to {limit} characters, not {len(value)}")
    if not is_printable_ascii(value):
        raise VietQRError(f"{name} must be printable ASCII; fold Vietnamese with ascii_fold()")
    return value


def build_payload(
    bank_bin: str,
    account: str,
    amount: int | None = None,
    bill_number: str | None = None,
    purpose: str | None = None,
    merchant_name: str | None = None,
    merchant_city: str | None = None,
) -> str:
    """The VietQR text; dynamic (01=12) when `amount` is given, static (01=11) when not."""
    if not isinstance(bank_bin, str) or not _BIN.fullmatch(bank_bin):
        raise VietQRError("bank BIN must be 6 digits, e.g. 970436")
    if not isinstance(account, str) or not _ACCOUNT.fullmatch(account):
        raise VietQRError("account must be 1 to 19 ASCII letters or digits")
    if amount is not None and (type(amount) is not int or not _AMOUNT.fullmatch(str(amount))):
        raise VietQRError("amount must be a positive whole number of VND, at most 13 digits")
    additional = "".join(
        tlv(tag, value)
        for tag, value in (
            ("01", _text("bill_number", bill_number, 25)),
            ("08", _text("purpose", purpose, 25)),
        )
        if value is not None
    )
    name = _text("merchant_name", merchant_name, 25)
    city = _text("merchant_city", merchant_city, 15)
    beneficiary = tlv("00", bank_bin) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", TO_ACCOUNT)
    body = tlv("00", "01") + tlv("01", "11" if amount is None else "12") + tlv("38", merchant)
    body += tlv("53", "704")
    if amount is not None:
        body += tlv("54", str(amount))
    body += tlv("58", "VN")
    body += (tlv("59", name) if name else "") + (tlv("60", city) if city else "")
    body += tlv("62", additional) if additional else ""
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def _require(fields: dict[str, str], tag: str, where: str) -> str:
    if tag not in fields:
        raise VietQRError(f"{where}: mandatory field {tag} is missing")
    return fields[tag]


def _check_crc(text: str) -> None:
    if len(text) < 8 or text[-8:-4] != "6304":
        raise VietQRError("payload must end with the CRC field 6304 and 4 hex digits")
    crc = text[-4:]
    if not _CRC.fullmatch(crc):
        raise VietQRError(f"CRC {crc!r} is not 4 upper-case hex digits")
    expected = f"{crc16_ccitt_false(text[:-4].encode('ascii')):04X}"
    if crc != expected:
        raise VietQRError(f"CRC mismatch: payload says {crc}, content gives {expected}")


def _merchant(fields: dict[str, str]) -> tuple[str, str, str]:
    merchant = parse_tlv(_require(fields, "38", "payload"), "field 38")
    if _require(merchant, "00", "field 38") != NAPAS_GUID:
        raise VietQRError(f"field 38 is not a NAPAS VietQR (GUID {NAPAS_GUID})")
    beneficiary = parse_tlv(_require(merchant, "01", "field 38"), "field 38.01")
    bank_bin = _require(beneficiary, "00", "field 38.01")
    account = _require(beneficiary, "01", "field 38.01")
    service = _require(merchant, "02", "field 38")
    if not _BIN.fullmatch(bank_bin):
        raise VietQRError(f"bank BIN {bank_bin!r} is not 6 digits")
    if not _ACCOUNT.fullmatch(account):
        raise VietQRError("account must be 1 to 19 ASCII letters or digits")
    if service not in SERVICES:
        raise VietQRError(f"service code {service!r} is not a transfer (QRIBFTTA/QRIBFTTC)")
    return bank_bin, account, service


def parse_payload(text: str) -> VietQRPayload:
    """Check and read a VietQR payload; VietQRError says what is wrong with it."""
    if not isinstance(text, str) or not text:
        raise VietQRError("payload must be non-empty text")
    if not is_printable_ascii(text):
        raise VietQRError("payload must be printable ASCII only")
    _check_crc(text)
    fields = parse_tlv(text, "payload")
    tags = list(fields)
    if tags[0] != "00" or tags[-1] != "63" or len(fields["63"]) != 4:
        raise VietQRError("payload must start with field 00 and end with field 63 (4 hex)")
    if _require(fields, "00", "payload") != "01":
        raise VietQRError("payload format indicator (field 00) must be 01")
    method = _require(fields, "01", "payload")
    if method not in ("11", "12"):
        raise VietQRError(f"field 01 must be 11 (static) or 12 (dynamic), not {method!r}")
    bank_bin, account, service = _merchant(fields)
    if _require(fields, "53", "payload") != "704":
        raise VietQRError("currency (field 53) must be 704, Vietnamese dong")
    if _require(fields, "58", "payload") != "VN":
        raise VietQRError("country (field 58) must be VN")
    raw_amount = fields.get("54")
    if (raw_amount is None) == (method == "12"):
        raise VietQRError("a dynamic QR (12) needs an amount (54); a static one (11) has none")
    if raw_amount is not None and not _AMOUNT.fullmatch(raw_amount):
        raise VietQRError(f"amount {raw_amount!r} is not a positive whole number of VND")
    extra = parse_tlv(fields.get("62", ""), "field 62")
    return VietQRPayload(
        bank_bin=bank_bin,
        account=account,
        amount=int(raw_amount) if raw_amount is not None else None,
        bill_number=_text("bill number (62.01)", extra.get("01"), 25),
        purpose=_text("purpose (62.08)", extra.get("08"), 25),
        dynamic=method == "12",
        service=service,
        merchant_name=_text("merchant name (59)", fields.get("59"), 25),
        merchant_city=_text("merchant city (60)", fields.get("60"), 15),
    )
