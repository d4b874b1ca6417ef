"""The saved QR image (issue 21.10): a person with one phone saves it, opens the bank app and
picks it from the gallery, so the picture itself must say what it pays — amount, bill, payee,
due date — not only carry the code. Drawn with Pillow in DejaVu Sans (Vietnamese glyphs)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.i18n import Translator
from app.views.pay.qr_image import QrImage
from domain.models.bills import Bill, PaymentQr

FONTS = Path(__file__).resolve().parents[3] / "assets" / "fonts"
WIDTH = 900  # PNG pixels: sharp on a phone, small enough to send in a chat
MARGIN = 48


def card_lines(t: Translator, qr: PaymentQr, bill: Bill | None) -> list[tuple[str, str]]:
    """Label and value, in the person's language, of what the saved image must say."""
    lines = [
        (t.t("pay.card_amount"), t.money(qr.amount)),
        (t.t("pay.card_bill"), qr.bill_no),
        (t.t("pay.payee_title"), qr.account_name),
        (t.t("pay.account"), qr.account),
        (t.t("pay.purpose"), qr.purpose),
    ]
    if bill is not None:
        lines.insert(2, (t.t("pay.card_due"), t.date(bill.due_date)))
    return lines


def draw_qr_card(image: QrImage, title: str, lines: list[tuple[str, str]], hint: str) -> bytes:
    """The QR (black on white, quiet zone kept) above the lines and the how-to hint."""
    qr = Image.open(io.BytesIO(image.png)).convert("RGB")
    side = WIDTH - 2 * MARGIN
    qr = qr.resize((side, side), Image.Resampling.NEAREST)  # whole modules stay crisp
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 40)
    label_font = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 30)
    value_font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 34)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 26)
    hint_lines = _wrap(hint, small, side)
    height = MARGIN + 60 + side + 24 + len(lines) * 92 + 16 + len(hint_lines) * 36 + MARGIN
    card = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(card)
    y = MARGIN
    draw.text((MARGIN, y), title, font=bold, fill="black")
    y += 60
    card.paste(qr, (MARGIN, y))
    y += side + 24
    for label, value in lines:
        draw.text((MARGIN, y), label, font=label_font, fill="#444444")
        draw.text((MARGIN, y + 38), _fit(value, value_font, side), font=value_font, fill="black")
        y += 92
    y += 16
    for line in hint_lines:
        draw.text((MARGIN, y), line, font=small, fill="#444444")
        y += 36
    out = io.BytesIO()
    card.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    while font.getlength(text) > width and len(text) > 1:
        text = text[:-2] + "…"
    return text
