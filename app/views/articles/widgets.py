"""Beside the fraud warning: the official website, opened only through the links allow-list."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.services.links_policy import LinksPolicy, open_link
from app.widgets.semantics import tagged


def official_links_card(t: Translator, policy: LinksPolicy, site: str) -> ft.Control | None:
    """None when there is nothing the policy lets this device open (a kiosk opens nothing)."""
    if not site or not policy.allowed(site):
        return None
    page = ft.context.page

    async def open_site() -> None:
        # Flet 1.0 pages cannot open addresses themselves (0.x could): its UrlLauncher can.
        if not await open_link(policy, site, ft.UrlLauncher().launch_url):
            page.show_dialog(ft.SnackBar(ft.Text(t.t("safety.link_refused"))))

    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    ft.Text(
                        t.t("safety.official_links"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM
                    ),
                    ft.Text(t.t("safety.official_links_help")),
                    tagged(
                        "official-site",
                        ft.OutlinedButton(
                            f"{t.t('safety.open_site')} ({site.removeprefix('https://')})",
                            icon=ft.Icons.OPEN_IN_NEW,
                            on_click=open_site,
                        ),
                    ),
                ],
                spacing=8,
            ),
            padding=16,
        )
    )
