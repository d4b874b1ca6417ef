"""The one banner shown while the backend is unreachable: "you are offline" or "our service
is unavailable", an automatic retry with back-off, and a Retry that reloads screens now."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_t
from app.widgets.semantics import tagged


@ft.component
def OfflineBanner() -> ft.Control:
    state = use_app_state()
    t = use_t()
    if not state.offline:
        return ft.Container(visible=False)
    down = state.connection == "unavailable"
    text = t.t("offline.unavailable" if down else "offline.offline")
    if state.data_as_of is not None:  # phones and desktop showing the kept data
        text += "\n" + t.t("offline.saved_at", time=t.datetime(state.data_as_of))
    return tagged(
        "offline-banner",
        ft.Container(
            content=ft.Row(
                [
                    ft.Icon(
                        ft.Icons.CLOUD_OFF if down else ft.Icons.WIFI_OFF,
                        color=ft.Colors.ON_TERTIARY_CONTAINER,
                    ),
                    ft.Semantics(
                        live_region=True,
                        content=ft.Text(text, color=ft.Colors.ON_TERTIARY_CONTAINER),
                        expand=True,
                    ),
                    tagged(
                        "offline-retry",
                        ft.TextButton(t.t("common.retry"), on_click=state.retry, height=48),
                    ),
                ]
            ),
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            padding=ft.Padding.symmetric(horizontal=16, vertical=4),
        ),
        container=True,
    )
