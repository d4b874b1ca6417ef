"""Where a notice leads: the bill, outage, link or usage it is about (None: nowhere)."""

from __future__ import annotations

from domain.digits import is_ascii_digits
from domain.models import NotificationPublic

# ref_type -> path; the code the notice is about is selected before going there.
_PATHS = {
    "outage": "/calendar",
    "reading": "/calendar",
    "link": "/links",
    "day": "/usage",
    "forecast": "/usage",
}


def target_for(notice: NotificationPublic) -> str | None:
    if notice.ref_type == "bill" and is_ascii_digits(notice.ref_id):
        return f"/bills/{notice.ref_id}"
    if notice.ref_type == "service_request" and is_ascii_digits(notice.ref_id):
        return f"/services/requests/{notice.ref_id}"
    if notice.ref_type == "incident" and is_ascii_digits(notice.ref_id):
        return f"/incidents/{notice.ref_id}"
    if notice.ref_type in _PATHS:
        return _PATHS[notice.ref_type]
    if notice.kind == "new_sign_in":
        return "/settings/password"  # "not you? change your password" (then the devices list)
    return None
