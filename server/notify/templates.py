"""Wording of every notice kind in Vietnamese and English: inbox title and body, and a short SMS.

Placeholders are `{param:format}` (formats in render.py); a `[[…]]` part is left out when a
parameter inside it is missing or empty. SMS texts are written naturally here and folded to
GSM-7 (no diacritics) when sent.
"""

from __future__ import annotations

from typing import NamedTuple


class Texts(NamedTuple):
    title: str
    body: str
    sms: str


VI: dict[str, Texts] = {
    "bill_issued": Texts(
        "Hóa đơn tiền điện tháng {month:month}",
        "Mã KH {code}: hóa đơn tháng {month:month}[[ ({kwh:kwh})]] là {total:money}"
        "[[, hạn thanh toán {due_date:date}]]. Thanh toán ngay trong ứng dụng bằng mã QR.",
        "Mã KH {code}: hóa đơn tháng {month:month} là {total:money}[[, hạn {due_date:date}]].",
    ),
    "payment_due": Texts(
        "Hóa đơn sắp đến hạn",
        "Hóa đơn[[ tháng {month:month}]] của mã KH {code}, số tiền {total:money}, đến hạn ngày "
        "{due_date:date}. Thanh toán trong ứng dụng để tránh quá hạn.",
        "Mã KH {code}: hóa đơn {total:money} đến hạn {due_date:date}.",
    ),
    "payment_overdue": Texts(
        "Hóa đơn đã quá hạn",
        "Hóa đơn[[ tháng {month:month}]] của mã KH {code}, số tiền {total:money}, đã quá hạn"
        "[[ {days_late} ngày]][[ (hạn {due_date:date})]]. Vui lòng thanh toán sớm.",
        "Mã KH {code}: hóa đơn {total:money} đã quá hạn. Vui lòng thanh toán sớm.",
    ),
    "disconnection_warning": Texts(
        "Cảnh báo tạm ngừng cấp điện do nợ tiền điện",
        "Mã KH {code} còn nợ {total:money}. Nếu chưa thanh toán, điện có thể bị tạm ngừng"
        "[[ từ ngày {disconnect_from:date}]]. Thanh toán ngay để tránh gián đoạn.",
        "Mã KH {code} còn nợ {total:money}. Điện có thể bị tạm ngừng"
        "[[ từ {disconnect_from:date}]] nếu chưa thanh toán.",
    ),
    "payment_received": Texts(
        "Đã nhận thanh toán",
        "Đã nhận {amount:money} cho hóa đơn[[ tháng {month:month}]] của mã KH {code}"
        "[[ lúc {paid_at:time}]]. Cảm ơn quý khách.",
        "Đã nhận {amount:money} cho mã KH {code}. Cảm ơn quý khách.",
    ),
    "outage_planned": Texts(
        "Lịch tạm ngừng cấp điện",
        "Khu vực {area} tạm ngừng cấp điện từ {starts_at:time} đến {ends_at:time}"
        "[[. Lý do: {reason}]].",
        "Ngừng cấp điện {area} từ {starts_at:time} đến {ends_at:time}.",
    ),
    "outage_changed": Texts(
        "Thay đổi lịch ngừng cấp điện",
        "Lịch ngừng cấp điện tại {area} đã thay đổi: nay từ {starts_at:time} đến "
        "{ends_at:time}[[. Lý do: {reason}]].",
        "Đổi lịch ngừng cấp điện {area}: {starts_at:time} đến {ends_at:time}.",
    ),
    "outage_cancelled": Texts(
        "Hủy lịch ngừng cấp điện",
        "Lịch ngừng cấp điện tại {area} từ {starts_at:time} đến {ends_at:time} đã được hủy; "
        "điện vẫn được cấp bình thường.",
        "Hủy lịch ngừng cấp điện {area} từ {starts_at:time}.",
    ),
    "reading_date": Texts(
        "Lịch ghi chỉ số công tơ",
        "Công tơ của mã KH {code} sẽ được ghi chỉ số vào ngày {read_on:date}.",
        "Mã KH {code}: ghi chỉ số công tơ ngày {read_on:date}.",
    ),
    "abnormal_use": Texts(
        "Điện tiêu thụ tăng bất thường",
        "Ngày {date:date}, mã KH {code} dùng {kwh:kwh}"
        "[[, vượt ngưỡng {threshold_kwh:kwh} bạn đã đặt]]. Hãy kiểm tra các thiết bị điện trong nhà.",
        "Mã KH {code} ngày {date:date} dùng {kwh:kwh}[[, vượt ngưỡng {threshold_kwh:kwh}]].",
    ),
    "forecast_over_threshold": Texts(
        "Hóa đơn dự kiến vượt ngưỡng",
        "Hóa đơn kỳ này của mã KH {code} dự kiến khoảng {projected_total:money}"
        "[[ ({projected_kwh:kwh})]][[, vượt ngưỡng {threshold_vnd:money} bạn đã đặt]].",
        "Mã KH {code}: hóa đơn kỳ này dự kiến {projected_total:money}"
        "[[, vượt ngưỡng {threshold_vnd:money}]].",
    ),
    "link_request": Texts(
        "Yêu cầu liên kết mới",
        "Người dùng tự xưng “{name}” ({asker}) xin liên kết với mã KH {code}"
        "[[ – lời nhắn của người xin: “{note}”]]. Phần trong ngoặc kép là lời của người xin, "
        "không phải của Điện Nhà. Mở ứng dụng để đồng ý hoặc từ chối.",
        "{asker} xin liên kết với mã KH {code}. Mở ứng dụng Điện Nhà để duyệt.",
    ),
    "link_approved": Texts(
        "Liên kết đã được đồng ý",
        "Chủ hợp đồng đã đồng ý cho bạn xem thông tin của mã KH {code}.",
        "Chủ hợp đồng đã đồng ý liên kết mã KH {code} với bạn.",
    ),
    "link_denied": Texts(
        "Yêu cầu liên kết bị từ chối",
        "Chủ hợp đồng đã từ chối yêu cầu liên kết với mã KH {code}.",
        "Yêu cầu liên kết mã KH {code} đã bị từ chối.",
    ),
    "link_revoked": Texts(
        "Liên kết đã bị thu hồi",
        "Chủ hợp đồng đã thu hồi quyền xem thông tin của mã KH {code}.",
        "Quyền xem mã KH {code} của bạn đã bị thu hồi.",
    ),
    "new_sign_in": Texts(
        "Đăng nhập mới",
        "Tài khoản của bạn vừa được đăng nhập[[ trên {device}]][[ lúc {at:time}]]. Nếu không phải "
        "bạn, hãy đổi mật khẩu và đăng xuất khỏi mọi thiết bị.",
        "Tài khoản vừa đăng nhập[[ lúc {at:time}]]. Nếu không phải bạn, hãy đổi mật khẩu.",
    ),
    "announcement": Texts("[[{title}]]", "[[{body}]]", "[[{title}: ]][[{body}]]"),
}

EN: dict[str, Texts] = {
    "bill_issued": Texts(
        "Electricity bill for {month:month}",
        "Customer {code}: your bill for {month:month}[[ ({kwh:kwh})]] is {total:money}"
        "[[, due {due_date:date}]]. Pay in the app with the QR code.",
        "Customer {code}: bill {month:month} is {total:money}[[, due {due_date:date}]].",
    ),
    "payment_due": Texts(
        "Bill due soon",
        "The[[ {month:month}]] bill of {total:money} for customer {code} is due on "
        "{due_date:date}. Pay in the app to avoid it becoming overdue.",
        "Customer {code}: bill of {total:money} due {due_date:date}.",
    ),
    "payment_overdue": Texts(
        "Bill overdue",
        "The[[ {month:month}]] bill of {total:money} for customer {code} is overdue"
        "[[ by {days_late} days]][[ (it was due on {due_date:date})]]. Please pay soon.",
        "Customer {code}: bill of {total:money} is overdue. Please pay soon.",
    ),
    "disconnection_warning": Texts(
        "Warning: supply may be suspended for unpaid bills",
        "Customer {code} owes {total:money}. If it stays unpaid, the supply may be suspended"
        "[[ from {disconnect_from:date}]]. Pay now to avoid an interruption.",
        "Customer {code} owes {total:money}. Supply may be suspended"
        "[[ from {disconnect_from:date}]] if unpaid.",
    ),
    "payment_received": Texts(
        "Payment received",
        "We received {amount:money} for the[[ {month:month}]] bill of customer {code}"
        "[[ at {paid_at:time}]]. Thank you.",
        "Received {amount:money} for customer {code}. Thank you.",
    ),
    "outage_planned": Texts(
        "Planned power outage",
        "The power in {area} will be off from {starts_at:time} to {ends_at:time}"
        "[[. Reason: {reason}]].",
        "Power off in {area} from {starts_at:time} to {ends_at:time}.",
    ),
    "outage_changed": Texts(
        "Planned outage changed",
        "The planned outage in {area} has changed: now from {starts_at:time} to "
        "{ends_at:time}[[. Reason: {reason}]].",
        "Outage in {area} changed: {starts_at:time} to {ends_at:time}.",
    ),
    "outage_cancelled": Texts(
        "Planned outage cancelled",
        "The planned outage in {area} from {starts_at:time} to {ends_at:time} is cancelled; "
        "the power stays on.",
        "Outage in {area} from {starts_at:time} is cancelled.",
    ),
    "reading_date": Texts(
        "Meter reading date",
        "The meter of customer {code} will be read on {read_on:date}.",
        "Customer {code}: meter reading on {read_on:date}.",
    ),
    "abnormal_use": Texts(
        "Unusually high electricity use",
        "On {date:date}, customer {code} used {kwh:kwh}"
        "[[, above your limit of {threshold_kwh:kwh}]]. Check the appliances at home.",
        "Customer {code} used {kwh:kwh} on {date:date}[[, above {threshold_kwh:kwh}]].",
    ),
    "forecast_over_threshold": Texts(
        "Bill forecast above your limit",
        "This period's bill for customer {code} is forecast at about {projected_total:money}"
        "[[ ({projected_kwh:kwh})]][[, above your limit of {threshold_vnd:money}]].",
        "Customer {code}: bill forecast {projected_total:money}[[, above {threshold_vnd:money}]].",
    ),
    "link_request": Texts(
        "New link request",
        "A user who calls themself “{name}” ({asker}) asks to link to customer {code}"
        "[[ – the asker's note: “{note}”]]. Words in quotes are the asker's, not Điện Nhà's. "
        "Open the app to approve or deny.",
        "{asker} asks to link to customer {code}. Open the Dien Nha app to decide.",
    ),
    "link_approved": Texts(
        "Link approved",
        "The contract owner approved your link to customer {code}.",
        "Your link to customer {code} was approved.",
    ),
    "link_denied": Texts(
        "Link request denied",
        "The contract owner denied your request to link to customer {code}.",
        "Your link request for customer {code} was denied.",
    ),
    "link_revoked": Texts(
        "Link revoked",
        "The contract owner revoked your access to customer {code}.",
        "Your access to customer {code} was revoked.",
    ),
    "new_sign_in": Texts(
        "New sign-in",
        "Your account was just signed in[[ on {device}]][[ at {at:time}]]. If this was not you, "
        "change your password and sign out on every device.",
        "New sign-in to your account[[ at {at:time}]]. Not you? Change your password.",
    ),
    "announcement": Texts("[[{title}]]", "[[{body}]]", "[[{title}: ]][[{body}]]"),
}

# Service-request notices live in their own file (issue 16).
from server.notify import service_texts  # noqa: E402

VI.update({kind: Texts(*t) for kind, t in service_texts.VI.items()})
EN.update({kind: Texts(*t) for kind, t in service_texts.EN.items()})
# Bill-review notices (issue 18).
from server.notify import bill_review_texts  # noqa: E402

VI.update({kind: Texts(*t) for kind, t in bill_review_texts.VI.items()})
EN.update({kind: Texts(*t) for kind, t in bill_review_texts.EN.items()})

# Unplanned-outage notices (issue 17).
from server.notify import incident_texts  # noqa: E402

VI.update({kind: Texts(*t) for kind, t in incident_texts.VI.items()})
EN.update({kind: Texts(*t) for kind, t in incident_texts.EN.items()})
TEXTS: dict[str, dict[str, Texts]] = {"vi": VI, "en": EN}
# A kind this build does not know yet (a newer sender) still shows something sensible.
FALLBACK = {
    "vi": Texts("Thông báo mới", "Mở ứng dụng để xem chi tiết.", "Bạn có thông báo mới."),
    "en": Texts("New notice", "Open the app for details.", "You have a new notice."),
}
