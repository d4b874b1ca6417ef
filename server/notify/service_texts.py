"""Wording of the service-request notices (vi first, en); templates.py merges them in.

Params: tracking_no, type, service ({vi, en} name), code, note, appointment_date,
appointment_window, text (messages). ref ("service_request", id) deep-links to the request."""

from __future__ import annotations

_VI_STATUS = {
    "submitted": ("đã được gửi", "Công ty điện lực sẽ tiếp nhận và xử lý trong thời hạn cam kết."),
    "received": ("đã được tiếp nhận", "Nhân viên đang xem xét hồ sơ của bạn."),
    "scheduled": (
        "đã có lịch hẹn",
        "Lịch hẹn: ngày {appointment_date:date}[[, khung giờ {appointment_window}]].",
    ),
    "in_progress": ("đang được thực hiện", "Nhân viên điện lực đang thực hiện yêu cầu."),
    "done": ("đã hoàn thành", "Yêu cầu đã được thực hiện xong."),
    "rejected": ("bị từ chối", "[[Lý do: {note}.]] Bạn có thể gửi lại yêu cầu với thông tin đúng."),
    "cancelled": ("đã được hủy", "Yêu cầu đã được hủy theo đề nghị."),
}
_EN_STATUS = {
    "submitted": ("was submitted", "The company will handle it within its committed time."),
    "received": ("was received", "Our staff are reviewing it."),
    "scheduled": (
        "has an appointment",
        "Appointment: {appointment_date:date}[[, {appointment_window}]].",
    ),
    "in_progress": ("is in progress", "Our staff are carrying it out."),
    "done": ("is done", "The request has been carried out."),
    "rejected": (
        "was rejected",
        "[[Reason: {note}.]] You may file it again with the right details.",
    ),
    "cancelled": ("was cancelled", "The request was cancelled as asked."),
}


def _vi(status: str) -> tuple[str, str, str]:
    verb, body = _VI_STATUS[status]
    return (
        f"Yêu cầu {{tracking_no}} {verb}",
        f"{{service}}[[ – mã KH {{code}}]]: yêu cầu {{tracking_no}} {verb}. {body}",
        f"Yeu cau {{tracking_no}} {verb}.",
    )


def _en(status: str) -> tuple[str, str, str]:
    verb, body = _EN_STATUS[status]
    return (
        f"Request {{tracking_no}} {verb}",
        f"{{service}}[[ – customer {{code}}]]: request {{tracking_no}} {verb}. {body}",
        f"Request {{tracking_no}} {verb}.",
    )


VI: dict[str, tuple[str, str, str]] = {f"service_request_{s}": _vi(s) for s in _VI_STATUS}
EN: dict[str, tuple[str, str, str]] = {f"service_request_{s}": _en(s) for s in _EN_STATUS}
VI["service_request_message"] = (
    "Tin nhắn về yêu cầu {tracking_no}",
    "Công ty điện lực nhắn về yêu cầu {tracking_no}: “{text}”",
    "Tin nhan ve yeu cau {tracking_no}. Mo ung dung Dien Nha de xem.",
)
EN["service_request_message"] = (
    "Message about request {tracking_no}",
    "The power company wrote about request {tracking_no}: “{text}”",
    "Message about request {tracking_no}. Open the Dien Nha app to read it.",
)
