"""Hands the session's NoticeCenter down the component tree (provided in app.app.App)."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.views.notices.view_model import NoticeCenter

NoticesContext: Any = ft.create_context(None)


def use_notices() -> NoticeCenter:
    return ft.use_context(NoticesContext)
