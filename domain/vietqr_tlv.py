"""EMVCo TLV encoding, CRC-16/CCITT-FALSE and ASCII folding used by VietQR payloads."""

from __future__ import annotations

import unicodedata

from domain.digits import is_ascii_digits


class VietQRError(ValueError):
    """A VietQR payload cannot be built from these inputs, or the text is not one."""


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
        table.append(crc & 0xFFFF)
    return tuple(table)


_CRC_TABLE = _crc_table()


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc = ((crc << 8) & 0xFFFF) ^ _CRC_TABLE[(crc >> 8) ^ byte]
    return crc


def is_printable_ascii(text: str) -> bool:
    return all(" " <= char <= "~" for char in text)


def ascii_fold(text: str) -> str:
    """Vietnamese text without diacritics: "Thanh toán hóa đơn" -> "Thanh toan hoa don".

    Đ/đ become D/d (Unicode does not decompose them); other characters with no ASCII form
    (emoji, CJK) are dropped; whitespace runs become one space.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c.isascii())
    return " ".join(kept.split())


def tlv(tag: str, value: str) -> str:
    """One field: 2-digit id, 2-digit length, value."""
    if len(value) > 99:
        raise VietQRError(f"field {tag} is {len(value)} characters long; the limit is 99")
    return f"{tag}{len(value):02d}{value}"


def parse_tlv(text: str, where: str) -> dict[str, str]:
    """Fields of a TLV string in order; refuses truncation, bad ids and repeated ids."""
    fields: dict[str, str] = {}
    position = 0
    while position < len(text):
        head = text[position : position + 4]
        if len(head) < 4 or not is_ascii_digits(head):
            raise VietQRError(f"{where}: truncated or malformed field header at {position}")
        tag, length = head[:2], int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise VietQRError(
                f"{where}: field {tag} says {length} characters but only {len(value)} follow"
            )
        if tag in fields:
            raise VietQRError(f"{where}: field {tag} appears twice")
        fields[tag] = value
        position += 4 + length
    return fields
