"""Stable accessibility identifiers: read by screen-reader tooling and by the e2e tests."""

from __future__ import annotations

from typing import Any

import flet as ft


def tagged(
    identifier: str,
    control: ft.Control,
    label: str | None = None,
    *,
    container: bool = False,
    **layout: Any,
) -> ft.Semantics:
    """Wrap `control` so the web's semantics tree shows `flt-semantics-identifier=identifier`.

    `label` is only for controls without visible text (icon buttons, images). Interactive
    controls merge the identifier into their own node; pass `container=True` for a group
    of non-interactive content (a card, a result list) so it keeps a node of its own.
    `layout` passes placement such as `col=` or `expand=` through to the wrapper.
    """
    return ft.Semantics(
        identifier=identifier, label=label, content=control, container=container, **layout
    )
