"""The e-invoice PDF: a real PDF with the DejaVu font embedded and the Vietnamese text intact
(read back with pdftotext), bill numbers and amount in words; paid bills carry no QR."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from server.services.billing.vnd_words import vnd_in_words
from tests.server.api import OWNER, OWNER_CODE
from tests.server.billing_support import all_bills, billing_demo  # noqa: F401 (fixture)


def _text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "bill.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@pytest.mark.usefixtures("billing_demo")
async def test_invoice_pdf_renders_vietnamese(client, api, tmp_path):
    h = await api.headers(OWNER)
    bills = await all_bills(client, h, OWNER_CODE)
    for bill in (bills[0], next(b for b in bills if b["status"] == "paid")):
        r = await client.get(f"/accounts/{OWNER_CODE}/bills/{bill['id']}/invoice.pdf", headers=h)
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/pdf"
        assert r.content.startswith(b"%PDF-")
        assert b"DejaVuSans" in r.content  # the Unicode font travels inside the file
        text = _text(r.content, tmp_path)
        for phrase in (
            "HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)",
            "Nguyễn Văn An",
            "12 Nguyễn Huệ, Phường Sài Gòn",
            "Tổng cộng tiền thanh toán",
            f"Ký hiệu: {bill['invoice_serial']}",
            f"Số: {bill['invoice_no']}",
            f"{bill['total']:,}".replace(",", "."),
            vnd_in_words(bill["total"]),
        ):
            assert phrase in text, phrase
        paid = bill["status"] == "paid"
        assert ("Đã thanh toán" in text) == paid
        assert ("Quét mã VietQR" in text) != paid


@pytest.mark.usefixtures("billing_demo")
async def test_an_english_reader_gets_english_labels_beside_the_legal_vietnamese(
    client, api, tmp_path
):
    """Issue 21.9: in English the PDF stayed Vietnamese only. Decree 123/2020 keeps the
    invoice Vietnamese and lets a foreign language stand beside it in brackets."""
    h = await api.headers(OWNER)
    bill = (await all_bills(client, h, OWNER_CODE))[0]
    url = f"/accounts/{OWNER_CODE}/bills/{bill['id']}/invoice.pdf"
    english = _text((await client.get(url, params={"lang": "en"}, headers=h)).content, tmp_path)
    for phrase in (
        "HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)",
        "VAT invoice (electricity)",
        "Khách hàng (Customer):",
        "Tổng cộng tiền thanh toán (Total to pay):",
        "Hạn thanh toán (Due date):",
        vnd_in_words(bill["total"]),  # the amount in words stays Vietnamese: it is the law's
    ):
        # a long amount in words wraps onto the next line beside the English label
        assert phrase in " ".join(english.split()), phrase
    vietnamese = _text((await client.get(url, headers=h)).content, tmp_path)
    assert "(Customer)" not in vietnamese and "Khách hàng:" in vietnamese
    bad = await client.get(url, params={"lang": "fr"}, headers=h)
    assert bad.status_code == 422


def test_amount_in_words():
    assert vnd_in_words(346356) == "Ba trăm bốn mươi sáu nghìn ba trăm năm mươi sáu đồng"
    assert vnd_in_words(1_005_000) == "Một triệu không trăm lẻ năm nghìn đồng"
    assert vnd_in_words(21) == "Hai mươi mốt đồng"
    assert vnd_in_words(115) == "Một trăm mười lăm đồng"
    assert vnd_in_words(0) == "Không đồng"
    assert vnd_in_words(2_000_000_000_000) == "Hai nghìn tỷ đồng"
