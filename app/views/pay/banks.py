"""Short names of the banks whose BIN may appear in a VietQR (NAPAS list, the common ones)."""

from __future__ import annotations

BANK_NAMES = {
    "970436": "Vietcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970405": "Agribank",
    "970422": "MB",
    "970407": "Techcombank",
    "970416": "ACB",
    "970432": "VPBank",
    "970423": "TPBank",
    "970403": "Sacombank",
    "970437": "HDBank",
    "970441": "VIB",
    "970443": "SHB",
    "970448": "OCB",
}


def bank_name(bin_code: str) -> str:
    """`Vietcombank`, or the BIN alone for a bank not in the list (the BIN means nothing to
    a person when the name is known)."""
    return BANK_NAMES.get(bin_code, bin_code)
