"""Issue 21.10: the saved QR image is what a person with one phone picks from the gallery in the
bank app, so it must say what it pays (amount, bill, due date, payee) and still scan."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.i18n import Translator
from app.views.pay.qr_card import card_lines, draw_qr_card
from app.views.pay.qr_image import draw_qr
from tests.app.fakes.bills import demo_bills, payment_qr
from tests.app.views.pay.test_view_model import decoded


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_saved_card_scans_and_says_amount_bill_due_date_and_payee(lang):
    t = Translator(lang)
    bill = demo_bills()[94]
    qr = payment_qr(bill)
    lines = dict(card_lines(t, qr, bill))
    assert lines[t.t("pay.card_amount")] == t.money(bill.total)
    assert lines[t.t("pay.card_bill")] == qr.bill_no
    assert lines[t.t("pay.card_due")] == t.date(bill.due_date)
    assert lines[t.t("pay.payee_title")] == qr.account_name
    png = draw_qr_card(draw_qr(qr.payload), t.t("pay.card_title"), list(lines.items()), "hint")
    assert decoded(png) == [qr.payload]  # the text beside it does not spoil the scan
    picture = Image.open(io.BytesIO(png))
    assert picture.height > picture.width  # room for the lines below the code


def test_the_card_without_a_loaded_bill_still_names_amount_and_payee():
    t = Translator("vi")
    qr = payment_qr(demo_bills()[94])
    labels = [label for label, _ in card_lines(t, qr, None)]
    assert t.t("pay.card_amount") in labels and t.t("pay.card_due") not in labels


def test_text_that_does_not_fit_is_cut_with_an_ellipsis():
    from PIL import ImageFont

    from app.views.pay.qr_card import FONTS, _fit

    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 34)
    text = _fit("TỔNG CÔNG TY ĐIỆN LỰC " * 10, font, 400)
    assert text.endswith("…") and font.getlength(text) <= 400
