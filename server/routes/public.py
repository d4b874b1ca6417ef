"""Public content for guests and kiosks: articles and offices (no sign-in, no personal data)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy import select

from domain.models import Article, ArticleKind, Company, Office
from server.config import Settings
from server.deps import SessionDep, SettingsDep
from server.models import Article as ArticleRow
from server.models import Office as OfficeRow
from server.problems import AppError
from server.routes.problems_doc import errors

router = APIRouter(prefix="/public", tags=["public"])


@router.get("/articles", responses=errors(422))
async def articles(
    session: SessionDep,
    settings: SettingsDep,
    kind: ArticleKind | None = None,
    lang: Annotated[Literal["vi", "en"], Query()] = "vi",
) -> list[Article]:
    q = select(ArticleRow).where(ArticleRow.language == lang)
    if kind:
        q = q.where(ArticleRow.kind == kind)
    rows = await session.execute(q.order_by(ArticleRow.published_at.desc(), ArticleRow.id))
    return [_with_company(r, settings) for r in rows.scalars()]


@router.get("/articles/{slug}", responses=errors(404, 422))
async def article(
    slug: str,
    session: SessionDep,
    settings: SettingsDep,
    lang: Annotated[Literal["vi", "en"], Query()] = "vi",
) -> Article:
    row = (
        await session.execute(
            select(ArticleRow).where(ArticleRow.slug == slug, ArticleRow.language == lang)
        )
    ).scalar_one_or_none()
    if row is None:
        raise AppError(404, "article_not_found", "There is no article with that name.")
    return _with_company(row, settings)


@router.get("/company")
async def company(settings: SettingsDep) -> Company:
    """The company's name and customer-service line (configured data, for advice screens)."""
    return Company(name=settings.company_name, hotline=settings.hotline)


def _with_company(row: ArticleRow, settings: Settings) -> Article:
    """Articles name the hotline as `{hotline}`: the configured line, never a placeholder."""
    article = Article.model_validate(row, from_attributes=True)
    return article.model_copy(update={"body": article.body.replace("{hotline}", settings.hotline)})


@router.get("/offices")
async def offices(session: SessionDep, area: str | None = None) -> list[Office]:
    q = select(OfficeRow).order_by(OfficeRow.id)
    if area:
        q = q.where(OfficeRow.area == area)
    return [
        Office.model_validate(r, from_attributes=True) for r in (await session.execute(q)).scalars()
    ]
