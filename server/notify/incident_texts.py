"""Wording of the unplanned-outage notices (vi first, en); templates.py merges them in.

Params: incident_id, area (readable name), area_code, status, eta (ISO UTC, optional), code
(optional: the customer code of the reader in that area). ref ("incident", id)."""

from __future__ import annotations

_ETA_VI = "[[ Dự kiến có điện lại lúc {eta:time}.]]"
_ETA_EN = "[[ Power is expected back at {eta:time}.]]"

VI: dict[str, tuple[str, str, str]] = {
    "incident_confirmed": (
        "Đã xác nhận mất điện tại {area}",
        "Công ty điện lực đã xác nhận sự cố mất điện tại {area}[[ (mã KH {code})]]." + _ETA_VI,
        "Da xac nhan mat dien tai {area}." + _ETA_VI,
    ),
    "incident_crew_dispatched": (
        "Đội sửa chữa đang đến {area}",
        "Đội sửa chữa đã được cử đến khu vực {area}[[ (mã KH {code})]]." + _ETA_VI,
        "Doi sua chua dang den {area}." + _ETA_VI,
    ),
    "incident_restored": (
        "Đã có điện trở lại tại {area}",
        "Điện đã được cấp lại tại {area}[[ (mã KH {code})]]. Nếu nhà bạn vẫn mất điện, hãy "
        "báo lại trong ứng dụng.",
        "Da co dien tro lai tai {area}.",
    ),
    "incident_not_our_fault": (
        "Sự cố không thuộc lưới điện tại {area}",
        "Lưới điện tại {area} vẫn hoạt động bình thường; sự cố có thể nằm trong nhà bạn. Hãy "
        "kiểm tra cầu dao, aptomat hoặc gọi thợ điện.",
        "Luoi dien tai {area} binh thuong; hay kiem tra cau dao trong nha.",
    ),
    "incident_eta": (
        "Thời gian dự kiến có điện tại {area}",
        "Cập nhật sự cố mất điện tại {area}[[ (mã KH {code})]]." + _ETA_VI,
        "Cap nhat mat dien {area}." + _ETA_VI,
    ),
}
EN: dict[str, tuple[str, str, str]] = {
    "incident_confirmed": (
        "Power cut confirmed in {area}",
        "The power company confirmed the power cut in {area}[[ (customer {code})]]." + _ETA_EN,
        "Power cut confirmed in {area}." + _ETA_EN,
    ),
    "incident_crew_dispatched": (
        "A repair crew is on its way to {area}",
        "A repair crew was sent to {area}[[ (customer {code})]]." + _ETA_EN,
        "Repair crew on its way to {area}." + _ETA_EN,
    ),
    "incident_restored": (
        "Power is back in {area}",
        "Power has been restored in {area}[[ (customer {code})]]. If your home is still without "
        "power, report it again in the app.",
        "Power is back in {area}.",
    ),
    "incident_not_our_fault": (
        "The grid in {area} is working",
        "The grid in {area} works normally; the fault may be inside your home. Check your "
        "main switch and breakers or call an electrician.",
        "Grid in {area} is normal; check the switches in your home.",
    ),
    "incident_eta": (
        "New estimate for power in {area}",
        "Update on the power cut in {area}[[ (customer {code})]]." + _ETA_EN,
        "Power cut update {area}." + _ETA_EN,
    ),
}
