"""Vì sao hóa đơn thay đổi: the sentence and its parts on the bill detail (issue 18)."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.bills.explain_view_model import ExplainViewModel
from app.views.bills.widgets import line, period_short, section
from app.views.hooks import use_load, use_view_model
from app.widgets.semantics import tagged
from app.widgets.states import error_notice, loading
from app.widgets.touch import target_style, touch_height


def signed_money(t: Translator, amount: int) -> str:
    sign = "+" if amount > 0 else "−" if amount < 0 else ""
    return f"{sign}{t.money(abs(amount))}"


def explain_controls(t: Translator, vm: ExplainViewModel, pick) -> list[ft.Control]:
    async def changed(e: ft.Event[ft.SegmentedButton]) -> None:
        if e.control.selected:
            await pick(e.control.selected[0])

    choices = [(a, t.t(f"insight.against.{a}")) for a in ("previous", "last_year")]
    against = ft.SegmentedButton(
        style=target_style(touch_height()),
        segments=[ft.Segment(value=v, label=ft.Text(text)) for v, text in choices],
        selected=[vm.against],
        show_selected_icon=False,
        on_change=changed,
    )
    rows: list[ft.Control] = [tagged("bill-explain-against", against, label=t.t("insight.title"))]
    found = vm.explanation
    if vm.error and found is None:
        return [*rows, error_notice(t.error(vm.error))]
    if found is None:
        return [*rows, loading(t.t("common.loading"))]
    rows.append(
        tagged(
            "bill-explain-sentence",
            ft.Text(found.sentence, theme_style=ft.TextThemeStyle.BODY_LARGE),
            container=True,
        )
    )
    for effect in vm.effects:
        rows.append(
            tagged(
                f"bill-explain-{effect.kind}",
                line(t.t(f"insight.kind.{effect.kind}"), signed_money(t, effect.amount)),
                container=True,
            )
        )
    if found.against_bill is not None:
        other = found.against_bill
        rows.append(
            ft.Text(
                t.t(
                    "insight.against_bill",
                    period=period_short(t, other),
                    amount=t.money(other.total),
                ),
                size=12,
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
        rows.append(ft.Text(t.t("insight.method"), size=12, color=ft.Colors.ON_SURFACE_VARIANT))
    return rows


def review_controls(t: Translator, vm: ExplainViewModel) -> list[ft.Control]:
    """Yêu cầu kiểm tra lại hóa đơn: one tap; then what was filed and where to follow it."""
    go = ft.context.page.navigate
    if vm.filed is not None:
        rid = vm.filed.request_id
        return [
            tagged(
                "bill-review-filed",
                ft.Text(t.t("insight.review_filed", tracking_no=vm.filed.tracking_no)),
                container=True,
            ),
            tagged(
                "bill-review-open",
                ft.TextButton(
                    t.t("insight.review_follow"),
                    height=touch_height(),
                    on_click=lambda: go(f"/services/requests/{rid}"),
                ),
            ),
        ]

    async def tap() -> None:
        await vm.review()

    rows: list[ft.Control] = [
        tagged(
            "bill-review",
            ft.OutlinedButton(
                t.t("insight.review"),
                icon=ft.Icons.FACT_CHECK_OUTLINED,
                height=touch_height(),
                disabled=vm.reviewing,
                on_click=tap,
            ),
        ),
        ft.Text(t.t("insight.review_note"), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if vm.review_error is not None:
        code = vm.review_error.code
        key = "insight.review_open" if code == "review_open" else None
        rows.append(error_notice(t.t(key) if key else t.error(vm.review_error)))
    return rows


@ft.component
def BillExplainSection(bill_id: int) -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    vm = use_view_model(lambda s: ExplainViewModel(repo=s.bills, lang=t.locale), key=t.locale)

    async def load() -> None:
        await vm.load(accounts.selected_code, bill_id, t.locale)

    use_load(load, accounts.selected_code, bill_id, t.locale)
    controls = [*explain_controls(t, vm, vm.compare_with), ft.Divider(height=8)]
    return section(t.t("insight.title"), [*controls, *review_controls(t, vm)], "bill-explain")
