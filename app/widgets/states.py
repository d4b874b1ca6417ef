"""Loading, empty and error states shared by every screen that fetches something."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.i18n import Translator
from app.services.errors import AppError
from app.widgets.semantics import tagged


def loading(label: str) -> ft.Control:
    return ft.Container(
        content=ft.Row(
            [ft.ProgressRing(width=24, height=24, semantics_label=label), ft.Text(label)],
            alignment=ft.MainAxisAlignment.CENTER,
        ),
        padding=24,
    )


def empty(message: str, icon: ft.IconData = ft.Icons.INBOX_OUTLINED) -> ft.Control:
    return ft.Container(
        content=ft.Column(
            [ft.Icon(icon, size=40, color=ft.Colors.OUTLINE), ft.Text(message)],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        padding=24,
        alignment=ft.Alignment.CENTER,
    )


def error_notice(
    message: str, retry_label: str | None = None, on_retry: Callable | None = None
) -> ft.Control:
    actions: list[ft.Control] = []
    if on_retry and retry_label:
        actions.append(tagged("error-retry", ft.TextButton(retry_label, on_click=on_retry)))
    return ft.Container(
        content=ft.Row(
            [
                ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ERROR),
                ft.Text(message, color=ft.Colors.ON_ERROR_CONTAINER, expand=True),
                *actions,
            ],
        ),
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border_radius=12,
        padding=12,
    )


CONNECTIVITY_CODES = frozenset({"offline", "unavailable", "timeout"})


def is_connectivity(error: AppError | str | None) -> bool:
    """Said once by the banner over every screen, so the cards below need not repeat it."""
    code = error if isinstance(error, str) or error is None else error.code
    return code in CONNECTIVITY_CODES


def load_failed(t: Translator, error: AppError | str, on_retry: Callable | None) -> ft.Control:
    """A screen or card that could not load: a quiet line while the connection banner says
    why (it retries by itself), or the error with its own Retry for anything else."""
    if is_connectivity(error):
        return tagged(
            "load-waiting",
            ft.Container(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.HOURGLASS_EMPTY, color=ft.Colors.OUTLINE, size=20),
                        ft.Text(t.t("offline.waiting"), color=ft.Colors.ON_SURFACE_VARIANT),
                    ]
                ),
                padding=12,
            ),
            container=True,
        )
    return error_notice(t.error(error), t.t("common.retry"), on_retry)


def field_error(message: str | None) -> ft.Control | None:
    """A form-level error line announced to screen readers when it appears."""
    if not message:
        return None
    return ft.Semantics(
        live_region=True,
        content=ft.Text(message, color=ft.Colors.ERROR),
    )
