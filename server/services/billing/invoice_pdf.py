"""The e-invoice copy of a bill as a PDF (fpdf2), with an embedded Unicode font (DejaVu Sans,
server/fonts) so Vietnamese renders, and the bill's VietQR while it is unpaid.

An invoice is in Vietnamese; for a reader whose language is English the labels carry their
English in brackets after the Vietnamese, the way Decree 123/2020 (art. 10.13) lets an
invoice add a foreign language — the Vietnamese stays the legal text."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import segno
from fpdf import FPDF

from domain.models.bills import Bill
from server.models import Contract
from server.services.billing.periods import LOCAL_TZ
from server.services.billing.vnd_words import vnd_in_words

FONTS = Path(__file__).resolve().parents[2] / "fonts"
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
    "credit": "trừ vào khoản điều chỉnh giảm",
}
COLUMNS = (
    ("Bậc", 14),
    ("Định mức (kWh)", 36),
    ("Điện năng (kWh)", 40),
    ("Đơn giá (đ/kWh)", 40),
    ("Thành tiền (đ)", 50),
)
# Vietnamese label -> its English, added in brackets for an English reader.
ENGLISH = {
    "HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)": "VAT invoice (electricity)",
    "Bản thể hiện của hóa đơn điện tử": "Display copy of the e-invoice",
    "Khách hàng:": "Customer",
    "Địa chỉ:": "Address",
    "Mã khách hàng:": "Customer code",
    "Số hộ dùng chung:": "Households sharing the meter",
    "Kỳ hóa đơn:": "Billing period",
    "Chỉ số cũ / chỉ số mới:": "Previous / current reading",
    "Điện năng tiêu thụ:": "Energy used",
    "Cộng tiền điện:": "Electricity charge",
    "Thuế GTGT": "VAT",
    "Tổng cộng tiền thanh toán:": "Total to pay",
    "Hạn thanh toán:": "Due date",
    "Trạng thái:": "Status",
    "Đã thanh toán": "Paid",
    "Quá hạn — chưa thanh toán": "Overdue — unpaid",
    "Chưa thanh toán": "Unpaid",
    "Quét mã VietQR bằng ứng dụng ngân hàng để thanh toán đúng số tiền:": (
        "Scan the VietQR code with a banking app to pay the exact amount"
    ),
    "Số tiền viết bằng chữ:": "Amount in words",
    "Trừ điều chỉnh": "Credit from adjustment",
    "Số tiền còn phải thanh toán:": "Amount to pay",
}


def label(vietnamese: str, lang: str) -> str:
    """`Khách hàng (Customer):` for an English reader; the Vietnamese alone otherwise."""
    english = ENGLISH.get(vietnamese)
    if lang != "en" or english is None:
        return vietnamese
    colon = vietnamese.endswith(":")
    return f"{vietnamese.removesuffix(':')} ({english}){':' if colon else ''}"


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
        self.label_width = 70  # mm; wider when labels carry their English

    def line_text(self, text: str, size: float = 10, bold: bool = False, align: str = "L"):
        self.set_font("DejaVu", "B" if bold else "", size)
        self.multi_cell(0, size * 0.55, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def pair(self, label: str, value: str, bold: bool = False) -> None:
        self.set_font("DejaVu", "", 10)
        self.cell(self.label_width, 6, label)
        self.set_font("DejaVu", "B" if bold else "", 10)
        self.multi_cell(0, 6, value, align="L", new_x="LMARGIN", new_y="NEXT")  # addresses wrap


def render_invoice(
    bill: Bill,
    contract: Contract,
    qr_payload: str | None,
    seller: str,
    lang: str = "vi",
    credits: tuple[tuple[str, int], ...] = (),
) -> bytes:
    """The invoice; `credits` are (adjustment bill number, amount) carried to this bill: they
    are listed under the total, which stays the invoice's, with the amount left to pay."""
    pdf = _Invoice()
    pdf.label_width = 100 if lang == "en" else 70
    pdf.set_title(f"Hóa đơn tiền điện {bill.invoice_serial} {bill.invoice_no}")
    pdf.set_author(seller)
    pdf.add_page()
    company = COMPANIES.get(bill.customer_code[:2], "Đơn vị điện lực")
    pdf.line_text(company, 11, bold=True)
    pdf.line_text("HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)", 15, bold=True, align="C")
    if lang == "en":
        pdf.line_text(ENGLISH["HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)"], 10, align="C")
    pdf.line_text(label("Bản thể hiện của hóa đơn điện tử", lang), 9, align="C")
    pdf.line_text(
        f"Ký hiệu: {bill.invoice_serial}    Số: {bill.invoice_no}    "
        f"Ngày lập: {day(bill.issued_on)}",
        10,
        align="C",
    )
    pdf.ln(3)
    pdf.pair(label("Khách hàng:", lang), contract.name, bold=True)
    pdf.pair(label("Địa chỉ:", lang), contract.address)
    pdf.pair(label("Mã khách hàng:", lang), bill.customer_code, bold=True)
    pdf.pair(label("Số hộ dùng chung:", lang), str(bill.households))
    days = (bill.period_end - bill.period_start).days + 1
    pdf.pair(
        label("Kỳ hóa đơn:", lang),
        f"từ {day(bill.period_start)} đến {day(bill.period_end)} ({days} ngày)",
    )
    pdf.pair(
        label("Chỉ số cũ / chỉ số mới:", lang), f"{kwh(bill.start_index)} / {kwh(bill.end_index)}"
    )
    pdf.pair(label("Điện năng tiêu thụ:", lang), f"{kwh(bill.kwh)} kWh", bold=True)
    pdf.ln(2)
    _tiers(pdf, bill)
    pdf.ln(2)
    pdf.pair(label("Cộng tiền điện:", lang), f"{money(bill.subtotal)} đ")
    vat_rate = f"{(bill.vat_rate * 100).normalize():f}%"
    pdf.pair(f"{label('Thuế GTGT', lang)} {vat_rate}:", f"{money(bill.vat)} đ")
    pdf.pair(label("Tổng cộng tiền thanh toán:", lang), f"{money(bill.total)} đ", bold=True)
    pdf.line_text(f"{label('Số tiền viết bằng chữ:', lang)} {vnd_in_words(bill.total)}.", 10)
    for number, amount in credits:
        pdf.pair(f"{label('Trừ điều chỉnh', lang)} (hóa đơn {number}):", f"-{money(amount)} đ")
    if credits:
        pdf.pair(label("Số tiền còn phải thanh toán:", lang), f"{money(bill.amount_due)} đ", True)
    pdf.ln(2)
    pdf.pair(label("Hạn thanh toán:", lang), day(bill.due_date), bold=True)
    if bill.paid_at is not None:
        paid = bill.paid_at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
        channel = CHANNELS.get(bill.channel or "", bill.channel or "ngân hàng")
        paid_word = label("Đã thanh toán", lang)
        pdf.pair(label("Trạng thái:", lang), f"{paid_word} lúc {paid} ({channel})")
    else:
        status = "Quá hạn — chưa thanh toán" if bill.status == "overdue" else "Chưa thanh toán"
        pdf.pair(label("Trạng thái:", lang), label(status, lang), bold=True)
    if qr_payload and bill.paid_at is None:
        buf = io.BytesIO()
        segno.make(qr_payload, error="m").save(buf, kind="png", scale=4, border=2)
        pdf.ln(2)
        scan = "Quét mã VietQR bằng ứng dụng ngân hàng để thanh toán đúng số tiền:"
        pdf.line_text(label(scan, lang), 9)
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
