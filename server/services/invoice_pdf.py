"""The e-invoice copy of a bill as a PDF (fpdf2), with an embedded Unicode font (DejaVu Sans,
server/fonts) so Vietnamese renders, and the bill's VietQR while it is unpaid."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import segno
from fpdf import FPDF

from domain.models.bills import Bill
from server.models import Contract
from server.services.periods import LOCAL_TZ
from server.services.vnd_words import vnd_in_words

FONTS = Path(__file__).resolve().parent.parent / "fonts"
COMPANIES = {
    "PA": "Tổng công ty Điện lực miền Bắc (EVNNPC)",
    "PB": "Tổng công ty Điện lực miền Nam (EVNSPC)",
    "PC": "Tổng công ty Điện lực miền Trung (EVNCPC)",
    "PD": "Tổng công ty Điện lực TP. Hà Nội (EVNHANOI)",
    "PE": "Tổng công ty Điện lực TP. Hồ Chí Minh (EVNHCMC)",
}
CHANNELS = {
    "vietqr": "VietQR",
    "bank_transfer": "chuyển khoản",
    "momo": "ví MoMo",
    "zalopay": "ví ZaloPay",
    "counter": "tại quầy",
}
COLUMNS = (
    ("Bậc", 14),
    ("Định mức (kWh)", 36),
    ("Điện năng (kWh)", 40),
    ("Đơn giá (đ/kWh)", 40),
    ("Thành tiền (đ)", 50),
)


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def kwh(value: Decimal) -> str:
    text = f"{value:,f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


def day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


class _Invoice(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, 15)

    def line_text(self, text: str, size: float = 10, bold: bool = False, align: str = "L"):
        self.set_font("DejaVu", "B" if bold else "", size)
        self.multi_cell(0, size * 0.55, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def pair(self, label: str, value: str, bold: bool = False) -> None:
        self.set_font("DejaVu", "", 10)
        self.cell(70, 6, label)
        self.set_font("DejaVu", "B" if bold else "", 10)
        self.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")


def render_invoice(bill: Bill, contract: Contract, qr_payload: str | None, seller: str) -> bytes:
    pdf = _Invoice()
    pdf.set_title(f"Hóa đơn tiền điện {bill.invoice_serial} {bill.invoice_no}")
    pdf.set_author(seller)
    pdf.add_page()
    company = COMPANIES.get(bill.customer_code[:2], "Đơn vị điện lực")
    pdf.line_text(company, 11, bold=True)
    pdf.line_text("HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)", 15, bold=True, align="C")
    pdf.line_text("Bản thể hiện của hóa đơn điện tử", 9, align="C")
    pdf.line_text(
        f"Ký hiệu: {bill.invoice_serial}    Số: {bill.invoice_no}    "
        f"Ngày lập: {day(bill.issued_on)}",
        10,
        align="C",
    )
    pdf.ln(3)
    pdf.pair("Khách hàng:", contract.name, bold=True)
    pdf.pair("Địa chỉ:", contract.address)
    pdf.pair("Mã khách hàng:", bill.customer_code, bold=True)
    pdf.pair("Số hộ dùng chung:", str(bill.households))
    days = (bill.period_end - bill.period_start).days + 1
    pdf.pair("Kỳ hóa đơn:", f"từ {day(bill.period_start)} đến {day(bill.period_end)} ({days} ngày)")
    pdf.pair("Chỉ số cũ / chỉ số mới:", f"{kwh(bill.start_index)} / {kwh(bill.end_index)}")
    pdf.pair("Điện năng tiêu thụ:", f"{kwh(bill.kwh)} kWh", bold=True)
    pdf.ln(2)
    _tiers(pdf, bill)
    pdf.ln(2)
    pdf.pair("Cộng tiền điện:", f"{money(bill.subtotal)} đ")
    pdf.pair(f"Thuế GTGT ({(bill.vat_rate * 100).normalize():f}%):", f"{money(bill.vat)} đ")
    pdf.pair("Tổng cộng tiền thanh toán:", f"{money(bill.total)} đ", bold=True)
    pdf.line_text(f"Số tiền viết bằng chữ: {vnd_in_words(bill.total)}.", 10)
    pdf.ln(2)
    pdf.pair("Hạn thanh toán:", day(bill.due_date), bold=True)
    if bill.paid_at is not None:
        paid = bill.paid_at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
        channel = CHANNELS.get(bill.channel or "", bill.channel or "ngân hàng")
        pdf.pair("Trạng thái:", f"Đã thanh toán lúc {paid} ({channel})")
    else:
        status = "Quá hạn — chưa thanh toán" if bill.status == "overdue" else "Chưa thanh toán"
        pdf.pair("Trạng thái:", status, bold=True)
    if qr_payload and bill.paid_at is None:
        buf = io.BytesIO()
        segno.make(qr_payload, error="m").save(buf, kind="png", scale=4, border=2)
        pdf.ln(2)
        pdf.line_text("Quét mã VietQR bằng ứng dụng ngân hàng để thanh toán đúng số tiền:", 9)
        pdf.image(io.BytesIO(buf.getvalue()), w=40)
    pdf.ln(4)
    pdf.line_text(
        "Bản thể hiện do ứng dụng Điện Nhà tạo để tra cứu. Hóa đơn điện tử gốc có chữ ký số của "
        "đơn vị bán điện là chứng từ pháp lý.",
        8,
    )
    return bytes(pdf.output())


def _tiers(pdf: _Invoice, bill: Bill) -> None:
    for part in bill.breakdown.parts:
        if len(bill.breakdown.parts) > 1:
            pdf.line_text(
                f"Giá theo {part.decision} từ {day(part.valid_from)}: {part.days} ngày, "
                f"{kwh(part.kwh)} kWh",
                9,
                bold=True,
            )
        pdf.set_font("DejaVu", "B", 9)
        for title, width in COLUMNS:
            pdf.cell(width, 7, title, border=1, align="C")
        pdf.ln()
        pdf.set_font("DejaVu", "", 9)
        for line in part.tiers:
            cells = (
                str(line.tier),
                "" if line.width_kwh is None else str(line.width_kwh),
                kwh(line.kwh),
                money(line.price),
                money(line.amount),
            )
            for (_, width), text in zip(COLUMNS, cells, strict=True):
                pdf.cell(width, 6, text, border=1, align="R")
            pdf.ln()
