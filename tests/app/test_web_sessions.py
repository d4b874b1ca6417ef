"""Web tabs at month-end: an idle signed-in tab is signed out on the server (token revoked) and
sent to sign-in; a closed tab's token is revoked when Flet evicts it; guests are left alone."""

from __future__ import annotations

import httpx

from app.config import load_settings
from app.services.preferences import MemoryPreferences
from app.services.token_store import MemoryTokenStore
from app.session import SessionHolder, build_session
from app.web_sessions import WebSessions, env_seconds
from tests.app.fake_backend import FakeBackend, tokens


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeSession:
    def __init__(self) -> None:
        self.dispatched: list[str] = []

    async def dispatch_event(self, control_id, name, data):
        self.dispatched.append(name)


class FakePage:
    def __init__(self) -> None:
        self.session = FakeSession()
        self.routes: list[str] = []

    def navigate(self, route: str) -> None:
        self.routes.append(route)


def signed_in_holder(backend: FakeBackend) -> SessionHolder:
    settings = load_settings(environ={"DIENNHA_PROFILE": "web"})

    def make():
        return build_session(
            settings,
            MemoryTokenStore(),
            MemoryPreferences(),
            transport=httpx.MockTransport(backend),
            server_side=True,
        )

    return SessionHolder(make=make)


def backend() -> FakeBackend:
    b = FakeBackend()
    b.on("POST", "auth/login", tokens(1))
    b.on("POST", "auth/logout", 204)
    return b


async def sign_in(holder: SessionHolder) -> None:
    await holder.current.services.auth.sign_in("0901234567", "DienNha@2025")
    holder.current.state.signed_in()


async def test_an_idle_signed_in_tab_is_signed_out_on_the_server():
    b, clock = backend(), Clock()
    tabs = WebSessions(idle_s=900, clock=clock)
    page, holder = FakePage(), signed_in_holder(b)
    await sign_in(holder)
    tabs.track(page, holder)
    clock.now += 899
    assert await tabs.reclaim_idle() == 0
    await page.session.dispatch_event(7, "click", None)  # someone tapped: time starts again
    clock.now += 600
    assert await tabs.reclaim_idle() == 0
    clock.now += 300
    assert await tabs.reclaim_idle() == 1
    logout = [r for r in b.calls if r.url.path.endswith("auth/logout")]
    assert len(logout) == 1 and b.body(logout[0])["refresh_token"] == tokens(1)["refresh_token"]
    assert holder.current.state.session != "signed_in"
    assert holder.current.state.error == "session_idle" and page.routes == ["/sign-in"]
    assert holder.generation == 1  # a fresh session: nothing of the person's data is kept
    assert page.session.dispatched == ["click"]  # events still reach the app
    clock.now += 3600
    assert await tabs.reclaim_idle() == 0  # a guest tab has nothing to revoke
    tabs._task and tabs._task.cancel()


async def test_resizes_and_route_changes_are_not_activity():
    b, clock = backend(), Clock()
    tabs = WebSessions(idle_s=60, clock=clock)
    page, holder = FakePage(), signed_in_holder(b)
    await sign_in(holder)
    tabs.track(page, holder)
    clock.now += 59
    await page.session.dispatch_event(1, "resize", None)
    await page.session.dispatch_event(1, "route_change", {"route": "/"})
    clock.now += 1
    assert await tabs.reclaim_idle() == 1
    tabs._task and tabs._task.cancel()


async def test_a_closed_tab_revokes_its_token_and_is_forgotten():
    b = backend()
    tabs = WebSessions(idle_s=900)
    page, holder = FakePage(), signed_in_holder(b)
    await sign_in(holder)
    tabs.track(page, holder)
    await holder.close(revoke=True)
    tabs.forget(page)
    assert [r.url.path.rsplit("/", 2)[-2:] for r in b.calls][-1] == ["auth", "logout"]
    assert tabs.tabs == {} and tabs.closed == 1
    tabs._task and tabs._task.cancel()


async def test_a_closed_desktop_window_does_not_revoke():
    b = backend()
    holder = signed_in_holder(b)
    await sign_in(holder)
    await holder.close()
    assert not any(r.url.path.endswith("auth/logout") for r in b.calls)


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("DIENNHA_WEB_IDLE_S", "120")
    assert env_seconds("DIENNHA_WEB_IDLE_S", 900) == 120
    monkeypatch.setenv("DIENNHA_WEB_IDLE_S", "nope")
    assert env_seconds("DIENNHA_WEB_IDLE_S", 900) == 900
