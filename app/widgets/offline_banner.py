"""The banner shown while the backend is unreachable, with a Retry that reloads screens."""

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
    return tagged(
        "offline-banner",
        ft.Container(
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.CLOUD_OFF, color=ft.Colors.ON_TERTIARY_CONTAINER),
                    ft.Text(
                        t.t("offline.title"), color=ft.Colors.ON_TERTIARY_CONTAINER, expand=True
                    ),
                    tagged(
                        "offline-retry", ft.TextButton(t.t("common.retry"), on_click=state.retry)
                    ),
                ]
            ),
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            padding=ft.Padding.symmetric(horizontal=16, vertical=4),
        ),
        container=True,
    )
