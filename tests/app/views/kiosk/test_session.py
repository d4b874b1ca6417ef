"""A kiosk session ends ("Tôi đã xong" or idle time): the server is told, and nothing of the
person — accounts, notices, tokens, language, view-model state — is reachable any more."""

from __future__ import annotations

import gc
import json
import logging
import types

import httpx
import pytest

from app.config import load_settings
from app.services.preferences import MemoryPreferences
from app.services.token_store import MemoryTokenStore
from app.session import ClientSession, SessionHolder, build_session
from app.views.auth.view_model import SignInViewModel
from app.views.kiosk.idle_watch import IdleWatch
from app.views.kiosk.view_model import KioskLookupViewModel
from tests.app.fake_backend import FakeBackend

PHONE, CODE, NAME = "0938000111", "PE02000777888", "Phạm Quốc Dũng"
ACCESS, REFRESH = "access-kiosk-7f3a9c", "refresh-kiosk-0d1e2f3a4b5c"
SECRETS = (PHONE, CODE, NAME, ACCESS, REFRESH, "45 Lê Lợi", "Hóa đơn tháng 10")


def person_backend() -> FakeBackend:
    backend = FakeBackend()
    tokens = {"access_token": ACCESS, "refresh_token": REFRESH, "token_type": "bearer"}
    backend.on("POST", "auth/login/otp", tokens | {"expires_in": 900})
    backend.on("POST", "auth/otp", 202)
    backend.on("POST", "auth/logout", 204)
    backend.on(
        "GET",
        "accounts",
        [
            {
                "customer_code": CODE,
                "role": "owner",
                "status": "approved",
                "name": NAME,
                "address": "45 Lê Lợi, Phường Bến Thành",
                "meter_type": "ami",
                "link_id": 7,
            }
        ],
    )
    notice = {
        "id": 1,
        "kind": "bill_issued",
        "title": "Hóa đơn tháng 10",
        "body": f"{CODE}: 699.883 đ",
        "created_at": "2026-11-01T01:00:00Z",
        "customer_code": CODE,
    }
    backend.on("GET", "notifications", {"items": [notice], "next_cursor": None, "unread_count": 1})
    return backend


def reachable_strings(root: object) -> str:
    """Every string reachable from `root` through plain objects (not modules or classes, and
    not the fake server behind the MockTransport: it stands for the network)."""
    seen: set[int] = set()
    found: list[str] = []
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, types.ModuleType | type | FakeBackend):
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            found.append(obj)
            continue
        if isinstance(obj, bytes):
            found.append(obj.decode("utf-8", "replace"))
            continue
        if isinstance(obj, types.FunctionType):
            stack.extend(c.cell_contents for c in obj.__closure__ or () if _filled(c))
            continue
        if isinstance(obj, dict) and "__builtins__" in obj:  # a module's globals
            continue
        stack.extend(gc.get_referents(obj))
    return "\n".join(found)


def _filled(cell) -> bool:
    try:
        cell.cell_contents  # noqa: B018
    except ValueError:
        return False
    return True


@pytest.fixture
def holder_and_backend():
    backend = person_backend()
    transport = httpx.MockTransport(backend)
    settings = load_settings(environ={"DIENNHA_PROFILE": "kiosk"})
    stores: list[MemoryTokenStore] = []

    def fresh() -> ClientSession:
        stores.append(MemoryTokenStore())
        return build_session(settings, stores[-1], MemoryPreferences(), transport=transport)

    holder = SessionHolder(make=fresh)
    return holder, backend, stores


async def use_the_kiosk(session: ClientSession) -> KioskLookupViewModel:
    """What one person does: sign in with a code, read codes and notices, switch language."""
    form = SignInViewModel(auth=session.services.auth, otp_only=True, phone=PHONE)
    assert form.mode == "otp"
    assert await form.send_otp()
    form.otp = "123456"
    assert await form.submit(), form.error
    session.state.signed_in()
    session.state.set_locale("en")
    await session.accounts.load()
    await session.notices.load()
    assert session.accounts.selected_code == CODE and session.notices.items
    return KioskLookupViewModel(public=session.services.public, code=CODE)


@pytest.mark.parametrize("how", ["done", "idle"])
async def test_after_the_session_ends_nothing_of_the_person_is_reachable(holder_and_backend, how):
    holder, backend, stores = holder_and_backend
    old = holder.current
    await use_the_kiosk(old)
    assert REFRESH in reachable_strings(old)  # the walk does find what a session holds

    if how == "idle":
        clock = [0.0]
        idle = IdleWatch(idle_s=10, warning_s=4, clock=lambda: clock[0])
        idle.touch()
        clock[0] = 7.0
        assert not idle.tick() and idle.remaining == 3
        clock[0] = 10.5
        assert idle.tick()
    await holder.end()

    logout = [r for r in backend.calls if r.url.path.endswith("/auth/logout")]
    assert len(logout) == 1 and json.loads(logout[0].content)["refresh_token"] == REFRESH
    # The old objects are emptied too, in case a closure somewhere still holds one.
    assert old.api.credentials.access_token is None and await stores[0].load() is None
    assert old.accounts.accounts == [] and old.accounts.selected_code is None
    assert old.notices.items == [] and old.notices.unread_count == 0
    # The new session starts from nothing: signed out, default language, no data.
    new = holder.current
    assert new is not old and holder.generation == 1
    assert new.state.session != "signed_in" and new.state.locale == "vi"
    assert new.accounts.accounts == [] and new.notices.items == []
    assert await stores[1].load() is None and new.api.credentials.access_token is None
    text = reachable_strings(new)
    for secret in SECRETS:
        assert secret not in text, secret
    await holder.close()


async def test_server_unreachable_still_wipes(holder_and_backend, caplog):
    holder, backend, stores = holder_and_backend
    old = holder.current
    await use_the_kiosk(old)
    backend.on("POST", "auth/logout", lambda r: (_ for _ in ()).throw(httpx.ConnectError("down")))
    with caplog.at_level(logging.DEBUG):
        await holder.end()
    assert await stores[0].load() is None and old.accounts.accounts == []
    assert holder.generation == 1 and holder.current.state.session != "signed_in"
    assert REFRESH not in caplog.text and ACCESS not in caplog.text
    await holder.close()


def test_the_countdown_shows_only_the_last_seconds_and_a_tap_resets_it():
    clock = [0.0]
    idle = IdleWatch(idle_s=120, warning_s=30, clock=lambda: clock[0])
    clock[0] = 500
    assert not idle.tick() and idle.remaining is None  # nobody used it: nothing to wipe
    idle.touch()
    clock[0] = 589
    assert not idle.tick() and idle.remaining is None
    clock[0] = 590.5
    assert not idle.tick() and idle.remaining == 30
    clock[0] = 605.2
    assert not idle.tick() and idle.remaining == 15
    idle.touch()  # "Tôi vẫn đang dùng", or any tap or key
    assert idle.remaining is None
    clock[0] = 700
    assert not idle.tick()
    clock[0] = 725.5
    assert idle.tick()
    idle.reset()
    assert not idle.used and idle.remaining is None


def test_a_warning_longer_than_the_idle_time_is_cut_to_fit():
    assert IdleWatch(idle_s=8, warning_s=30).warning_s == 7
    assert not IdleWatch(idle_s=0, warning_s=30).enabled


async def test_the_ticker_ends_the_session_once_and_starts_counting_afresh():
    clock = [0.0]
    idle = IdleWatch(idle_s=3, warning_s=2, clock=lambda: clock[0])
    idle.touch()
    ended: list[float] = []

    async def sleep(_s: float) -> None:
        clock[0] += 1
        if clock[0] > 8:
            raise StopAsyncIteration

    async def timed_out() -> None:
        ended.append(clock[0])

    with pytest.raises(StopAsyncIteration):
        await idle.run(timed_out, sleep=sleep)
    assert ended == [3.0] and not idle.used


async def test_a_printed_invoice_leaves_the_machine_with_the_session(holder_and_backend):
    holder, _backend, _stores = holder_and_backend
    printer = holder.current.services.printer
    sent: list[bytes] = []
    printer._send = lambda path: sent.append(path.read_bytes())
    printer.print_pdf(b"%PDF-1.7 " + NAME.encode(), "../../hoa-don-1C26TPE-00000031.pdf")
    folder = printer.folder
    assert sent and folder is not None and folder.is_dir()
    assert [p.name for p in folder.iterdir()] == ["hoa-don-1C26TPE-00000031.pdf"]
    assert folder.stat().st_mode & 0o077 == 0  # this user only
    await holder.end()
    assert not folder.exists() and printer.folder is None
    await holder.close()
