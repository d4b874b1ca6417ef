"""The dispatcher where it runs: in the app's lifespan, as `python -m server dispatch`, and
with the development sink that keeps GET /dev/outbox (how testers read OTPs) working."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import pytest
from sqlalchemy import select

from server.main import create_app
from server.models import OutboxMessage
from server.notify.channels import build_senders
from server.notify.runtime import make_dispatcher
from tests.server.notice_fakes import FakeGateway
from tests.server.test_outbox import outbox, queue


@pytest.fixture
def settings_overrides() -> dict:
    return {"outbox_poll_seconds": 0.05}


async def wait_until_sent(ctx, ids: list[int], within: float = 10.0) -> dict:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        rows = await outbox(ctx)
        if all(rows[i].status == "sent" for i in ids):
            return rows
        assert asyncio.get_running_loop().time() < deadline, {i: rows[i].status for i in ids}
        await asyncio.sleep(0.05)


async def test_dev_sink_sends_and_the_otp_stays_readable(api, client, ctx):
    r = await client.post("/auth/otp", json={"phone": "0369999999", "purpose": "register"})
    assert r.status_code == 202
    dispatcher = make_dispatcher(ctx.settings, ctx.sessions, build_senders(ctx.settings))
    assert await dispatcher.run_until_idle() >= 1
    async with ctx.sessions() as s:
        row = (
            await s.execute(select(OutboxMessage).where(OutboxMessage.to == "+84369999999"))
        ).scalar_one()
    assert row.status == "sent" and row.channel == "sms"
    entries = (await client.get("/dev/outbox", params={"to": "0369999999"})).json()
    assert entries[0]["status"] == "sent" and entries[0]["body"] == row.body
    assert len(await api.last_otp("0369999999")) == 6


async def test_the_app_lifespan_runs_the_dispatcher_and_stops_it(ctx):
    app = create_app(ctx=ctx)
    async with app.router.lifespan_context(app):
        runtime = ctx.notices
        assert runtime.dispatcher is not None
        ids = await queue(ctx, "sms", 3)
        await wait_until_sent(ctx, ids)
    assert runtime is not None and ctx.notices is None and runtime.closing.is_set()
    assert all(t.done() for t in runtime._tasks)


async def test_dispatcher_can_be_left_out_of_api_workers(ctx, settings):
    app = create_app(ctx=ctx)
    ctx.settings = settings.model_copy(update={"dispatcher_in_app": False})
    async with app.router.lifespan_context(app):
        assert ctx.notices is not None and ctx.notices.dispatcher is None
        [msg_id] = await queue(ctx, "sms", 1)
        await asyncio.sleep(0.3)
    assert (await outbox(ctx))[msg_id].status == "pending"


def cli_env(settings, gw: FakeGateway) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIENNHA_")}
    env |= {
        "DIENNHA_DATA_DIR": str(settings.data_dir),
        "DIENNHA_SMS_GATEWAY_URL": gw.url,
        "DIENNHA_GATEWAY_TOKEN": gw.token,
        "DIENNHA_OUTBOX_POLL_SECONDS": "0.05",
    }
    if settings.db_url:
        env["DIENNHA_DB_URL"] = settings.db_url
    return env


async def run_cli(*args: str, env: dict) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server",
        "dispatch",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_dispatch_command_once(ctx, settings):
    gw = FakeGateway()
    await gw.start()
    ids = await queue(ctx, "sms", 2)
    proc = await run_cli("--once", env=cli_env(settings, gw))
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    await gw.stop()
    assert proc.returncode == 0, err.decode()
    assert "outbox: 2 message(s) settled" in out.decode()
    assert sorted(gw.accepted) == sorted(f"diennha-outbox-{i}" for i in ids)


async def test_dispatch_command_runs_until_sigterm(ctx, settings):
    gw = FakeGateway()
    await gw.start()
    proc = await run_cli(env=cli_env(settings, gw))
    try:
        ids = await queue(ctx, "sms", 3)
        await wait_until_sent(ctx, ids, within=30)
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 15)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await gw.stop()
    assert proc.returncode == 0, (await proc.stderr.read()).decode()
    assert len(gw.accepted) == 3 and gw.keys_sent_more_than_once() == []
