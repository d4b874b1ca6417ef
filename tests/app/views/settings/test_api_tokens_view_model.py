"""Mã truy cập cá nhân's view model with a fake repository: checks before sending, the token
shown once, the list refreshed, revoking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.views.settings.api_tokens_view_model import ApiTokensViewModel
from domain.models.api_tokens import ApiTokenCreated, ApiTokenPublic

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


class FakeTokens:
    def __init__(self) -> None:
        self.rows: list[ApiTokenPublic] = []
        self.created: list[tuple] = []

    async def mine(self) -> list[ApiTokenPublic]:
        return list(self.rows)

    async def create(self, name, scopes, codes, days) -> ApiTokenCreated:
        self.created.append((name, scopes, codes, days))
        row = ApiTokenCreated(
            id=len(self.rows) + 1,
            name=name,
            hint="dnp_abcd",
            scopes=scopes,
            customer_codes=codes,
            created_at=NOW,
            expires_at=NOW + timedelta(days=days),
            last_used_at=None,
            expired=False,
            token="dnp_abcdefgh",
        )
        self.rows.insert(0, ApiTokenPublic(**row.model_dump(exclude={"token"})))
        return row

    async def revoke(self, token_id: int) -> None:
        self.rows = [r for r in self.rows if r.id != token_id]


async def test_checks_then_creates_and_shows_the_token_once():
    repo = FakeTokens()
    vm = ApiTokensViewModel(repo=repo)
    await vm.load()
    assert vm.loaded and vm.tokens == []
    vm.toggle_scope("read:usage", False)
    assert not await vm.create()
    assert vm.field_errors == {"name": "required", "scopes": "required"} and repo.created == []
    vm.name, vm.days = "  Home Assistant ", 90
    vm.toggle_scope("read:bills", True)
    vm.toggle_scope("read:usage", True)
    vm.toggle_scope("write:bills", True)  # not a scope: ignored
    vm.bind_to("PE01000123456")
    vm.set_days(7)  # not offered: the choice stays
    assert await vm.create()
    assert repo.created == [("Home Assistant", ["read:usage", "read:bills"], ["PE01000123456"], 90)]
    assert vm.created is not None and vm.created.token == "dnp_abcdefgh"
    assert [t.name for t in vm.tokens] == ["Home Assistant"] and vm.name == ""


async def test_revoking_removes_it_and_hides_the_shown_token():
    repo = FakeTokens()
    vm = ApiTokensViewModel(repo=repo)
    vm.name = "Grafana"
    await vm.create()
    await vm.revoke(1)
    assert vm.tokens == [] and vm.created is None and vm.notice == "api_tokens.revoked"
