"""VietQR: DOMAIN.md test vectors byte for byte, input validation, CRC and ASCII folding."""

from __future__ import annotations

import pytest

from domain.vietqr import (
    VietQRError,
    VietQRPayload,
    ascii_fold,
    build_payload,
    crc16_ccitt_false,
    parse_payload,
)

STATIC = (
    "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
)
DYNAMIC = (
    "00020101021238540010A00000072701240006970436011010175956000208QRIBFTTA"
    "530370454061800005802VN62230819thanh toan don hang630470FA"
)


def test_static_vector_builds_byte_for_byte() -> None:
    assert build_payload("970416", "257678859") == STATIC


def test_dynamic_vector_builds_byte_for_byte() -> None:
    built = build_payload("970436", "1017595600", amount=180_000, purpose="thanh toan don hang")
    assert built == DYNAMIC


def test_vectors_parse_back() -> None:
    assert parse_payload(STATIC) == VietQRPayload(
        bank_bin="970416", account="257678859", amount=None, bill_number=None,
        purpose=None, dynamic=False,
    )  # fmt: skip
    assert parse_payload(DYNAMIC) == VietQRPayload(
        bank_bin="970436", account="1017595600", amount=180_000, bill_number=None,
        purpose="thanh toan don hang", dynamic=True,
    )  # fmt: skip


def test_crc16_ccitt_false_check_value() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    assert crc16_ccitt_false(b"") == 0xFFFF
    assert f"{crc16_ccitt_false(STATIC[:-4].encode()):04X}" == "AE9F"


def test_bill_number_purpose_name_and_city_in_order() -> None:
    text = build_payload(
        "970436", "PE01000123456", 346_356, "AA/25E-0001234", "Tien dien 06/2025",
        merchant_name="EVNHCMC", merchant_city="HO CHI MINH",
    )  # fmt: skip
    body = text[text.index("5303704") :]
    assert body.startswith("53037045406346356" + "5802VN" + "5907EVNHCMC" + "6011HO CHI MINH")
    assert "6239" + "0114AA/25E-0001234" + "0817Tien dien 06/2025" + "6304" in text
    parsed = parse_payload(text)
    assert (parsed.bill_number, parsed.purpose) == ("AA/25E-0001234", "Tien dien 06/2025")
    assert (parsed.merchant_name, parsed.merchant_city) == ("EVNHCMC", "HO CHI MINH")


def test_ascii_fold_strips_vietnamese_diacritics() -> None:
    assert ascii_fold("Thanh toán hóa đơn") == "Thanh toan hoa don"
    assert ascii_fold("ĐIỆN LỰC Đà Nẵng") == "DIEN LUC Da Nang"
    assert ascii_fold("  tiền   điện 🙂 tháng 6 ") == "tien dien thang 6"
    build_payload("970436", "1", 1, purpose=ascii_fold("Thanh toán hóa đơn"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bank_bin": "97043"}, "BIN"),
        ({"bank_bin": "97043x"}, "BIN"),
        ({"bank_bin": "97043٦"}, "BIN"),  # an Arabic-Indic digit is a \d, not a BIN digit
        ({"bank_bin": "970436\n"}, "BIN"),
        ({"account": "1234\n"}, "account"),
        ({"account": ""}, "account"),
        ({"account": "1" * 20}, "account"),
        ({"account": "12-34"}, "account"),
        ({"amount": 0}, "amount"),
        ({"amount": -5}, "amount"),
        ({"amount": 10**13}, "amount"),
        ({"amount": 1.5}, "amount"),
        ({"amount": True}, "amount"),
        ({"purpose": "Thanh toán hóa đơn"}, "ascii_fold"),
        ({"purpose": "x" * 26}, "purpose"),
        ({"bill_number": ""}, "bill_number"),
        ({"merchant_city": "THANH PHO HO CHI MINH"}, "merchant_city"),
        ({"merchant_name": "line\nbreak"}, "ASCII"),
    ],
)
def test_build_refuses_bad_input(kwargs: dict[str, object], message: str) -> None:
    arguments = {"bank_bin": "970436", "account": "1017595600"} | kwargs
    with pytest.raises(VietQRError, match=message):
        build_payload(**arguments)  # type: ignore[arg-type]


def test_largest_amount_has_13_digits() -> None:
    assert parse_payload(build_payload("970436", "1", 10**13 - 1)).amount == 10**13 - 1
