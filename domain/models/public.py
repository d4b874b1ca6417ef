"""Public content for guests and kiosks: articles and offices."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

ArticleKind = Literal["news", "fraud", "privacy", "guide"]


class Article(BaseModel):
    id: int
    kind: ArticleKind
    slug: str
    language: Literal["vi", "en"]
    title: str
    summary: str
    body: str
    published_at: datetime


class Office(BaseModel):
    id: int
    name: str
    address: str
    phone: str
    hours: str
    area: str


class Company(BaseModel):
    """The company's name and customer-service line: configured data, never a placeholder."""

    name: str
    hotline: str
