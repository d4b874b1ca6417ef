"""Cards of the guest home: estimator form and result, outage look-up, public links."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.i18n import Translator
from app.views.guest.view_model import EstimatorViewModel, OutageLookupViewModel
from app.widgets.breakdown import breakdown_card
from app.widgets.form_fields import field_error_text, form_messages, submit_button, text_field
from app.widgets.semantics import tagged
from app.widgets.states import empty
from domain.models.outages import OutagePublic


def section(title: str, icon: ft.IconData, controls: list[ft.Control]) -> ft.Control:
    header = ft.Row(
        [
            ft.Icon(icon, color=ft.Colors.PRIMARY),
            ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_LARGE, expand=True),
        ]
    )
    return ft.Card(
        ft.Container(
            ft.Column(
                [ft.Semantics(header=True, content=header), *controls],
                spacing=12,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            ),
            padding=16,
        )
    )


def estimator_card(
    t: Translator, vm: EstimatorViewModel, pick_start: Callable, pick_end: Callable
) -> ft.Control:
    assert vm.period_start and vm.period_end
    period = ft.ResponsiveRow(
        [
            tagged(
                "estimate-from",
                ft.OutlinedButton(
                    t.t("estimate.from", date=t.date(vm.period_start)),
                    icon=ft.Icons.CALENDAR_MONTH,
                    on_click=pick_start,
                ),
                col={"xs": 12, "sm": 6},
            ),
            tagged(
                "estimate-to",
                ft.OutlinedButton(
                    t.t("estimate.to", date=t.date(vm.period_end)),
                    icon=ft.Icons.CALENDAR_MONTH,
                    on_click=pick_end,
                ),
                col={"xs": 12, "sm": 6},
            ),
        ],
    )
    controls: list[ft.Control] = [
        ft.Text(t.t("estimate.intro")),
        text_field(t, vm, "kwh_text", "estimate.kwh", "estimate-kwh", kind="number"),
        text_field(
            t, vm, "households_text", "estimate.households", "estimate-households", kind="number"
        ),
        period,
    ]
    if message := field_error_text(t, vm, "period"):
        controls.append(ft.Text(message, color=ft.Colors.ERROR))
    controls += form_messages(t, vm)
    controls.append(submit_button(t.t("estimate.submit"), "estimate-submit", vm, vm.estimate))
    if vm.result and vm.warning:
        controls.append(
            tagged(
                "estimate-warning",
                ft.Row(
                    [
                        ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, color=ft.Colors.TERTIARY),
                        ft.Text(t.t(vm.warning), expand=True),
                    ]
                ),
            )
        )
    if vm.result:
        controls.append(breakdown_card(t, vm.result, "estimate-result"))
    return section(t.t("estimate.title"), ft.Icons.CALCULATE_OUTLINED, controls)


def outage_tile(t: Translator, outage: OutagePublic) -> ft.Control:
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.POWER_OFF_OUTLINED, color=ft.Colors.TERTIARY),
        title=ft.Text(
            t.t(
                "outages.window", start=t.datetime(outage.starts_at), end=t.datetime(outage.ends_at)
            )
        ),
        subtitle=ft.Text(f"{outage.area_name or outage.area} · {outage.reason_in(t.locale)}"),
    )


def outage_card(t: Translator, vm: OutageLookupViewModel) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Text(t.t("outages.intro")),
        text_field(t, vm, "code", "common.customer_code", "outage-code", on_submit=vm.look_up),
        *form_messages(t, vm),
        submit_button(t.t("outages.look_up"), "outage-submit", vm, vm.look_up),
    ]
    if vm.looked_up and not vm.busy:
        results = [outage_tile(t, o) for o in vm.outages] or [
            empty(t.t("outages.none", code=vm.looked_up), ft.Icons.EVENT_AVAILABLE)
        ]
        controls.append(tagged("outage-results", ft.Column(results), container=True))
    return section(t.t("outages.title"), ft.Icons.POWER_OFF_OUTLINED, controls)


def public_links(t: Translator) -> ft.Control:
    items = [
        ("tariffs", ft.Icons.PRICE_CHANGE_OUTLINED, "tariffs.title", "/guest/tariffs"),
        ("services", ft.Icons.HOME_REPAIR_SERVICE_OUTLINED, "services.title", "/guest/services"),
        ("news", ft.Icons.NEWSPAPER, "articles.news", "/guest/articles/news"),
        ("fraud", ft.Icons.GPP_MAYBE_OUTLINED, "articles.fraud", "/guest/articles/fraud"),
        ("privacy", ft.Icons.PRIVACY_TIP_OUTLINED, "articles.privacy", "/guest/articles/privacy"),
    ]
    return ft.Card(
        ft.Column(
            [
                tagged(
                    f"link-{name}",
                    ft.ListTile(
                        leading=ft.Icon(icon, color=ft.Colors.PRIMARY),
                        title=ft.Text(t.t(key)),
                        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                        on_click=lambda _, to=to: ft.context.page.navigate(to),
                    ),
                )
                for name, icon, key, to in items
            ],
            spacing=0,
        )
    )
