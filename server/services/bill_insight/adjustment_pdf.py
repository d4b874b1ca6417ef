"""The adjustment bill as a PDF (hóa đơn điều chỉnh): which invoice it adjusts, the kWh and
money before and after, the signed difference, why, and its VietQR while money is owed."""

from __future__ import annotations

import io

import segno

from domain.models.bill_review import Adjustment
from server.models import Contract
from server.services.billing.invoice_pdf import COMPANIES, _Invoice, _tiers, day, kwh, money
from server.services.billing.periods import LOCAL_TZ
from server.services.billing.vnd_words import vnd_in_words


def signed(amount: int) -> str:
    return ("+" if amount > 0 else "−" if amount < 0 else "") + money(abs(amount))


def render_adjustment(
    adj: Adjustment, adjusted_no: str, contract: Contract, qr_payload: str | None, seller: str
) -> bytes:
    pdf = _Invoice()
    pdf.set_title(f"Hóa đơn điều chỉnh {adj.invoice_serial} {adj.invoice_no}")
    pdf.set_author(seller)
    pdf.add_page()
    pdf.line_text(COMPANIES.get(adj.customer_code[:2], "Đơn vị điện lực"), 11, bold=True)
    pdf.line_text("HÓA ĐƠN ĐIỀU CHỈNH (TIỀN ĐIỆN)", 15, bold=True, align="C")
    pdf.line_text("Bản thể hiện của hóa đơn điện tử", 9, align="C")
    pdf.line_text(
        f"Ký hiệu: {adj.invoice_serial}    Số: {adj.invoice_no}    Ngày lập: {day(adj.issued_on)}",
        10,
        align="C",
    )
    pdf.line_text(f"Điều chỉnh cho hóa đơn số {adjusted_no}", 10, bold=True, align="C")
    pdf.ln(3)
    pdf.pair("Khách hàng:", contract.name, bold=True)
    pdf.pair("Địa chỉ:", contract.address)
    pdf.pair("Mã khách hàng:", adj.customer_code, bold=True)
    pdf.pair("Kỳ hóa đơn:", f"từ {day(adj.period_start)} đến {day(adj.period_end)}")
    pdf.pair("Điện năng đã tính / đúng:", f"{kwh(adj.kwh_before)} / {kwh(adj.kwh_after)} kWh")
    pdf.pair("Tiền điện đã tính / đúng:", f"{money(adj.total_before)} / {money(adj.total_after)} đ")
    pdf.pair("Lý do điều chỉnh:", adj.reason[:80])
    pdf.ln(2)
    pdf.line_text("Hóa đơn đúng sau điều chỉnh:", 9, bold=True)
    _tiers(pdf, adj)  # type: ignore[arg-type]  # the same breakdown shape as a bill
    pdf.ln(2)
    pdf.pair("Tiền điện điều chỉnh:", f"{signed(adj.subtotal)} đ")
    pdf.pair(f"Thuế GTGT ({(adj.vat_rate * 100).normalize():f}%):", f"{signed(adj.vat)} đ")
    pdf.pair("Tổng điều chỉnh:", f"{signed(adj.total)} đ", bold=True)
    way = "tăng" if adj.total > 0 else "giảm"
    pdf.line_text(f"Số tiền điều chỉnh {way} viết bằng chữ: {vnd_in_words(abs(adj.total))}.", 10)
    pdf.ln(2)
    if adj.total < 0:
        pdf.pair("Xử lý:", "Số tiền được trừ vào hóa đơn tiền điện kỳ sau", bold=True)
    elif adj.paid_at is not None:
        paid = adj.paid_at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
        pdf.pair("Trạng thái:", f"Đã thanh toán lúc {paid}")
    else:
        assert adj.due_date is not None
        pdf.pair("Hạn thanh toán:", day(adj.due_date), bold=True)
        pdf.pair("Trạng thái:", "Chưa thanh toán", bold=True)
    if qr_payload and adj.paid_at is None and adj.total > 0:
        buf = io.BytesIO()
        segno.make(qr_payload, error="m").save(buf, kind="png", scale=4, border=2)
        pdf.line_text("Quét mã VietQR bằng ứng dụng ngân hàng để thanh toán đúng số tiền:", 9)
        pdf.image(io.BytesIO(buf.getvalue()), w=40)
    pdf.ln(4)
    pdf.line_text(
        "Bản thể hiện do ứng dụng Điện Nhà tạo để tra cứu. Hóa đơn điện tử gốc có chữ ký số của "
        "đơn vị bán điện là chứng từ pháp lý.",
        8,
    )
    return bytes(pdf.output())
