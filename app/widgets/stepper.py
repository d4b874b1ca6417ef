"""‹ label ›: step through months, pages or years; an arrow without a handler is disabled."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.widgets.semantics import tagged


def stepper(
    identifier: str,
    text: str,
    back: tuple[str, Callable | None],
    forward: tuple[str, Callable | None],
    busy: bool = False,
) -> ft.Control:
    """‹ label › for months or pages; an arrow without a handler is disabled."""

    def arrow(name: str, icon: ft.IconData, tip: str, action: Callable | None) -> ft.Control:
        return tagged(
            f"{identifier}-{name}",
            ft.IconButton(icon, tooltip=tip, on_click=action, disabled=action is None or busy),
            label=tip,
        )

    return ft.Row(
        [
            arrow("prev", ft.Icons.CHEVRON_LEFT, *back),
            tagged(
                identifier,
                ft.Text(
                    text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, text_align=ft.TextAlign.CENTER
                ),
                container=True,
                expand=True,
            ),
            arrow("next", ft.Icons.CHEVRON_RIGHT, *forward),
        ],
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
    )
