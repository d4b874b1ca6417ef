"""Command line: `python -m server serve|migrate|seed|makemigration …` (see --help)."""

from __future__ import annotations

import argparse
import asyncio
import logging.config
import os
import sys

from server.config import settings_or_exit
from server.logging_setup import log_config


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from server import migrate

    # the workers read their settings again (spawned processes inherit the environment)
    os.environ.setdefault("DIENNHA_GC_TUNING", "true")
    settings = settings_or_exit()
    if settings.is_dev or args.migrate:
        migrate.upgrade(settings)
    if args.seed_demo:
        from server.seed.demo import seed_demo

        asyncio.run(seed_demo(settings, only_if_empty=True))
    uvicorn.run(
        "server.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level="info",
        log_config=log_config(),
        access_log=args.access_log,
    )


def cmd_migrate(args: argparse.Namespace) -> None:
    from server import migrate

    migrate.upgrade(settings_or_exit(), args.revision)
    print("database schema is up to date")


def cmd_seed(args: argparse.Namespace) -> None:
    from server.seed.demo import seed_demo

    settings = settings_or_exit()
    if not args.demo:
        print("nothing to seed: pass --demo", file=sys.stderr)
        sys.exit(2)
    from server import migrate

    migrate.upgrade(settings)
    created = asyncio.run(seed_demo(settings, only_if_empty=args.if_empty))
    print("demo data seeded" if created else "demo data already present")


def cmd_makemigration(args: argparse.Namespace) -> None:
    from server import migrate

    migrate.revision(settings_or_exit(), args.message)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m server", description="Điện Nhà backend")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the HTTP API (migrates first in dev mode)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--migrate", action="store_true", help="migrate also in prod mode")
    s.add_argument(
        "--seed-demo", action="store_true", help="seed demo data if the database is empty"
    )
    s.add_argument("--access-log", action="store_true")
    s.add_argument(
        "--forwarded-allow-ips", default="127.0.0.1", help="proxies trusted for X-Forwarded-For"
    )
    s.set_defaults(func=cmd_serve)
    m = sub.add_parser("migrate", help="bring the database schema up to date")
    m.add_argument("revision", nargs="?", default="head")
    m.set_defaults(func=cmd_migrate)
    d = sub.add_parser("seed", help="load demo data")
    d.add_argument("--demo", action="store_true")
    d.add_argument("--if-empty", action="store_true", help="only when no contract exists yet")
    d.set_defaults(func=cmd_seed)
    r = sub.add_parser("makemigration", help="(developers) autogenerate an alembic revision")
    r.add_argument("message")
    r.set_defaults(func=cmd_makemigration)
    for register in _extra_commands():
        register(sub)
    return p


def _extra_commands():
    """Feature modules add their own subcommands (bill-run, import-readings, dispatch…)."""
    from server.cli_intervals import register as intervals
    from server.notify.cli import register as dispatch

    try:
        from server.cli_billing import register
    except ImportError:
        return [dispatch, intervals]
    return [register, dispatch, intervals]


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
