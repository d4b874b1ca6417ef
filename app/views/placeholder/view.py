"""Placeholder for a feature screen that is not built yet; says so in the person's language."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.context import use_accounts, use_t
from app.widgets.screen import centred, page_title
from app.widgets.states import empty


def coming_soon(title_key: str, icon: ft.IconData) -> Callable[[], ft.Control]:
    """A route component for `title_key`; replace it in app/routes.py when the feature lands."""

    @ft.component
    def ComingSoon() -> ft.Control:
        t = use_t()
        accounts = use_accounts()
        code = accounts.selected_code or ""
        return centred(
            [
                page_title(t.t(title_key)),
                empty(t.t("placeholder.body", code=code), icon),
            ]
        )

    ComingSoon.__name__ = f"ComingSoon_{title_key.replace('.', '_')}"
    return ComingSoon
