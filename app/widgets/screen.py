"""The frame of a standalone screen: app bar with back, offline banner, centred scrolling body."""

from __future__ import annotations

import flet as ft

from app.context import use_t, use_viewport
from app.widgets.offline_banner import OfflineBanner
from app.widgets.semantics import tagged
from app.widgets.top_bar import top_actions

FORM_WIDTH = 560
PAGE_WIDTH = 960


def back_button(to: str, label: str) -> ft.Control:
    return tagged(
        "back",
        ft.IconButton(
            ft.Icons.ARROW_BACK,
            tooltip=label,
            on_click=lambda: ft.context.page.navigate(to),
        ),
        label=label,
    )


def centred(controls: list[ft.Control], max_width: int = PAGE_WIDTH) -> ft.Control:
    """A column no wider than `max_width`, centred on wide windows, full width on phones."""
    viewport = use_viewport()
    width = None
    if viewport.width and viewport.width - 32 > max_width:
        width = max_width
    return ft.Row(
        [
            ft.Container(
                ft.Column(controls, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                width=width,
                expand=width is None,
            )
        ],
        alignment=ft.MainAxisAlignment.CENTER,
    )


def screen(
    route: str,
    title: str,
    body: list[ft.Control],
    *,
    back_to: str | None = None,
    actions: list[ft.Control] | None = None,
    max_width: int = PAGE_WIDTH,
) -> ft.View:
    """Call inside a component; returns the View the router stacks for `route`."""
    t = use_t()
    return ft.View(
        route=route,
        appbar=ft.AppBar(
            title=ft.Text(title),
            leading=back_button(back_to, t.t("common.back")) if back_to else None,
            automatically_imply_leading=False,
            actions=[*(actions or []), *top_actions(with_settings=False)],
        ),
        controls=[OfflineBanner(), centred(body, max_width)],
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(16),
    )


def page_title(title: str, back_to: str | None = None) -> ft.Control:
    """Heading of a page shown inside the signed-in shell (which owns the app bar)."""
    t = use_t()
    controls: list[ft.Control] = []
    if back_to:
        controls.append(back_button(back_to, t.t("common.back")))
    controls.append(ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL, expand=True))
    return ft.Semantics(header=True, content=ft.Row(controls))
