"""Loads the public articles of one kind in the person's language."""

from __future__ import annotations

from dataclasses import dataclass, field

import flet as ft

from app.services.protocols import PublicRepo
from app.views.form_state import FormState
from domain.models import Article, ArticleKind


@ft.observable
@dataclass(kw_only=True)
class ArticlesViewModel(FormState):
    public: PublicRepo
    kind: ArticleKind
    items: list[Article] = field(default_factory=list)
    loaded: bool = False

    async def load(self, language: str) -> None:
        async def call() -> None:
            self.items = await self.public.articles(self.kind, language)
            self.loaded = True

        await self.run(call)
