"""VietQR parsing: corrupt, truncated and incomplete payloads are refused; round-trips hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.vietqr import VietQRError, ascii_fold, build_payload, crc16_ccitt_false, parse_payload

STATIC = (
    "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
)
MERCHANT = "38530010A0000007270123000697041601092576788590208QRIBFTTA"


def signed(body: str) -> str:
    """`body` with a correct CRC field, so only the defect under test is wrong."""
    body += "6304"
    return body + f"{crc16_ccitt_false(body.encode()):04X}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "non-empty"),
        (STATIC[:-4] + "AE9E", "CRC mismatch"),
        (STATIC[:-4] + "ae9f", "upper-case"),
        (STATIC[:-1], "CRC"),
        (STATIC.replace("VN", "VÑ"), "ASCII"),
        (signed("000201010211" + "3899" + "0010A000000727"), "says 99 characters"),
        (signed("000201010211" + "3803001" + "53037045802VN"), "field 38: truncated"),
        (signed("000201010211" + MERCHANT + "5303704"), "58"),
        (signed("000201010211" + MERCHANT + "5802VN"), "53"),
        (signed("000201010211" + "5303704" + "5802VN"), "38"),
        (
            signed("000201010211" + MERCHANT.replace("A000000727", "A000000999") + "53037045802VN"),
            "GUID",
        ),
        (
            signed("000201010211" + MERCHANT.replace("QRIBFTTA", "QRPUSHXX") + "53037045802VN"),
            "service",
        ),
        (signed("010211000201" + MERCHANT + "53037045802VN"), "start with field 00"),
        (signed("000202010211" + MERCHANT + "53037045802VN"), "field 00"),
        (signed("000201010213" + MERCHANT + "53037045802VN"), "11 .static. or 12"),
        (signed("000201010212" + MERCHANT + "53037045802VN"), "needs an amount"),
        (signed("000201010211" + MERCHANT + "5303704540510000" + "5802VN"), "needs an amount"),
        (signed("000201010212" + MERCHANT + "5303704540401005802VN"), "positive whole"),
        (signed("000201010211" + MERCHANT + "53038405802VN"), "704"),
        (signed("000201010211" + MERCHANT + "53037045802US"), "VN"),
        (signed("000201010211" + MERCHANT + "53037045802VN5802VN"), "twice"),
        (
            signed("000201010211" + MERCHANT + "53037045802VN" + "6230" + "0826" + "x" * 26),
            "purpose",
        ),
        (signed("000201010211" + "AB02xx" + MERCHANT + "53037045802VN"), "malformed"),
    ],
)
def test_parse_refuses_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(VietQRError, match=message):
        parse_payload(text)


def test_parse_refuses_non_text() -> None:
    with pytest.raises(VietQRError):
        parse_payload(b"0002" * 3)  # type: ignore[arg-type]


def test_signed_helper_matches_the_real_vector() -> None:
    assert signed("000201010211" + MERCHANT + "53037045802VN") == STATIC


printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=25)
alnum = st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))


@given(
    bank_bin=st.from_regex(r"\A[0-9]{6}\Z"),
    account=alnum.filter(lambda a: 1 <= len(a) <= 19),
    amount=st.none() | st.integers(min_value=1, max_value=10**13 - 1),
    bill_number=st.none() | printable,
    purpose=st.none() | printable,
    merchant_name=st.none() | printable,
    merchant_city=st.none() | printable.map(lambda s: s[:15]),
)
def test_build_then_parse_round_trips(**fields: object) -> None:
    text = build_payload(**fields)  # type: ignore[arg-type]
    parsed = parse_payload(text)
    assert {name: getattr(parsed, name) for name in fields} == fields
    assert parsed.dynamic is (fields["amount"] is not None)
    assert text.startswith("000201" + ("010212" if parsed.dynamic else "010211"))


@given(
    amount=st.integers(min_value=1, max_value=10**9),
    bill_number=printable,
    position=st.integers(min_value=0),
    replacement=st.characters(min_codepoint=0x20, max_codepoint=0x7E),
)
def test_any_one_character_changed_is_refused(
    amount: int, bill_number: str, position: int, replacement: str
) -> None:
    text = build_payload("970436", "1017595600", amount, bill_number)
    position %= len(text)
    if text[position] == replacement:
        return
    corrupted = text[:position] + replacement + text[position + 1 :]
    with pytest.raises(VietQRError):
        parse_payload(corrupted)


@given(st.text(max_size=60))
def test_ascii_fold_always_gives_ascii(text: str) -> None:
    assert ascii_fold(text).isascii()
