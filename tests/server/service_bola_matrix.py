"""Every /service-requests/{request_id}… and /admin/service-requests… route and who may call
it. A route missing here fails test_every_service_route_is_in_the_matrix.

kind "view": whoever may see the request (its filer; the owner of its code);
"filer": only the person who filed it (the owner who did not file it gets 403);
"staff": X-Staff-Key or a staff user, never a customer."""

from __future__ import annotations

from tests.server.bola_matrix import RouteRule

SR_MATRIX: dict[tuple[str, str], RouteRule] = {
    ("GET", "/service-requests/{request_id}"): RouteRule("view"),
    ("POST", "/service-requests/{request_id}/messages"): RouteRule(
        "view", body={"text": "Xin chào"}, ok=frozenset({201})
    ),
    ("POST", "/service-requests/{request_id}/sign/otp"): RouteRule(
        "filer", ok=frozenset({202, 409})
    ),
    ("POST", "/service-requests/{request_id}/sign"): RouteRule(
        "filer", body={"otp": "000000"}, ok=frozenset({400, 409})
    ),
    ("POST", "/service-requests/{request_id}/cancel"): RouteRule("view"),
    # multipart: the test sends a small JPEG as `file` to routes ending in /attachments
    ("POST", "/service-requests/{request_id}/attachments"): RouteRule("view", ok=frozenset({201})),
    ("GET", "/service-requests/{request_id}/attachments/{attachment_id}"): RouteRule("view"),
    ("GET", "/admin/service-requests/{request_id}/attachments/{attachment_id}"): RouteRule("staff"),
    ("GET", "/admin/service-requests/{request_id}"): RouteRule("staff"),
    ("POST", "/admin/service-requests/{request_id}/transition"): RouteRule(
        "staff", body={"status": "received"}, ok=frozenset({200, 409})
    ),
    ("POST", "/admin/service-requests/{request_id}/messages"): RouteRule(
        "staff", body={"text": "Chúng tôi sẽ đến vào thứ Hai"}, ok=frozenset({201})
    ),
    ("GET", "/admin/service-requests"): RouteRule("staff"),
}
