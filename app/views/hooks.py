"""The two hooks every screen starts with: its view model, and loading its data.

    vm = use_view_model(lambda s: BillsViewModel(repo=s.bills))
    use_load(load, accounts.selected_code, approved)

`use_view_model` makes the view model once per mounted screen from the session's services
(ServicesContext) and keeps it across renders; with `key`, a screen reused for another key
(articles of another kind) gets a fresh one. `use_load` runs `load` when the screen mounts,
when one of the dependencies changes and when the offline banner's Retry bumps
`AppState.reload_token` — so no screen forgets the Retry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import flet as ft

from app.context import Services, use_app_state, use_services

VM = TypeVar("VM")
# Flet types `initial` as `T | Callable[[], T]`, which mypy cannot solve for a function (it
# picks Never): here it is always a function.
_use_state = cast(Callable[[Callable[[], Any]], tuple[Any, Callable[[Any], None]]], ft.use_state)


def use_view_model(make: Callable[[Services], VM], *, key: object = None) -> VM:
    services = use_services()
    # The view model itself must be the state's value: Flet re-renders the screen when an
    # observable state value changes, and only then (wrapped in a tuple it would never redraw).
    vm: VM
    vm, set_vm = _use_state(lambda: make(services))
    made_for = ft.use_ref(key)
    if made_for.current != key:  # the same screen shown for another key
        made_for.current = key
        vm = make(services)
        set_vm(vm)
    return vm


def use_load(
    load: Callable[[], Awaitable[None] | None],
    *dependencies: Any,
    cleanup: Callable[[], Any] | None = None,
) -> None:
    state = use_app_state()
    ft.use_effect(load, [*dependencies, state.reload_token], cleanup=cleanup)
