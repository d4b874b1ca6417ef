"""One screen per article kind: news, fraud warning, privacy policy."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_services, use_t
from app.i18n import Translator
from app.views.articles.view_model import ArticlesViewModel
from app.views.articles.widgets import official_links_card
from app.views.hooks import use_load, use_view_model
from app.widgets.screen import screen
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from domain.models import Article, ArticleKind

TITLES: dict[ArticleKind, str] = {
    "news": "articles.news",
    "fraud": "articles.fraud",
    "privacy": "articles.privacy",
    "guide": "articles.guide",
}


def article_card(t: Translator, article: Article, expanded: bool) -> ft.Control:
    return ft.Card(
        ft.ExpansionTile(
            title=ft.Text(article.title, weight=ft.FontWeight.BOLD),
            subtitle=ft.Text(f"{t.date(article.published_at.date())} · {article.summary}"),
            expanded=expanded,
            controls=[
                ft.Container(
                    ft.Text(article.body),
                    padding=ft.Padding.only(left=16, right=16, bottom=16),
                )
            ],
        )
    )


@ft.component
def ArticlesView() -> ft.View:
    params = ft.use_route_params()
    kind: ArticleKind = next((k for k in TITLES if k == params.get("kind")), "news")
    services = use_services()
    state = use_app_state()
    t = use_t()
    # the same screen reused for another kind gets a fresh view model
    vm = use_view_model(lambda s: ArticlesViewModel(public=s.public, kind=kind), key=kind)

    async def load() -> None:
        await vm.load(state.locale)

    use_load(load, vm.kind, state.locale)

    if vm.error:
        body: list[ft.Control] = [load_failed(t, vm.error, load)]
    elif not vm.loaded:  # also before the first load starts: never "no articles" too early
        body = [loading(t.t("common.loading"))]
    elif not vm.items:
        body = [empty(t.t("articles.empty"))]
    else:
        # A policy is one document: open it; news and warnings are a list to scan.
        body = [article_card(t, a, expanded=len(vm.items) == 1) for a in vm.items]
    if kind == "fraud":
        settings = services.settings
        card = official_links_card(t, services.link_policy, settings.official_site)
        body += [card] if card else []
    # Back to where the person came from: their home, the kiosk start screen, or guest home.
    if state.session == "signed_in":
        back = "/"
    else:
        back = "/welcome" if services.settings.is_kiosk else "/guest"
    return screen(
        f"/guest/articles/{kind}",
        t.t(TITLES[kind]),
        [
            tagged(
                f"articles-{kind}",
                ft.Column(body, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                container=True,
            )
        ],
        back_to=back,
    )
