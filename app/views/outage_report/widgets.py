"""Pieces of the outage screens: the safety advice, an incident's status and timeline."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.widgets.semantics import tagged
from domain.models.incidents import IncidentPublic

STATUS_COLOURS = {
    "restored": ft.Colors.TERTIARY,  # theme roles: dark mode keeps its contrast
    "not_our_fault": ft.Colors.ON_SURFACE_VARIANT,
    "lapsed": ft.Colors.ON_SURFACE_VARIANT,
}


def safety_advice(t: Translator, hotline: str) -> ft.Control:
    """Shown the moment "hazard" is chosen (before sending, offline too)."""
    lines = [t.t(f"incidents.safety_{i}") for i in (1, 2, 3)]
    return tagged(
        "safety-advice",
        ft.Container(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.WARNING_AMBER, color=ft.Colors.ON_ERROR_CONTAINER),
                            ft.Text(
                                t.t("incidents.safety_title"),
                                weight=ft.FontWeight.BOLD,
                                color=ft.Colors.ON_ERROR_CONTAINER,
                                expand=True,
                            ),
                        ]
                    ),
                    *[ft.Text("• " + line, color=ft.Colors.ON_ERROR_CONTAINER) for line in lines],
                    ft.Text(
                        t.t("incidents.safety_call", hotline=hotline),
                        weight=ft.FontWeight.BOLD,
                        color=ft.Colors.ON_ERROR_CONTAINER,
                    ),
                ],
                spacing=6,
            ),
            bgcolor=ft.Colors.ERROR_CONTAINER,
            border_radius=12,
            padding=16,
        ),
        container=True,
    )


def status_chip(t: Translator, status: str) -> ft.Control:
    colour = STATUS_COLOURS.get(status, ft.Colors.PRIMARY)
    return ft.Container(
        ft.Text(t.t(f"incidents.status.{status}"), size=12, color=colour),
        border=ft.Border.all(1, colour),
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=8, vertical=2),
    )


def eta_text(t: Translator, inc: IncidentPublic) -> ft.Control | None:
    if inc.eta is None or inc.status not in ("reported", "confirmed", "crew_dispatched"):
        return None
    return tagged(
        "incident-eta",
        ft.Text(t.t("incidents.eta", at=t.datetime(inc.eta)), weight=ft.FontWeight.BOLD),
    )


def incident_card(t: Translator, inc: IncidentPublic) -> ft.Control:
    """The area, status, estimate and the timeline (newest last, as work goes)."""
    steps = [
        ft.ListTile(
            leading=ft.Icon(ft.Icons.RADIO_BUTTON_CHECKED, color=ft.Colors.PRIMARY),
            title=ft.Text(t.t(f"incidents.status.{e.status}")),
            subtitle=ft.Text(
                " · ".join(
                    x
                    for x in (
                        t.datetime(e.at),
                        t.t("incidents.eta", at=t.datetime(e.eta)) if e.eta else "",
                        e.note or "",
                    )
                    if x
                )
            ),
        )
        for e in inc.timeline
    ]
    head: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(
                    inc.area_name or inc.area,
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    expand=True,
                ),
                status_chip(t, inc.status),
            ]
        )
    ]
    if (eta := eta_text(t, inc)) is not None:
        head.append(eta)
    if inc.hazard:
        head.append(ft.Text(t.t("incidents.hazard_known"), color=ft.Colors.ERROR))
    return ft.Column(
        [
            *head,
            tagged("incident-timeline", ft.Card(ft.Column(list(steps), spacing=0)), container=True),
        ],
        spacing=8,
    )


def report_entry(t: Translator, identifier: str, on_click) -> ft.Control:
    """ "Báo mất điện" on the homes: one tap to the report form."""
    return tagged(
        identifier,
        ft.Card(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.POWER_OFF_OUTLINED, color=ft.Colors.ERROR),
                title=ft.Text(t.t("incidents.report")),
                subtitle=ft.Text(t.t("incidents.report_hint")),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=on_click,
            )
        ),
    )
