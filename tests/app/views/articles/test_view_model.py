"""Tin tức, cảnh báo lừa đảo, hướng dẫn, quyền riêng tư: articles of one kind in a language."""

from __future__ import annotations

from app.services.errors import OfflineError
from app.views.articles.view_model import ArticlesViewModel
from tests.app.fakes import FakePublic


async def test_loads_the_kind_in_the_persons_language():
    public = FakePublic(articles_per_kind=3)
    vm = ArticlesViewModel(public=public, kind="fraud")
    assert not vm.loaded and vm.items == []  # the screen shows "loading", not "no articles"
    await vm.load("en")
    assert public.calls == [("articles", "fraud", "en")]
    assert vm.loaded and vm.error is None
    assert [a.slug for a in vm.items] == ["fraud-1", "fraud-2", "fraud-3"]
    assert {a.language for a in vm.items} == {"en"}


async def test_a_language_change_loads_again_and_replaces_the_list():
    public = FakePublic()
    vm = ArticlesViewModel(public=public, kind="news")
    await vm.load("vi")
    await vm.load("en")
    assert public.calls == [("articles", "news", "vi"), ("articles", "news", "en")]
    assert {a.language for a in vm.items} == {"en"}


async def test_no_articles_is_loaded_and_empty():
    vm = ArticlesViewModel(public=FakePublic(articles_per_kind=0), kind="guide")
    await vm.load("vi")
    assert vm.loaded and vm.items == [] and vm.error is None


async def test_offline_is_an_error_not_an_empty_list_and_retry_recovers():
    public = FakePublic(fail_with=OfflineError(code="offline"))
    vm = ArticlesViewModel(public=public, kind="privacy")
    await vm.load("vi")
    assert vm.error is not None and vm.error.code == "offline" and not vm.loaded
    public.fail_with = None
    await vm.load("vi")
    assert vm.error is None and vm.loaded and len(vm.items) == 2
