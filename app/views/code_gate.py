"""What a screen about the selected customer code shows until its data is there: no code
yet, a code awaiting approval, a load error with Retry, or loading (usage, bills, calendar)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.i18n import Translator
from app.views.accounts.view_model import AccountsViewModel
from app.widgets.screen import centred
from app.widgets.states import empty, load_failed, loading


def code_gate(
    t: Translator,
    accounts: AccountsViewModel,
    title: ft.Control,
    vm: Any,
    retry: Callable,
    *,
    needs_approval: bool = True,
) -> ft.Control | None:
    """None once `vm` (with `error`, `loaded`, `code`) holds the selected code's data."""
    selected = accounts.selected
    if accounts.loaded and not accounts.selected_code:
        return centred([title, empty(t.t("accounts.empty"), ft.Icons.LINK_OFF)])
    if needs_approval and selected is not None and selected.status != "approved":
        return centred([title, empty(t.t(f"accounts.note.{selected.status}"), ft.Icons.LOCK_CLOCK)])
    if vm.error and not vm.loaded:
        return centred([title, load_failed(t, vm.error, retry)])
    if not vm.loaded or (needs_approval and vm.code != accounts.selected_code):
        return centred([title, loading(t.t("common.loading"))])
    return None
