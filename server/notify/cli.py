"""`python -m server dispatch`: the outbox dispatcher as its own process (or a one-off drain)."""

from __future__ import annotations

import argparse
import asyncio
import signal


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "dispatch",
        help="send queued SMS/Zalo/e-mail/push (safe to run next to API workers and each other)",
    )
    p.add_argument("--once", action="store_true", help="send what is due now, then exit")
    p.set_defaults(func=cmd_dispatch)


def cmd_dispatch(args: argparse.Namespace) -> None:
    from server.config import settings_or_exit

    asyncio.run(_dispatch(settings_or_exit(), once=args.once))


async def _dispatch(settings, *, once: bool) -> None:
    from server.db import create_engine, create_session_factory
    from server.notify.channels import close_senders
    from server.notify.runtime import make_dispatcher

    engine = create_engine(settings)
    dispatcher = make_dispatcher(settings, create_session_factory(engine))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        if once:
            print(f"outbox: {await dispatcher.run_until_idle()} message(s) settled")
        else:
            await dispatcher.run(stop)
    finally:
        await close_senders(dispatcher.senders)
        await engine.dispose()
