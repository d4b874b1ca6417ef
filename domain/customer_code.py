"""Customer-code (mã khách hàng) and Vietnamese mobile-phone validation and normalisation."""

from __future__ import annotations

import re

_CODE = re.compile(r"P[A-Z][A-Z0-9]{11}")
_PHONE_LOCAL = re.compile(r"0[35789][0-9]{8}")  # fullmatch: "$" takes a final newline


class InvalidCustomerCode(ValueError):
    """The text is not a 13-character customer code such as PE01000123456."""


class InvalidPhone(ValueError):
    """The text is not a Vietnamese mobile number."""


def normalize_customer_code(text: str) -> str:
    """Upper-case without spaces; raises InvalidCustomerCode when not `P` + letter + 11 alnum."""
    if not isinstance(text, str):
        raise InvalidCustomerCode("customer code must be text")
    code = re.sub(r"[\s\-.]", "", text).upper()
    if not _CODE.fullmatch(code):
        raise InvalidCustomerCode(
            "a customer code has 13 characters: P, a company letter and 11 letters or digits"
        )
    return code


def is_customer_code(text: str) -> bool:
    try:
        normalize_customer_code(text)
    except InvalidCustomerCode:
        return False
    return True


def normalize_phone(text: str) -> str:
    """E.164 (`+84…`) from `09…`, `84…` or `+84…` forms; raises InvalidPhone otherwise."""
    if not isinstance(text, str):
        raise InvalidPhone("phone must be text")
    digits = re.sub(r"[\s\-.()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _PHONE_LOCAL.fullmatch(digits):
        raise InvalidPhone(
            "a Vietnamese mobile number has 10 digits and starts 03, 05, 07, 08 or 09"
        )
    return "+84" + digits[1:]


def local_phone(e164: str) -> str:
    """`+84912345678` -> `0912345678`, the form people read."""
    return "0" + e164[3:] if e164.startswith("+84") else e164


def mask_phone(e164: str) -> str:
    """`+84912345678` -> `091****678`: for logs and for people who may not see the number."""
    local = local_phone(e164)
    return local[:3] + "****" + local[-3:] if len(local) >= 7 else "****"
