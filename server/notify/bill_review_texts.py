"""Wording of the bill-review notices (issue 18), vi first; templates.py merges them in.

bill_review_no_change   ref ("service_request", id): tracking_no, code, bill_id, reason
bill_adjustment_issued  ref ("adjustment", id): code, adjustment_id, bill_id, tracking_no,
                        amount (unsigned), direction (owed | credit), due_date, reason"""

from __future__ import annotations

VI: dict[str, tuple[str, str, str]] = {
    "bill_review_no_change": (
        "Hóa đơn đã được kiểm tra: không thay đổi",
        "Mã KH {code}: yêu cầu {tracking_no} đã được kiểm tra, hóa đơn đúng. Lý do: {reason}",
        "Ma KH {code}: hoa don da duoc kiem tra, khong thay doi ({tracking_no}).",
    ),
    "bill_adjustment_issued": (
        "Hóa đơn điều chỉnh",
        "Mã KH {code}: sau yêu cầu {tracking_no}, hóa đơn được điều chỉnh {amount:money}"
        " ({direction}). [[Hạn thanh toán {due_date:date}. ]]Lý do: {reason}",
        "Ma KH {code}: hoa don dieu chinh {amount:money} ({tracking_no}).",
    ),
}
EN: dict[str, tuple[str, str, str]] = {
    "bill_review_no_change": (
        "Bill checked: no change",
        "Customer {code}: request {tracking_no} was checked and the bill is right. "
        "Reason: {reason}",
        "Customer {code}: bill checked, no change ({tracking_no}).",
    ),
    "bill_adjustment_issued": (
        "Adjustment bill",
        "Customer {code}: after request {tracking_no} the bill was adjusted by {amount:money}"
        " ({direction}). [[Due {due_date:date}. ]]Reason: {reason}",
        "Customer {code}: adjustment bill of {amount:money} ({tracking_no}).",
    ),
}
