"""A bill review's snapshot as staff read it: the sentence in the reader's language (issue 18)."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.services.staff_review import snapshot_lines
from tests.app.fakes.services import request

VI = "Hóa đơn tăng 85.400 đ so với tháng trước: dùng nhiều hơn 32 kWh (+76.100 đ)."
EN = "The bill is 85,400 ₫ more than last month: 32 kWh more used (+76,100 ₫)."


def sentence(lang: str, snapshot: dict) -> str:
    review = request("submitted").model_copy(update={"fields": {"snapshot": snapshot}})
    [tag] = snapshot_lines(Translator(lang), review)[:1]
    text = tag.content if isinstance(tag, ft.Semantics) else tag
    while not isinstance(text, ft.Text):
        text = text.content
    return str(text.value)


def test_staff_read_the_sentence_in_their_language():
    snap = {"explanation": {"sentence": VI}, "sentence_en": EN}
    assert sentence("vi", snap) == VI
    assert sentence("en", snap) == EN


def test_reviews_filed_before_the_english_sentence_show_the_vietnamese_one():
    assert sentence("en", {"explanation": {"sentence": VI}}) == VI
