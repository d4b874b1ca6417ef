"""Read a VietQR back the way a banking app does: decode the image (zbar), then parse and
CRC-check the payload (domain/vietqr.py)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page
from pyzbar.pyzbar import decode

from domain.vietqr import VietQRPayload, parse_payload
from tests.e2e.flet_page import by_id


def read_qr(image: bytes | Path) -> VietQRPayload:
    """The one QR in a PNG (bytes or a file): exactly one symbol, or the test fails."""
    source = io.BytesIO(image) if isinstance(image, bytes) else image
    [symbol] = decode(Image.open(source))
    return parse_payload(symbol.data.decode("ascii"))


def qr_on_screen(page: Page, identifier: str = "pay-qr") -> VietQRPayload:
    return read_qr(by_id(page, identifier).screenshot())
