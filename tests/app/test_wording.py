"""Vietnamese texts read in sentence case (issue 21.8): a glossary term inside a sentence is
written in lower case ("Nhập mã khách hàng", "So với cùng kỳ năm trước"), only a sentence,
a label or a heading starts with a capital. Proper names (Điện Nhà, VietQR, EVN…) keep theirs."""

from __future__ import annotations

import re

from app.i18n import catalogue

# The glossary's vi terms (shared/SCREENS.md) that are common nouns or verbs.
TERMS = [
    "Mã khách hàng",
    "Thêm mã khách hàng",
    "Chủ hợp đồng",
    "Người liên kết",
    "Yêu cầu liên kết",
    "Chờ duyệt",
    "Đã duyệt",
    "Từ chối",
    "Thu hồi",
    "Rời khỏi",
    "Duyệt",
    "Nhật ký liên kết",
    "Trang chủ",
    "Sản lượng",
    "Cùng kỳ năm trước",
    "Dự báo hóa đơn",
    "Hóa đơn",
    "Chi tiết hóa đơn",
    "Hóa đơn điện tử",
    "Chỉ số đầu",
    "Chỉ số cuối",
    "Điện năng tiêu thụ",
    "Đơn giá",
    "Thành tiền",
    "Thuế GTGT",
    "Tổng cộng",
    "Hạn thanh toán",
    "Đã thanh toán",
    "Chưa thanh toán",
    "Quá hạn",
    "Thanh toán bằng mã QR",
    "Lịch ghi chỉ số",
    "Thông báo",
    "Đánh dấu đã đọc",
    "Tính tiền điện",
    "Biểu giá điện",
    "Cảnh báo lừa đảo",
    "Chính sách bảo vệ dữ liệu cá nhân",
    "Cài đặt",
    "Ngôn ngữ",
    "Xuất dữ liệu của tôi",
    "Xóa tài khoản",
    "Thử lại",
    "Đăng nhập",
    "Đăng ký",
    "Đăng xuất",
    "Số điện thoại",
    "Mật khẩu",
    "Mã OTP",
    "Quên mật khẩu",
    "Lịch",
    "Tôi đã xong",
]
# A capital is right after the start, a sentence end, a colon, an opening quote or a bullet.
STARTS = re.compile(r"(^|[.!?:…]\s+|[\"“(«]\s*|\n\s*|•\s*|–\s+)$")


def mid_sentence_capitals(text: str) -> list[str]:
    found = []
    for term in sorted(TERMS, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text):
            if not STARTS.search(text[: m.start()]):
                found.append(term)
    return found


def test_vietnamese_texts_are_in_sentence_case():
    bad = {
        key: sorted(set(terms))
        for key, text in catalogue("vi").items()
        if (terms := mid_sentence_capitals(text))
    }
    assert bad == {}, f"{len(bad)} texts: {bad}"


def test_the_rule_itself():
    assert mid_sentence_capitals("Nhập Mã khách hàng") == ["Mã khách hàng"]
    assert mid_sentence_capitals("Mã khách hàng gồm 13 ký tự") == []
    assert mid_sentence_capitals("Xong. Thử lại sau.") == []
    assert mid_sentence_capitals("Về Trang chủ") == ["Trang chủ"]
